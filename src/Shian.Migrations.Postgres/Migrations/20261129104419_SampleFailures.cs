using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Shian.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class SampleFailures : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Notices",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    BusinessId = table.Column<Guid>(type: "uuid", nullable: true),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: true),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Body = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Link = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ReadAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Notices", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SampleFailures",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SampleId = table.Column<Guid>(type: "uuid", nullable: false),
                    SampleNumber = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    SampleName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    BusinessId = table.Column<Guid>(type: "uuid", nullable: false),
                    BusinessName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    TownshipId = table.Column<Guid>(type: "uuid", nullable: false),
                    LaboratoryId = table.Column<Guid>(type: "uuid", nullable: false),
                    SamplingUnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    SampledOn = table.Column<DateOnly>(type: "date", nullable: false),
                    FailedItems = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    MicrobiologicalOnly = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    NoticeServedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    NoticeServedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    RequestDeadline = table.Column<DateOnly>(type: "date", nullable: false),
                    DisposalDeadline = table.Column<DateOnly>(type: "date", nullable: false),
                    Status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    SalesStopped = table.Column<bool>(type: "boolean", nullable: false),
                    StoppedQuantity = table.Column<decimal>(type: "numeric(14,3)", precision: 14, scale: 3, nullable: true),
                    Recalled = table.Column<bool>(type: "boolean", nullable: false),
                    RecalledQuantity = table.Column<decimal>(type: "numeric(14,3)", precision: 14, scale: 3, nullable: true),
                    SupplierTraced = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CaseNumber = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    PenaltyAmount = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: true),
                    PenaltyDecisionNumber = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    NoPenaltyReason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    MeasuresRecordedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    MeasuresRecordedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    CompletedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    CompletedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CompletedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    CompletionSummary = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Reinspection = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ReinspectionRequestedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ReinspectionRequestedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ReinspectionRequestedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    ReinspectionReason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    ReinspectionDecisionDeadline = table.Column<DateOnly>(type: "date", nullable: true),
                    ReinspectionDecidedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ReinspectionDecidedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    ReinspectionRefusal = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    ReinspectionLaboratoryId = table.Column<Guid>(type: "uuid", nullable: true),
                    ReinspectionReportDeadline = table.Column<DateOnly>(type: "date", nullable: true),
                    ReinspectionReportedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ReinspectionReportedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ReinspectionReportedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    ReinspectionReportFileId = table.Column<Guid>(type: "uuid", nullable: true),
                    Objection = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ObjectionText = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    ObjectionOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ObjectionAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ObjectionBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    ObjectionAnswer = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    ObjectionAnsweredAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ObjectionAnsweredBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SampleFailures", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SampleFailures_Businesses_BusinessId",
                        column: x => x.BusinessId,
                        principalTable: "Businesses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SampleFailures_Samples_SampleId",
                        column: x => x.SampleId,
                        principalTable: "Samples",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SampleFailures_StoredFiles_ReinspectionReportFileId",
                        column: x => x.ReinspectionReportFileId,
                        principalTable: "StoredFiles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SampleFailures_Townships_TownshipId",
                        column: x => x.TownshipId,
                        principalTable: "Townships",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SampleFailures_Units_ReinspectionLaboratoryId",
                        column: x => x.ReinspectionLaboratoryId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Notices_BusinessId_CreatedAt",
                table: "Notices",
                columns: new[] { "BusinessId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Notices_UnitId_CreatedAt",
                table: "Notices",
                columns: new[] { "UnitId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_SampleFailures_BusinessId_NoticeServedOn",
                table: "SampleFailures",
                columns: new[] { "BusinessId", "NoticeServedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_SampleFailures_ReinspectionLaboratoryId",
                table: "SampleFailures",
                column: "ReinspectionLaboratoryId");

            migrationBuilder.CreateIndex(
                name: "IX_SampleFailures_ReinspectionReportFileId",
                table: "SampleFailures",
                column: "ReinspectionReportFileId");

            migrationBuilder.CreateIndex(
                name: "IX_SampleFailures_SampleId",
                table: "SampleFailures",
                column: "SampleId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SampleFailures_TownshipId_NoticeServedOn",
                table: "SampleFailures",
                columns: new[] { "TownshipId", "NoticeServedOn" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Notices");

            migrationBuilder.DropTable(
                name: "SampleFailures");
        }
    }
}
