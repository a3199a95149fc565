using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Shian.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class SamplingAndGrain : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "FoodCategories",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Level = table.Column<int>(type: "INTEGER", nullable: false),
                    ParentId = table.Column<Guid>(type: "TEXT", nullable: true),
                    SamplingOrder = table.Column<int>(type: "INTEGER", nullable: false),
                    ScProductionCode = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    IsAgricultural = table.Column<bool>(type: "INTEGER", nullable: false),
                    Active = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FoodCategories", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FoodCategories_FoodCategories_ParentId",
                        column: x => x.ParentId,
                        principalTable: "FoodCategories",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

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
                name: "Samples",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    TaskSource = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Environment = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    BusinessId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TownshipId = table.Column<Guid>(type: "TEXT", nullable: false),
                    BusinessName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    BusinessAddress = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CreditCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    LicenceNumber = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ContactName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ContactPhone = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    FoodCategoryCode = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    SampleName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Brand = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Specification = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    BatchNumber = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ProductionDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ShelfLife = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Standard = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ScNumber = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Price = table.Column<decimal>(type: "TEXT", precision: 12, scale: 2, nullable: true),
                    Imported = table.Column<bool>(type: "INTEGER", nullable: false),
                    Origin = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Packaging = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    StorageCondition = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    BatchSize = table.Column<decimal>(type: "TEXT", precision: 14, scale: 3, nullable: true),
                    QuantityTaken = table.Column<decimal>(type: "TEXT", precision: 14, scale: 3, nullable: false),
                    BackupQuantity = table.Column<decimal>(type: "TEXT", precision: 14, scale: 3, nullable: false),
                    QuantityUnit = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ProducerName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ProducerAddress = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    SampledOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    SamplingUnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    LaboratoryId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Sampler1 = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Sampler2 = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    OperatorConfirmed = table.Column<bool>(type: "INTEGER", nullable: false),
                    SignerName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    SignedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    SubmittedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ReceiptDeadline = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ReceivedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ReceivedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ReceivedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ReceivedLateDays = table.Column<int>(type: "INTEGER", nullable: false),
                    ReportDeadline = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    TestedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    TestedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Conclusion = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    ReportFileId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ReportedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ReportedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ReportedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Samples", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Samples_Businesses_BusinessId",
                        column: x => x.BusinessId,
                        principalTable: "Businesses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Samples_StoredFiles_ReportFileId",
                        column: x => x.ReportFileId,
                        principalTable: "StoredFiles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Samples_Townships_TownshipId",
                        column: x => x.TownshipId,
                        principalTable: "Townships",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Samples_Units_LaboratoryId",
                        column: x => x.LaboratoryId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Samples_Units_SamplingUnitId",
                        column: x => x.SamplingUnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SamplingPlans",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Population = table.Column<int>(type: "INTEGER", nullable: false),
                    PerThousand = table.Column<decimal>(type: "TEXT", precision: 9, scale: 3, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SamplingPlans", x => x.Id);
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
                name: "SampleTestItems",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SampleId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Order = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Value = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Unit = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Limit = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    MethodStandard = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Judgement = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SampleTestItems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SampleTestItems_Samples_SampleId",
                        column: x => x.SampleId,
                        principalTable: "Samples",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SamplingAllocations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PlanId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Dimension = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    CategoryId = table.Column<Guid>(type: "TEXT", nullable: true),
                    TownshipId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Environment = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Batches = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SamplingAllocations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SamplingAllocations_FoodCategories_CategoryId",
                        column: x => x.CategoryId,
                        principalTable: "FoodCategories",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SamplingAllocations_SamplingPlans_PlanId",
                        column: x => x.PlanId,
                        principalTable: "SamplingPlans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_SamplingAllocations_Townships_TownshipId",
                        column: x => x.TownshipId,
                        principalTable: "Townships",
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
                name: "IX_FoodCategories_Code",
                table: "FoodCategories",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_FoodCategories_ParentId",
                table: "FoodCategories",
                column: "ParentId");

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
                name: "IX_Samples_BusinessId_SampledOn",
                table: "Samples",
                columns: new[] { "BusinessId", "SampledOn" });

            migrationBuilder.CreateIndex(
                name: "IX_Samples_LaboratoryId_Status",
                table: "Samples",
                columns: new[] { "LaboratoryId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Samples_Number",
                table: "Samples",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Samples_ReportFileId",
                table: "Samples",
                column: "ReportFileId");

            migrationBuilder.CreateIndex(
                name: "IX_Samples_SamplingUnitId",
                table: "Samples",
                column: "SamplingUnitId");

            migrationBuilder.CreateIndex(
                name: "IX_Samples_TownshipId_SampledOn",
                table: "Samples",
                columns: new[] { "TownshipId", "SampledOn" });

            migrationBuilder.CreateIndex(
                name: "IX_SampleTestItems_SampleId_Order",
                table: "SampleTestItems",
                columns: new[] { "SampleId", "Order" });

            migrationBuilder.CreateIndex(
                name: "IX_SamplingAllocations_CategoryId",
                table: "SamplingAllocations",
                column: "CategoryId");

            migrationBuilder.CreateIndex(
                name: "IX_SamplingAllocations_PlanId_Dimension",
                table: "SamplingAllocations",
                columns: new[] { "PlanId", "Dimension" });

            migrationBuilder.CreateIndex(
                name: "IX_SamplingAllocations_TownshipId",
                table: "SamplingAllocations",
                column: "TownshipId");

            migrationBuilder.CreateIndex(
                name: "IX_SamplingPlans_Year",
                table: "SamplingPlans",
                column: "Year");

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
                name: "SampleTestItems");

            migrationBuilder.DropTable(
                name: "SamplingAllocations");

            migrationBuilder.DropTable(
                name: "GrainTests");

            migrationBuilder.DropTable(
                name: "Samples");

            migrationBuilder.DropTable(
                name: "FoodCategories");

            migrationBuilder.DropTable(
                name: "SamplingPlans");

            migrationBuilder.DropTable(
                name: "Silos");
        }
    }
}
