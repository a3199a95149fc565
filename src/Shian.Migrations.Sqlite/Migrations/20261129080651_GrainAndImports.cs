using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Shian.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class GrainAndImports : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "GrainPurchaseChecks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    BusinessId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TownshipId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Inspectors = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Findings = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Result = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    SiloRecordsRequired = table.Column<bool>(type: "INTEGER", nullable: false),
                    EnteredBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    EnteredAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GrainPurchaseChecks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_GrainPurchaseChecks_Businesses_BusinessId",
                        column: x => x.BusinessId,
                        principalTable: "Businesses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ImportedFoodChecks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    BusinessId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TownshipId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Product = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    OriginCountry = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    DeclarationNumber = table.Column<string>(type: "TEXT", maxLength: 18, nullable: false),
                    CertificateNumber = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    QuantityKg = table.Column<decimal>(type: "TEXT", precision: 14, scale: 3, nullable: false),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    HealthFood = table.Column<bool>(type: "INTEGER", nullable: false),
                    OnlineVerified = table.Column<bool>(type: "INTEGER", nullable: false),
                    Result = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    EnteredBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    EnteredAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DisposalMethod = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    DisposalDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    DisposalQuantityKg = table.Column<decimal>(type: "TEXT", precision: 14, scale: 3, nullable: true),
                    DisposalWitness = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    DisposedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ImportedFoodChecks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ImportedFoodChecks_Businesses_BusinessId",
                        column: x => x.BusinessId,
                        principalTable: "Businesses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Silos",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    DepotName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    TownshipId = table.Column<Guid>(type: "TEXT", nullable: false),
                    GrainKind = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    CapacityTonnes = table.Column<decimal>(type: "TEXT", precision: 12, scale: 3, nullable: false),
                    StockTonnes = table.Column<decimal>(type: "TEXT", precision: 12, scale: 3, nullable: false),
                    HarvestYear = table.Column<int>(type: "INTEGER", nullable: false),
                    StoredSince = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Silos", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Silos_Townships_TownshipId",
                        column: x => x.TownshipId,
                        principalTable: "Townships",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Silos_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "GrainTests",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SiloId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TownshipId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: true),
                    HalfYearCode = table.Column<int>(type: "INTEGER", nullable: false),
                    TestDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Laboratory = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    QualityPassed = table.Column<bool>(type: "INTEGER", nullable: false),
                    Storage = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    SafetyPassed = table.Column<bool>(type: "INTEGER", nullable: false),
                    EnteredBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    EnteredAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GrainTests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_GrainTests_Silos_SiloId",
                        column: x => x.SiloId,
                        principalTable: "Silos",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "GrainDisposals",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TestId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SiloId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TownshipId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Method = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    QuantityTonnes = table.Column<decimal>(type: "TEXT", precision: 12, scale: 3, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    EnteredBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    EnteredAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GrainDisposals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_GrainDisposals_GrainTests_TestId",
                        column: x => x.TestId,
                        principalTable: "GrainTests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_GrainDisposals_Silos_SiloId",
                        column: x => x.SiloId,
                        principalTable: "Silos",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "GrainTestItems",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TestId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Value = table.Column<decimal>(type: "TEXT", precision: 14, scale: 4, nullable: false),
                    Unit = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Limit = table.Column<decimal>(type: "TEXT", precision: 14, scale: 4, nullable: true),
                    Judgement = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GrainTestItems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_GrainTestItems_GrainTests_TestId",
                        column: x => x.TestId,
                        principalTable: "GrainTests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_GrainDisposals_SiloId",
                table: "GrainDisposals",
                column: "SiloId");

            migrationBuilder.CreateIndex(
                name: "IX_GrainDisposals_TestId",
                table: "GrainDisposals",
                column: "TestId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_GrainPurchaseChecks_BusinessId_Date",
                table: "GrainPurchaseChecks",
                columns: new[] { "BusinessId", "Date" });

            migrationBuilder.CreateIndex(
                name: "IX_GrainPurchaseChecks_TownshipId_Date",
                table: "GrainPurchaseChecks",
                columns: new[] { "TownshipId", "Date" });

            migrationBuilder.CreateIndex(
                name: "IX_GrainTestItems_TestId",
                table: "GrainTestItems",
                column: "TestId");

            migrationBuilder.CreateIndex(
                name: "IX_GrainTests_SiloId_HalfYearCode",
                table: "GrainTests",
                columns: new[] { "SiloId", "HalfYearCode" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_GrainTests_TownshipId_HalfYearCode",
                table: "GrainTests",
                columns: new[] { "TownshipId", "HalfYearCode" });

            migrationBuilder.CreateIndex(
                name: "IX_ImportedFoodChecks_BusinessId",
                table: "ImportedFoodChecks",
                column: "BusinessId");

            migrationBuilder.CreateIndex(
                name: "IX_ImportedFoodChecks_DeclarationNumber",
                table: "ImportedFoodChecks",
                column: "DeclarationNumber");

            migrationBuilder.CreateIndex(
                name: "IX_ImportedFoodChecks_TownshipId_Date",
                table: "ImportedFoodChecks",
                columns: new[] { "TownshipId", "Date" });

            migrationBuilder.CreateIndex(
                name: "IX_Silos_Code",
                table: "Silos",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Silos_TownshipId",
                table: "Silos",
                column: "TownshipId");

            migrationBuilder.CreateIndex(
                name: "IX_Silos_UnitId",
                table: "Silos",
                column: "UnitId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "GrainDisposals");

            migrationBuilder.DropTable(
                name: "GrainPurchaseChecks");

            migrationBuilder.DropTable(
                name: "GrainTestItems");

            migrationBuilder.DropTable(
                name: "ImportedFoodChecks");

            migrationBuilder.DropTable(
                name: "GrainTests");

            migrationBuilder.DropTable(
                name: "Silos");
        }
    }
}
