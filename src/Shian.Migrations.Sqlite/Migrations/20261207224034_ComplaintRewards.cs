using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Shian.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ComplaintRewards : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ComplaintRewards",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ComplaintId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DecisionNumber = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    FinesAndConfiscations = table.Column<decimal>(type: "TEXT", precision: 14, scale: 2, nullable: false),
                    NaturalPerson = table.Column<bool>(type: "INTEGER", nullable: false),
                    RegulatorStaff = table.Column<bool>(type: "INTEGER", nullable: false),
                    InjuredParty = table.Column<bool>(type: "INTEGER", nullable: false),
                    Offender = table.Column<bool>(type: "INTEGER", nullable: false),
                    Tier = table.Column<int>(type: "INTEGER", nullable: false),
                    Amount = table.Column<decimal>(type: "TEXT", precision: 12, scale: 2, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ProposedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ProposedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DecidedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    DecidedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    RejectionReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    PaidOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    PaymentReference = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    PaidBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ComplaintRewards", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ComplaintRewards_Complaints_ComplaintId",
                        column: x => x.ComplaintId,
                        principalTable: "Complaints",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ComplaintRewards_ComplaintId",
                table: "ComplaintRewards",
                column: "ComplaintId");

            migrationBuilder.CreateIndex(
                name: "IX_ComplaintRewards_Status",
                table: "ComplaintRewards",
                column: "Status");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ComplaintRewards");
        }
    }
}
