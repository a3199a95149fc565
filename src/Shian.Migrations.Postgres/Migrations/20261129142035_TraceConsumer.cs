using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Shian.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class TraceConsumer : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ProduceCertificates",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Code = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    BusinessId = table.Column<Guid>(type: "uuid", nullable: false),
                    TownshipId = table.Column<Guid>(type: "uuid", nullable: false),
                    ProductName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Category = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Quantity = table.Column<decimal>(type: "numeric(18,3)", precision: 18, scale: 3, nullable: false),
                    Unit = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Mode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Copies = table.Column<int>(type: "integer", nullable: false),
                    ProducerName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Origin = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ContactPhone = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    IssuedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Promised = table.Column<bool>(type: "boolean", nullable: false),
                    SignedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Basis = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ReportNumber = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Gtin = table.Column<string>(type: "character varying(14)", maxLength: 14, nullable: false),
                    Lot = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    RevokedReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    RevokedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    RevokedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProduceCertificates", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProduceCertificates_Businesses_BusinessId",
                        column: x => x.BusinessId,
                        principalTable: "Businesses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "TraceCodes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Code = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    Gtin = table.Column<string>(type: "character varying(14)", maxLength: 14, nullable: false),
                    Lot = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    BusinessId = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TraceCodes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TraceCodes_Businesses_BusinessId",
                        column: x => x.BusinessId,
                        principalTable: "Businesses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "TraceProducts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Gtin = table.Column<string>(type: "character varying(14)", maxLength: 14, nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Specification = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Brand = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    BusinessId = table.Column<Guid>(type: "uuid", nullable: false),
                    TownshipId = table.Column<Guid>(type: "uuid", nullable: false),
                    FoodCategoryCode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Origin = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ShelfLife = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TraceProducts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TraceProducts_Businesses_BusinessId",
                        column: x => x.BusinessId,
                        principalTable: "Businesses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CertificateReceipts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CertificateId = table.Column<Guid>(type: "uuid", nullable: false),
                    BuyerBusinessId = table.Column<Guid>(type: "uuid", nullable: false),
                    BuyerName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Quantity = table.Column<decimal>(type: "numeric(18,3)", precision: 18, scale: 3, nullable: false),
                    ReceivedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    RecordedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CertificateReceipts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CertificateReceipts_Businesses_BuyerBusinessId",
                        column: x => x.BuyerBusinessId,
                        principalTable: "Businesses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CertificateReceipts_ProduceCertificates_CertificateId",
                        column: x => x.CertificateId,
                        principalTable: "ProduceCertificates",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CertificateReceipts_BuyerBusinessId",
                table: "CertificateReceipts",
                column: "BuyerBusinessId");

            migrationBuilder.CreateIndex(
                name: "IX_CertificateReceipts_CertificateId_BuyerBusinessId",
                table: "CertificateReceipts",
                columns: new[] { "CertificateId", "BuyerBusinessId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ProduceCertificates_BusinessId_IssuedOn",
                table: "ProduceCertificates",
                columns: new[] { "BusinessId", "IssuedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_ProduceCertificates_Code",
                table: "ProduceCertificates",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ProduceCertificates_Gtin_Lot",
                table: "ProduceCertificates",
                columns: new[] { "Gtin", "Lot" });

            migrationBuilder.CreateIndex(
                name: "IX_ProduceCertificates_TownshipId_IssuedOn",
                table: "ProduceCertificates",
                columns: new[] { "TownshipId", "IssuedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_TraceCodes_BusinessId",
                table: "TraceCodes",
                column: "BusinessId");

            migrationBuilder.CreateIndex(
                name: "IX_TraceCodes_Code",
                table: "TraceCodes",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TraceCodes_Gtin_Lot",
                table: "TraceCodes",
                columns: new[] { "Gtin", "Lot" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TraceProducts_BusinessId_Name",
                table: "TraceProducts",
                columns: new[] { "BusinessId", "Name" });

            migrationBuilder.CreateIndex(
                name: "IX_TraceProducts_Gtin",
                table: "TraceProducts",
                column: "Gtin",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TraceProducts_TownshipId",
                table: "TraceProducts",
                column: "TownshipId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CertificateReceipts");

            migrationBuilder.DropTable(
                name: "TraceCodes");

            migrationBuilder.DropTable(
                name: "TraceProducts");

            migrationBuilder.DropTable(
                name: "ProduceCertificates");
        }
    }
}
