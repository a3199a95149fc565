using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Shian.Migrations.Sqlite.Migrations
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    BusinessId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TownshipId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProductName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Category = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Quantity = table.Column<decimal>(type: "TEXT", precision: 18, scale: 3, nullable: false),
                    Unit = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Mode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Copies = table.Column<int>(type: "INTEGER", nullable: false),
                    ProducerName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Origin = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ContactPhone = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    IssuedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Promised = table.Column<bool>(type: "INTEGER", nullable: false),
                    SignedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Basis = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ReportNumber = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Gtin = table.Column<string>(type: "TEXT", maxLength: 14, nullable: false),
                    Lot = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    RevokedReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    RevokedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    RevokedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    Gtin = table.Column<string>(type: "TEXT", maxLength: 14, nullable: false),
                    Lot = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    BusinessId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Gtin = table.Column<string>(type: "TEXT", maxLength: 14, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Specification = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Brand = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    BusinessId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TownshipId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FoodCategoryCode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Origin = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ShelfLife = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CertificateId = table.Column<Guid>(type: "TEXT", nullable: false),
                    BuyerBusinessId = table.Column<Guid>(type: "TEXT", nullable: false),
                    BuyerName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Quantity = table.Column<decimal>(type: "TEXT", precision: 18, scale: 3, nullable: false),
                    ReceivedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
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
