using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Shian.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class LicenceStatusAndInspectionTeams : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "TeamId",
                table: "PlannedInspections",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "StatusChangedOn",
                table: "Licences",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "StatusReason",
                table: "Licences",
                type: "TEXT",
                maxLength: 500,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "InspectionTeams",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    TownshipId = table.Column<Guid>(type: "TEXT", nullable: true),
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Active = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InspectionTeams", x => x.Id);
                    table.CheckConstraint("CK_InspectionTeams_Owner", "(\"TownshipId\" IS NULL AND \"UnitId\" IS NOT NULL) OR (\"TownshipId\" IS NOT NULL AND \"UnitId\" IS NULL)");
                    table.ForeignKey(
                        name: "FK_InspectionTeams_Townships_TownshipId",
                        column: x => x.TownshipId,
                        principalTable: "Townships",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_InspectionTeams_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "InspectionTeamMembers",
                columns: table => new
                {
                    TeamId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InspectionTeamMembers", x => new { x.TeamId, x.UserId });
                    table.ForeignKey(
                        name: "FK_InspectionTeamMembers_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_InspectionTeamMembers_InspectionTeams_TeamId",
                        column: x => x.TeamId,
                        principalTable: "InspectionTeams",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PlannedInspections_TeamId",
                table: "PlannedInspections",
                column: "TeamId");

            migrationBuilder.CreateIndex(
                name: "IX_PlannedInspections_Year_TeamId_Month",
                table: "PlannedInspections",
                columns: new[] { "Year", "TeamId", "Month" });

            migrationBuilder.CreateIndex(
                name: "IX_InspectionTeamMembers_UserId",
                table: "InspectionTeamMembers",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_InspectionTeams_TownshipId_Active",
                table: "InspectionTeams",
                columns: new[] { "TownshipId", "Active" });

            migrationBuilder.CreateIndex(
                name: "IX_InspectionTeams_UnitId_Active",
                table: "InspectionTeams",
                columns: new[] { "UnitId", "Active" });

            migrationBuilder.AddForeignKey(
                name: "FK_PlannedInspections_InspectionTeams_TeamId",
                table: "PlannedInspections",
                column: "TeamId",
                principalTable: "InspectionTeams",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_PlannedInspections_InspectionTeams_TeamId",
                table: "PlannedInspections");

            migrationBuilder.DropTable(
                name: "InspectionTeamMembers");

            migrationBuilder.DropTable(
                name: "InspectionTeams");

            migrationBuilder.DropIndex(
                name: "IX_PlannedInspections_TeamId",
                table: "PlannedInspections");

            migrationBuilder.DropIndex(
                name: "IX_PlannedInspections_Year_TeamId_Month",
                table: "PlannedInspections");

            migrationBuilder.DropColumn(
                name: "TeamId",
                table: "PlannedInspections");

            migrationBuilder.DropColumn(
                name: "StatusChangedOn",
                table: "Licences");

            migrationBuilder.DropColumn(
                name: "StatusReason",
                table: "Licences");
        }
    }
}
