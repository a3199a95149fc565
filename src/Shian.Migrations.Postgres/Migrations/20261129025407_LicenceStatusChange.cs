using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Shian.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class LicenceStatusChange : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "StatusChangedOn",
                table: "Licences",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "StatusReason",
                table: "Licences",
                type: "character varying(500)",
                maxLength: 500,
                nullable: false,
                defaultValue: "");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "StatusChangedOn",
                table: "Licences");

            migrationBuilder.DropColumn(
                name: "StatusReason",
                table: "Licences");
        }
    }
}
