using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Shian.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Assessment : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "TownshipId",
                table: "TaskReports",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "TownshipId",
                table: "IndicatorValues",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "AssessmentSchemes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PlanId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Subjects = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AssessmentSchemes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AssessmentSchemes_Plans_PlanId",
                        column: x => x.PlanId,
                        principalTable: "Plans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "AssessmentCriteria",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SchemeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Order = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Points = table.Column<decimal>(type: "TEXT", precision: 8, scale: 2, nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    IndicatorId = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AssessmentCriteria", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AssessmentCriteria_AssessmentSchemes_SchemeId",
                        column: x => x.SchemeId,
                        principalTable: "AssessmentSchemes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_AssessmentCriteria_PlanIndicators_IndicatorId",
                        column: x => x.IndicatorId,
                        principalTable: "PlanIndicators",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "AssessmentRounds",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SchemeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Period = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Start = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    End = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    PublishedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    PublishedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AssessmentRounds", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AssessmentRounds_AssessmentSchemes_SchemeId",
                        column: x => x.SchemeId,
                        principalTable: "AssessmentSchemes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "AssessmentScores",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    RoundId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CriterionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SubjectId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Points = table.Column<decimal>(type: "TEXT", precision: 8, scale: 2, nullable: true),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AssessmentScores", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AssessmentScores_AssessmentCriteria_CriterionId",
                        column: x => x.CriterionId,
                        principalTable: "AssessmentCriteria",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_AssessmentScores_AssessmentRounds_RoundId",
                        column: x => x.RoundId,
                        principalTable: "AssessmentRounds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_TaskReports_TownshipId",
                table: "TaskReports",
                column: "TownshipId");

            migrationBuilder.CreateIndex(
                name: "IX_IndicatorValues_TownshipId",
                table: "IndicatorValues",
                column: "TownshipId");

            migrationBuilder.CreateIndex(
                name: "IX_AssessmentCriteria_IndicatorId",
                table: "AssessmentCriteria",
                column: "IndicatorId");

            migrationBuilder.CreateIndex(
                name: "IX_AssessmentCriteria_SchemeId",
                table: "AssessmentCriteria",
                column: "SchemeId");

            migrationBuilder.CreateIndex(
                name: "IX_AssessmentRounds_SchemeId_Period",
                table: "AssessmentRounds",
                columns: new[] { "SchemeId", "Period" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AssessmentSchemes_PlanId_Name",
                table: "AssessmentSchemes",
                columns: new[] { "PlanId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AssessmentScores_CriterionId",
                table: "AssessmentScores",
                column: "CriterionId");

            migrationBuilder.CreateIndex(
                name: "IX_AssessmentScores_RoundId_CriterionId_SubjectId",
                table: "AssessmentScores",
                columns: new[] { "RoundId", "CriterionId", "SubjectId" },
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_IndicatorValues_Townships_TownshipId",
                table: "IndicatorValues",
                column: "TownshipId",
                principalTable: "Townships",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_TaskReports_Townships_TownshipId",
                table: "TaskReports",
                column: "TownshipId",
                principalTable: "Townships",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_IndicatorValues_Townships_TownshipId",
                table: "IndicatorValues");

            migrationBuilder.DropForeignKey(
                name: "FK_TaskReports_Townships_TownshipId",
                table: "TaskReports");

            migrationBuilder.DropTable(
                name: "AssessmentScores");

            migrationBuilder.DropTable(
                name: "AssessmentCriteria");

            migrationBuilder.DropTable(
                name: "AssessmentRounds");

            migrationBuilder.DropTable(
                name: "AssessmentSchemes");

            migrationBuilder.DropIndex(
                name: "IX_TaskReports_TownshipId",
                table: "TaskReports");

            migrationBuilder.DropIndex(
                name: "IX_IndicatorValues_TownshipId",
                table: "IndicatorValues");

            migrationBuilder.DropColumn(
                name: "TownshipId",
                table: "TaskReports");

            migrationBuilder.DropColumn(
                name: "TownshipId",
                table: "IndicatorValues");
        }
    }
}
