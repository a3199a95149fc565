using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Shian.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class SamplingPublication : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "PublicToken",
                table: "Samples",
                type: "character varying(22)",
                maxLength: 22,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "SamplingAnnouncements",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    PeriodFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    PeriodTo = table.Column<DateOnly>(type: "date", nullable: false),
                    Status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Number = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    Year = table.Column<int>(type: "integer", nullable: true),
                    Sequence = table.Column<int>(type: "integer", nullable: true),
                    PublishedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ApprovedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ApprovedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    WithdrawnAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    WithdrawnBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    WithdrawnReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SamplingAnnouncements", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SamplingAnnouncements_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SamplingAnnouncementEntries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    AnnouncementId = table.Column<Guid>(type: "uuid", nullable: false),
                    SampleId = table.Column<Guid>(type: "uuid", nullable: false),
                    Order = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SamplingAnnouncementEntries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SamplingAnnouncementEntries_Samples_SampleId",
                        column: x => x.SampleId,
                        principalTable: "Samples",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SamplingAnnouncementEntries_SamplingAnnouncements_Announcem~",
                        column: x => x.AnnouncementId,
                        principalTable: "SamplingAnnouncements",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Samples_PublicToken",
                table: "Samples",
                column: "PublicToken",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SamplingAnnouncementEntries_AnnouncementId_Order",
                table: "SamplingAnnouncementEntries",
                columns: new[] { "AnnouncementId", "Order" });

            migrationBuilder.CreateIndex(
                name: "IX_SamplingAnnouncementEntries_SampleId",
                table: "SamplingAnnouncementEntries",
                column: "SampleId");

            migrationBuilder.CreateIndex(
                name: "IX_SamplingAnnouncements_Number",
                table: "SamplingAnnouncements",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SamplingAnnouncements_Status_PublishedOn",
                table: "SamplingAnnouncements",
                columns: new[] { "Status", "PublishedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_SamplingAnnouncements_UnitId",
                table: "SamplingAnnouncements",
                column: "UnitId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SamplingAnnouncementEntries");

            migrationBuilder.DropTable(
                name: "SamplingAnnouncements");

            migrationBuilder.DropIndex(
                name: "IX_Samples_PublicToken",
                table: "Samples");

            migrationBuilder.DropColumn(
                name: "PublicToken",
                table: "Samples");
        }
    }
}
