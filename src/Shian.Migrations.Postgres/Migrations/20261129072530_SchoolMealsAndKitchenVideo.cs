using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Shian.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class SchoolMealsAndKitchenVideo : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "KitchenVideoLinks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    BusinessId = table.Column<Guid>(type: "uuid", nullable: false),
                    TownshipId = table.Column<Guid>(type: "uuid", nullable: false),
                    Status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ChangedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ChangedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_KitchenVideoLinks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_KitchenVideoLinks_Businesses_BusinessId",
                        column: x => x.BusinessId,
                        principalTable: "Businesses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_KitchenVideoLinks_Townships_TownshipId",
                        column: x => x.TownshipId,
                        principalTable: "Townships",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SchoolMealRecords",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    BusinessId = table.Column<Guid>(type: "uuid", nullable: false),
                    TownshipId = table.Column<Guid>(type: "uuid", nullable: false),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    Meal = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    PersonName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    PersonRole = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Dishes = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Findings = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    EnteredBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    EnteredAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SchoolMealRecords", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SchoolMealRecords_Businesses_BusinessId",
                        column: x => x.BusinessId,
                        principalTable: "Businesses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SchoolMealRecords_Townships_TownshipId",
                        column: x => x.TownshipId,
                        principalTable: "Townships",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "KitchenCameras",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    LinkId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Location = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    StreamUrl = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Online = table.Column<bool>(type: "boolean", nullable: false),
                    OfflineSince = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    AddedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    AddedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_KitchenCameras", x => x.Id);
                    table.ForeignKey(
                        name: "FK_KitchenCameras_KitchenVideoLinks_LinkId",
                        column: x => x.LinkId,
                        principalTable: "KitchenVideoLinks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "KitchenVideoStatusChanges",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    LinkId = table.Column<Guid>(type: "uuid", nullable: false),
                    From = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    To = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Reason = table.Column<string>(type: "character varying(550)", maxLength: 550, nullable: false),
                    By = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_KitchenVideoStatusChanges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_KitchenVideoStatusChanges_KitchenVideoLinks_LinkId",
                        column: x => x.LinkId,
                        principalTable: "KitchenVideoLinks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_KitchenCameras_LinkId",
                table: "KitchenCameras",
                column: "LinkId");

            migrationBuilder.CreateIndex(
                name: "IX_KitchenVideoLinks_BusinessId",
                table: "KitchenVideoLinks",
                column: "BusinessId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_KitchenVideoLinks_TownshipId_Status",
                table: "KitchenVideoLinks",
                columns: new[] { "TownshipId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_KitchenVideoStatusChanges_LinkId_At",
                table: "KitchenVideoStatusChanges",
                columns: new[] { "LinkId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_SchoolMealRecords_BusinessId_Date_Meal",
                table: "SchoolMealRecords",
                columns: new[] { "BusinessId", "Date", "Meal" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SchoolMealRecords_TownshipId_Date",
                table: "SchoolMealRecords",
                columns: new[] { "TownshipId", "Date" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "KitchenCameras");

            migrationBuilder.DropTable(
                name: "KitchenVideoStatusChanges");

            migrationBuilder.DropTable(
                name: "SchoolMealRecords");

            migrationBuilder.DropTable(
                name: "KitchenVideoLinks");
        }
    }
}
