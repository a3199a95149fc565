using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Shian.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Complaints : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Complaints",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TrackingCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    HotlineTicket = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    ReceivedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ReceivedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    BusinessId = table.Column<Guid>(type: "TEXT", nullable: true),
                    BusinessName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    BusinessCreditCode = table.Column<string>(type: "TEXT", maxLength: 18, nullable: true),
                    Address = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Field = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    OccurredOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ContactName = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    ContactPhone = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    TownshipId = table.Column<Guid>(type: "TEXT", nullable: true),
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: true),
                    HandlerId = table.Column<Guid>(type: "TEXT", nullable: true),
                    HandlerName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    FirstDeadline = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    AcceptedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    MediationDeadline = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    DecidedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    OutcomeNote = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    ReplyDeadline = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Reply = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    ClosedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ClosedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ViolationVerified = table.Column<bool>(type: "INTEGER", nullable: false),
                    ReleasedToBusinessAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    MergedIntoId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Satisfaction = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    ReturnVisitOn = table.Column<DateOnly>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Complaints", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Complaints_Businesses_BusinessId",
                        column: x => x.BusinessId,
                        principalTable: "Businesses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Complaints_Complaints_MergedIntoId",
                        column: x => x.MergedIntoId,
                        principalTable: "Complaints",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Complaints_Townships_TownshipId",
                        column: x => x.TownshipId,
                        principalTable: "Townships",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Complaints_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ComplaintEntries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ComplaintId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    By = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    LinkedId = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ComplaintEntries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ComplaintEntries_Complaints_ComplaintId",
                        column: x => x.ComplaintId,
                        principalTable: "Complaints",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ComplaintEntries_ComplaintId_At",
                table: "ComplaintEntries",
                columns: new[] { "ComplaintId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_ComplaintEntries_LinkedId",
                table: "ComplaintEntries",
                column: "LinkedId");

            migrationBuilder.CreateIndex(
                name: "IX_Complaints_BusinessId_ReceivedOn",
                table: "Complaints",
                columns: new[] { "BusinessId", "ReceivedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_Complaints_Channel_HotlineTicket",
                table: "Complaints",
                columns: new[] { "Channel", "HotlineTicket" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Complaints_MergedIntoId",
                table: "Complaints",
                column: "MergedIntoId");

            migrationBuilder.CreateIndex(
                name: "IX_Complaints_ReceivedOn",
                table: "Complaints",
                column: "ReceivedOn");

            migrationBuilder.CreateIndex(
                name: "IX_Complaints_TownshipId_Status",
                table: "Complaints",
                columns: new[] { "TownshipId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Complaints_TrackingCode",
                table: "Complaints",
                column: "TrackingCode",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Complaints_UnitId_Status",
                table: "Complaints",
                columns: new[] { "UnitId", "Status" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ComplaintEntries");

            migrationBuilder.DropTable(
                name: "Complaints");
        }
    }
}
