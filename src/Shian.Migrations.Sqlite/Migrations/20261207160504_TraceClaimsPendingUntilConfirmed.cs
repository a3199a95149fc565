using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Shian.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class TraceClaimsPendingUntilConfirmed : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Claims registered before review existed were first come, first served: they await the office like any new one.
            migrationBuilder.DropIndex(
                name: "IX_TraceProducts_Gtin",
                table: "TraceProducts");

            migrationBuilder.DropIndex(
                name: "IX_TraceParties_Key",
                table: "TraceParties");

            migrationBuilder.AddColumn<string>(
                name: "RejectionReason",
                table: "TraceProducts",
                type: "TEXT",
                maxLength: 500,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<DateTime>(
                name: "ReviewedAt",
                table: "TraceProducts",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReviewedBy",
                table: "TraceProducts",
                type: "TEXT",
                maxLength: 100,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Status",
                table: "TraceProducts",
                type: "TEXT",
                maxLength: 40,
                nullable: false,
                defaultValue: "Pending");

            migrationBuilder.AddColumn<string>(
                name: "RejectionReason",
                table: "TraceParties",
                type: "TEXT",
                maxLength: 500,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<DateTime>(
                name: "ReviewedAt",
                table: "TraceParties",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReviewedBy",
                table: "TraceParties",
                type: "TEXT",
                maxLength: 100,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Status",
                table: "TraceParties",
                type: "TEXT",
                maxLength: 40,
                nullable: false,
                defaultValue: "Pending");

            migrationBuilder.CreateIndex(
                name: "IX_TraceProducts_Gtin_Confirmed",
                table: "TraceProducts",
                column: "Gtin",
                unique: true,
                filter: "\"Status\" = 'Confirmed'");

            migrationBuilder.CreateIndex(
                name: "IX_TraceProducts_Gtin_Status",
                table: "TraceProducts",
                columns: new[] { "Gtin", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_TraceParties_Key_Confirmed",
                table: "TraceParties",
                column: "Key",
                unique: true,
                filter: "\"Status\" = 'Confirmed'");

            migrationBuilder.CreateIndex(
                name: "IX_TraceParties_Key_Status",
                table: "TraceParties",
                columns: new[] { "Key", "Status" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_TraceProducts_Gtin_Confirmed",
                table: "TraceProducts");

            migrationBuilder.DropIndex(
                name: "IX_TraceProducts_Gtin_Status",
                table: "TraceProducts");

            migrationBuilder.DropIndex(
                name: "IX_TraceParties_Key_Confirmed",
                table: "TraceParties");

            migrationBuilder.DropIndex(
                name: "IX_TraceParties_Key_Status",
                table: "TraceParties");

            migrationBuilder.DropColumn(
                name: "RejectionReason",
                table: "TraceProducts");

            migrationBuilder.DropColumn(
                name: "ReviewedAt",
                table: "TraceProducts");

            migrationBuilder.DropColumn(
                name: "ReviewedBy",
                table: "TraceProducts");

            migrationBuilder.DropColumn(
                name: "Status",
                table: "TraceProducts");

            migrationBuilder.DropColumn(
                name: "RejectionReason",
                table: "TraceParties");

            migrationBuilder.DropColumn(
                name: "ReviewedAt",
                table: "TraceParties");

            migrationBuilder.DropColumn(
                name: "ReviewedBy",
                table: "TraceParties");

            migrationBuilder.DropColumn(
                name: "Status",
                table: "TraceParties");

            migrationBuilder.CreateIndex(
                name: "IX_TraceProducts_Gtin",
                table: "TraceProducts",
                column: "Gtin",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TraceParties_Key",
                table: "TraceParties",
                column: "Key",
                unique: true);
        }
    }
}
