using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Shian.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AssessmentComputedNotes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "NoteArgs",
                table: "AssessmentScores",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "NoteCode",
                table: "AssessmentScores",
                type: "TEXT",
                maxLength: 100,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "NoteArgs",
                table: "AssessmentScores");

            migrationBuilder.DropColumn(
                name: "NoteCode",
                table: "AssessmentScores");
        }
    }
}
