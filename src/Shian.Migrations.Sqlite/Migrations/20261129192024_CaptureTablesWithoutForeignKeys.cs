using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Shian.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class CaptureTablesWithoutForeignKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_EpcisEventEpcs_EpcisEvents_EventId",
                table: "EpcisEventEpcs");

            migrationBuilder.DropForeignKey(
                name: "FK_EpcisEvents_Businesses_BusinessId",
                table: "EpcisEvents");

            migrationBuilder.DropForeignKey(
                name: "FK_EpcisEvents_CaptureJobs_CaptureJobId",
                table: "EpcisEvents");

            migrationBuilder.DropIndex(
                name: "IX_EpcisEvents_CaptureJobId",
                table: "EpcisEvents");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_EpcisEvents_CaptureJobId",
                table: "EpcisEvents",
                column: "CaptureJobId");

            migrationBuilder.AddForeignKey(
                name: "FK_EpcisEventEpcs_EpcisEvents_EventId",
                table: "EpcisEventEpcs",
                column: "EventId",
                principalTable: "EpcisEvents",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_EpcisEvents_Businesses_BusinessId",
                table: "EpcisEvents",
                column: "BusinessId",
                principalTable: "Businesses",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_EpcisEvents_CaptureJobs_CaptureJobId",
                table: "EpcisEvents",
                column: "CaptureJobId",
                principalTable: "CaptureJobs",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }
    }
}
