using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Shian.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class TraceabilityFoundation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Gtin",
                table: "Samples",
                type: "character varying(14)",
                maxLength: 14,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "CaptureJobs",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    BusinessId = table.Column<Guid>(type: "uuid", nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    FinishedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    EventCount = table.Column<int>(type: "integer", nullable: false),
                    ContextJson = table.Column<string>(type: "text", nullable: false),
                    ErrorsJson = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaptureJobs", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CaptureJobs_Businesses_BusinessId",
                        column: x => x.BusinessId,
                        principalTable: "Businesses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "TraceParties",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Key = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    BusinessId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TraceParties", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TraceParties_Businesses_BusinessId",
                        column: x => x.BusinessId,
                        principalTable: "Businesses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "EpcisEvents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    EventId = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Type = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    EventTime = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    EventTimeZoneOffset = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    RecordTime = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Action = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    BizStep = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    Disposition = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    ReadPoint = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    BizLocation = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    BusinessId = table.Column<Guid>(type: "uuid", nullable: false),
                    CaptureJobId = table.Column<Guid>(type: "uuid", nullable: false),
                    IsErrorDeclaration = table.Column<bool>(type: "boolean", nullable: false),
                    Json = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EpcisEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EpcisEvents_Businesses_BusinessId",
                        column: x => x.BusinessId,
                        principalTable: "Businesses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_EpcisEvents_CaptureJobs_CaptureJobId",
                        column: x => x.CaptureJobId,
                        principalTable: "CaptureJobs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "EpcisEventEpcs",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    EventId = table.Column<Guid>(type: "uuid", nullable: false),
                    Role = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Key = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Quantity = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: true),
                    Uom = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EpcisEventEpcs", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EpcisEventEpcs_EpcisEvents_EventId",
                        column: x => x.EventId,
                        principalTable: "EpcisEvents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Samples_Gtin_BatchNumber",
                table: "Samples",
                columns: new[] { "Gtin", "BatchNumber" });

            migrationBuilder.CreateIndex(
                name: "IX_CaptureJobs_BusinessId_CreatedAt",
                table: "CaptureJobs",
                columns: new[] { "BusinessId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_EpcisEventEpcs_EventId",
                table: "EpcisEventEpcs",
                column: "EventId");

            migrationBuilder.CreateIndex(
                name: "IX_EpcisEventEpcs_Key_Role",
                table: "EpcisEventEpcs",
                columns: new[] { "Key", "Role" });

            migrationBuilder.CreateIndex(
                name: "IX_EpcisEvents_BusinessId_RecordTime",
                table: "EpcisEvents",
                columns: new[] { "BusinessId", "RecordTime" });

            migrationBuilder.CreateIndex(
                name: "IX_EpcisEvents_CaptureJobId",
                table: "EpcisEvents",
                column: "CaptureJobId");

            migrationBuilder.CreateIndex(
                name: "IX_EpcisEvents_EventId",
                table: "EpcisEvents",
                column: "EventId");

            migrationBuilder.CreateIndex(
                name: "IX_EpcisEvents_EventTime",
                table: "EpcisEvents",
                column: "EventTime");

            migrationBuilder.CreateIndex(
                name: "IX_EpcisEvents_RecordTime",
                table: "EpcisEvents",
                column: "RecordTime");

            migrationBuilder.CreateIndex(
                name: "IX_TraceParties_BusinessId",
                table: "TraceParties",
                column: "BusinessId");

            migrationBuilder.CreateIndex(
                name: "IX_TraceParties_Key",
                table: "TraceParties",
                column: "Key",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "EpcisEventEpcs");

            migrationBuilder.DropTable(
                name: "TraceParties");

            migrationBuilder.DropTable(
                name: "EpcisEvents");

            migrationBuilder.DropTable(
                name: "CaptureJobs");

            migrationBuilder.DropIndex(
                name: "IX_Samples_Gtin_BatchNumber",
                table: "Samples");

            migrationBuilder.DropColumn(
                name: "Gtin",
                table: "Samples");
        }
    }
}
