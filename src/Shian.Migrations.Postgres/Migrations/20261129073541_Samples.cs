using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Shian.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Samples : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Samples",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    TaskSource = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Environment = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    BusinessId = table.Column<Guid>(type: "uuid", nullable: false),
                    TownshipId = table.Column<Guid>(type: "uuid", nullable: false),
                    BusinessName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    BusinessAddress = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CreditCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    LicenceNumber = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ContactName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ContactPhone = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    FoodCategoryCode = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    SampleName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Brand = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Specification = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    BatchNumber = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ProductionDate = table.Column<DateOnly>(type: "date", nullable: true),
                    ShelfLife = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Standard = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ScNumber = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Price = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: true),
                    Imported = table.Column<bool>(type: "boolean", nullable: false),
                    Origin = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Packaging = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    StorageCondition = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    BatchSize = table.Column<decimal>(type: "numeric(14,3)", precision: 14, scale: 3, nullable: true),
                    QuantityTaken = table.Column<decimal>(type: "numeric(14,3)", precision: 14, scale: 3, nullable: false),
                    BackupQuantity = table.Column<decimal>(type: "numeric(14,3)", precision: 14, scale: 3, nullable: false),
                    QuantityUnit = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ProducerName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ProducerAddress = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    SampledOn = table.Column<DateOnly>(type: "date", nullable: false),
                    SamplingUnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    LaboratoryId = table.Column<Guid>(type: "uuid", nullable: false),
                    Sampler1 = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Sampler2 = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    OperatorConfirmed = table.Column<bool>(type: "boolean", nullable: false),
                    SignerName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    SignedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    SubmittedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ReceiptDeadline = table.Column<DateOnly>(type: "date", nullable: true),
                    ReceivedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ReceivedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ReceivedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    ReceivedLateDays = table.Column<int>(type: "integer", nullable: false),
                    ReportDeadline = table.Column<DateOnly>(type: "date", nullable: true),
                    TestedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    TestedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Conclusion = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    ReportFileId = table.Column<Guid>(type: "uuid", nullable: true),
                    ReportedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ReportedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ReportedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Samples", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Samples_Businesses_BusinessId",
                        column: x => x.BusinessId,
                        principalTable: "Businesses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Samples_StoredFiles_ReportFileId",
                        column: x => x.ReportFileId,
                        principalTable: "StoredFiles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Samples_Townships_TownshipId",
                        column: x => x.TownshipId,
                        principalTable: "Townships",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Samples_Units_LaboratoryId",
                        column: x => x.LaboratoryId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Samples_Units_SamplingUnitId",
                        column: x => x.SamplingUnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SampleTestItems",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SampleId = table.Column<Guid>(type: "uuid", nullable: false),
                    Order = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Value = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Unit = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Limit = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    MethodStandard = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Judgement = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SampleTestItems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SampleTestItems_Samples_SampleId",
                        column: x => x.SampleId,
                        principalTable: "Samples",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Samples_BusinessId_SampledOn",
                table: "Samples",
                columns: new[] { "BusinessId", "SampledOn" });

            migrationBuilder.CreateIndex(
                name: "IX_Samples_LaboratoryId_Status",
                table: "Samples",
                columns: new[] { "LaboratoryId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Samples_Number",
                table: "Samples",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Samples_ReportFileId",
                table: "Samples",
                column: "ReportFileId");

            migrationBuilder.CreateIndex(
                name: "IX_Samples_SamplingUnitId",
                table: "Samples",
                column: "SamplingUnitId");

            migrationBuilder.CreateIndex(
                name: "IX_Samples_TownshipId_SampledOn",
                table: "Samples",
                columns: new[] { "TownshipId", "SampledOn" });

            migrationBuilder.CreateIndex(
                name: "IX_SampleTestItems_SampleId_Order",
                table: "SampleTestItems",
                columns: new[] { "SampleId", "Order" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SampleTestItems");

            migrationBuilder.DropTable(
                name: "Samples");
        }
    }
}
