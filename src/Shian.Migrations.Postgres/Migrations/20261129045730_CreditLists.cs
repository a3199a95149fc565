using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Shian.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class CreditLists : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "DecidedOn",
                table: "SeriousViolations",
                type: "date",
                nullable: false,
                defaultValue: new DateOnly(1, 1, 1));

            migrationBuilder.AddColumn<string>(
                name: "Provision",
                table: "SeriousViolations",
                type: "character varying(500)",
                maxLength: 500,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<DateOnly>(
                name: "RemovedOn",
                table: "SeriousViolations",
                type: "date",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "RedBlackLists",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Month = table.Column<DateOnly>(type: "date", nullable: false),
                    Status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    RulesVersion = table.Column<int>(type: "integer", nullable: false),
                    GeneratedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    GeneratedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ApprovedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ApprovedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RedBlackLists", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RedBlackRules",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    EffectiveFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    Content = table.Column<string>(type: "text", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RedBlackRules", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SeriousViolationRemovals",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SeriousViolationId = table.Column<Guid>(type: "uuid", nullable: false),
                    ByOperator = table.Column<bool>(type: "boolean", nullable: false),
                    Reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Repair = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    RepairNote = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    RequestedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    RequestedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    RequestedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Decision = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    DecisionNote = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    DecidedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    DecidedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SeriousViolationRemovals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SeriousViolationRemovals_SeriousViolations_SeriousViolation~",
                        column: x => x.SeriousViolationId,
                        principalTable: "SeriousViolations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "RedBlackEntries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ListId = table.Column<Guid>(type: "uuid", nullable: false),
                    BusinessId = table.Column<Guid>(type: "uuid", nullable: false),
                    Side = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    BusinessName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Address = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Township = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Excluded = table.Column<bool>(type: "boolean", nullable: false),
                    ExcludedReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RedBlackEntries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RedBlackEntries_Businesses_BusinessId",
                        column: x => x.BusinessId,
                        principalTable: "Businesses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_RedBlackEntries_RedBlackLists_ListId",
                        column: x => x.ListId,
                        principalTable: "RedBlackLists",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_RedBlackEntries_BusinessId",
                table: "RedBlackEntries",
                column: "BusinessId");

            migrationBuilder.CreateIndex(
                name: "IX_RedBlackEntries_ListId_BusinessId",
                table: "RedBlackEntries",
                columns: new[] { "ListId", "BusinessId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RedBlackLists_Month",
                table: "RedBlackLists",
                column: "Month",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RedBlackRules_Version",
                table: "RedBlackRules",
                column: "Version",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SeriousViolationRemovals_SeriousViolationId",
                table: "SeriousViolationRemovals",
                column: "SeriousViolationId");

            // Listings recorded before this migration: the decision date is taken to be the day they started.
            migrationBuilder.Sql("UPDATE \"SeriousViolations\" SET \"DecidedOn\" = \"From\"");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "RedBlackEntries");

            migrationBuilder.DropTable(
                name: "RedBlackRules");

            migrationBuilder.DropTable(
                name: "SeriousViolationRemovals");

            migrationBuilder.DropTable(
                name: "RedBlackLists");

            migrationBuilder.DropColumn(
                name: "DecidedOn",
                table: "SeriousViolations");

            migrationBuilder.DropColumn(
                name: "Provision",
                table: "SeriousViolations");

            migrationBuilder.DropColumn(
                name: "RemovedOn",
                table: "SeriousViolations");
        }
    }
}
