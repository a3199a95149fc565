using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Shian.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class InspectionPlan : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "PlannedInspections",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    BusinessId = table.Column<Guid>(type: "uuid", nullable: false),
                    TownshipId = table.Column<Guid>(type: "uuid", nullable: false),
                    Month = table.Column<int>(type: "integer", nullable: false),
                    Visit = table.Column<int>(type: "integer", nullable: false),
                    Grade = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    DoneOn = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PlannedInspections", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PlannedInspections_Businesses_BusinessId",
                        column: x => x.BusinessId,
                        principalTable: "Businesses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PlannedInspections_Townships_TownshipId",
                        column: x => x.TownshipId,
                        principalTable: "Townships",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PlannedInspections_BusinessId",
                table: "PlannedInspections",
                column: "BusinessId");

            migrationBuilder.CreateIndex(
                name: "IX_PlannedInspections_TownshipId",
                table: "PlannedInspections",
                column: "TownshipId");

            migrationBuilder.CreateIndex(
                name: "IX_PlannedInspections_Year_BusinessId",
                table: "PlannedInspections",
                columns: new[] { "Year", "BusinessId" });

            migrationBuilder.CreateIndex(
                name: "IX_PlannedInspections_Year_TownshipId_Month",
                table: "PlannedInspections",
                columns: new[] { "Year", "TownshipId", "Month" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PlannedInspections");
        }
    }
}
