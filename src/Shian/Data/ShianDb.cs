using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Shian.Accounts;
using Shian.Assessment;
using Shian.Audit;
using Shian.Common;
using Shian.Organization;
using Shian.Plans;
using Shian.Registry;
using Shian.Risk;

namespace Shian.Data;

/// <summary>The one database of the platform. Modules use it directly, with explicit projections.</summary>
public class ShianDb(DbContextOptions<ShianDb> options) : IdentityDbContext<ShianUser, ShianRole, Guid>(options),
    Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.IDataProtectionKeyContext
{
    /// <summary>The key ring that protects sign-in cookies and form tokens, shared by every server on this database.</summary>
    public DbSet<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey> DataProtectionKeys =>
        Set<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey>();


    public DbSet<Jurisdiction> Jurisdictions => Set<Jurisdiction>();
    public DbSet<JurisdictionPopulation> JurisdictionPopulations => Set<JurisdictionPopulation>();
    public DbSet<Township> Townships => Set<Township>();
    public DbSet<Unit> Units => Set<Unit>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<OperatorBusiness> OperatorBusinesses => Set<OperatorBusiness>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<CalendarDay> CalendarDays => Set<CalendarDay>();
    public DbSet<StoredFile> StoredFiles => Set<StoredFile>();
    public DbSet<Business> Businesses => Set<Business>();
    public DbSet<Licence> Licences => Set<Licence>();
    public DbSet<Plan> Plans => Set<Plan>();
    public DbSet<PlanTask> PlanTasks => Set<PlanTask>();
    public DbSet<TaskResponsibility> TaskResponsibilities => Set<TaskResponsibility>();
    public DbSet<PlanIndicator> PlanIndicators => Set<PlanIndicator>();
    public DbSet<TaskReport> TaskReports => Set<TaskReport>();
    public DbSet<IndicatorValue> IndicatorValues => Set<IndicatorValue>();
    public DbSet<AssessmentScheme> AssessmentSchemes => Set<AssessmentScheme>();
    public DbSet<AssessmentCriterion> AssessmentCriteria => Set<AssessmentCriterion>();
    public DbSet<AssessmentRound> AssessmentRounds => Set<AssessmentRound>();
    public DbSet<AssessmentScore> AssessmentScores => Set<AssessmentScore>();
    public DbSet<RiskSheetRecord> RiskSheets => Set<RiskSheetRecord>();
    public DbSet<RiskFactor> RiskFactors => Set<RiskFactor>();
    public DbSet<Inspections.PlannedInspection> PlannedInspections => Set<Inspections.PlannedInspection>();
    public DbSet<Inspections.InspectionTeam> InspectionTeams => Set<Inspections.InspectionTeam>();
    public DbSet<Inspections.InspectionTeamMember> InspectionTeamMembers => Set<Inspections.InspectionTeamMember>();
    public DbSet<RiskGrade> RiskGrades => Set<RiskGrade>();
    public DbSet<Credit.SeriousViolation> SeriousViolations => Set<Credit.SeriousViolation>();
    public DbSet<Credit.SeriousViolationRemoval> SeriousViolationRemovals => Set<Credit.SeriousViolationRemoval>();
    public DbSet<Credit.RedBlackRuleRecord> RedBlackRules => Set<Credit.RedBlackRuleRecord>();
    public DbSet<Credit.RedBlackList> RedBlackLists => Set<Credit.RedBlackList>();
    public DbSet<Credit.RedBlackEntry> RedBlackEntries => Set<Credit.RedBlackEntry>();
    public DbSet<RiskRegradeRun> RiskRegradeRuns => Set<RiskRegradeRun>();
    public DbSet<Inspections.Inspection> Inspections => Set<Inspections.Inspection>();
    public DbSet<Rectification.RectificationOrder> RectificationOrders => Set<Rectification.RectificationOrder>();
    public DbSet<Inspections.InspectionItem> InspectionItems => Set<Inspections.InspectionItem>();
    public DbSet<Inspections.InspectionInspector> InspectionInspectors => Set<Inspections.InspectionInspector>();
    public DbSet<Inspections.ChecklistRecord> Checklists => Set<Inspections.ChecklistRecord>();
    public DbSet<Campaigns.Campaign> Campaigns => Set<Campaigns.Campaign>();
    public DbSet<Schools.SchoolMealRecord> SchoolMealRecords => Set<Schools.SchoolMealRecord>();
    public DbSet<KitchenVideo.KitchenVideoLink> KitchenVideoLinks => Set<KitchenVideo.KitchenVideoLink>();
    public DbSet<KitchenVideo.KitchenVideoStatusChange> KitchenVideoStatusChanges => Set<KitchenVideo.KitchenVideoStatusChange>();
    public DbSet<KitchenVideo.KitchenCamera> KitchenCameras => Set<KitchenVideo.KitchenCamera>();
    public DbSet<Sampling.Sample> Samples => Set<Sampling.Sample>();
    public DbSet<Sampling.SampleTestItem> SampleTestItems => Set<Sampling.SampleTestItem>();
    public DbSet<Grain.Silo> Silos => Set<Grain.Silo>();
    public DbSet<Grain.GrainTest> GrainTests => Set<Grain.GrainTest>();
    public DbSet<Grain.GrainTestItem> GrainTestItems => Set<Grain.GrainTestItem>();
    public DbSet<Grain.GrainDisposal> GrainDisposals => Set<Grain.GrainDisposal>();
    public DbSet<Grain.GrainPurchaseCheck> GrainPurchaseChecks => Set<Grain.GrainPurchaseCheck>();
    public DbSet<Grain.ImportedFoodCheck> ImportedFoodChecks => Set<Grain.ImportedFoodCheck>();
    public DbSet<Sampling.FoodCategory> FoodCategories => Set<Sampling.FoodCategory>();
    public DbSet<Sampling.SamplingPlan> SamplingPlans => Set<Sampling.SamplingPlan>();
    public DbSet<Sampling.SamplingAllocation> SamplingAllocations => Set<Sampling.SamplingAllocation>();
    public DbSet<Sampling.SamplingAnnouncement> SamplingAnnouncements => Set<Sampling.SamplingAnnouncement>();
    public DbSet<Sampling.SamplingAnnouncementEntry> SamplingAnnouncementEntries => Set<Sampling.SamplingAnnouncementEntry>();
    public DbSet<Sampling.SampleFailure> SampleFailures => Set<Sampling.SampleFailure>();
    public DbSet<Common.Notice> Notices => Set<Common.Notice>();
    public DbSet<Traceability.EpcisEvent> EpcisEvents => Set<Traceability.EpcisEvent>();
    public DbSet<Traceability.EpcisEventEpc> EpcisEventEpcs => Set<Traceability.EpcisEventEpc>();
    public DbSet<Traceability.TraceParty> TraceParties => Set<Traceability.TraceParty>();
    public DbSet<Traceability.CaptureJob> CaptureJobs => Set<Traceability.CaptureJob>();
    public DbSet<Traceability.TraceReportingRequirement> TraceReportingRequirements => Set<Traceability.TraceReportingRequirement>();
    public DbSet<Ledger.LedgerEntry> LedgerEntries => Set<Ledger.LedgerEntry>();
    public DbSet<Ledger.LedgerNode> LedgerNodes => Set<Ledger.LedgerNode>();
    public DbSet<Ledger.SignedTreeHead> SignedTreeHeads => Set<Ledger.SignedTreeHead>();
    public DbSet<Traceability.ProduceCertificate> ProduceCertificates => Set<Traceability.ProduceCertificate>();
    public DbSet<Traceability.CertificateReceipt> CertificateReceipts => Set<Traceability.CertificateReceipt>();
    public DbSet<Traceability.TraceProduct> TraceProducts => Set<Traceability.TraceProduct>();
    public DbSet<Traceability.TraceCode> TraceCodes => Set<Traceability.TraceCode>();
    public DbSet<Complaints.Complaint> Complaints => Set<Complaints.Complaint>();
    public DbSet<Complaints.ComplaintEntry> ComplaintEntries => Set<Complaints.ComplaintEntry>();
    public DbSet<Complaints.ComplaintReward> ComplaintRewards => Set<Complaints.ComplaintReward>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(ShianDb).Assembly);

        // Every Guid key is a version-7 GUID made by the application: time-ordered, so indexes stay compact.
        foreach (var entity in builder.Model.GetEntityTypes())
        {
            var key = entity.FindPrimaryKey();
            if (key is { Properties: [{ ClrType: var type } property] } && type == typeof(Guid))
            {
                property.SetValueGeneratorFactory((_, _) => new GuidVersion7Generator());
            }
        }
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configuration)
    {
        // Instants are UTC in both databases; SQLite hands them back unspecified, so mark them on the way out.
        configuration.Properties<DateTime>().HaveConversion<UtcConverter>();
        configuration.Properties<DateTime?>().HaveConversion<UtcConverter>();
        // Enums are stored by name: readable in SQL and safe against reordering.
        configuration.Properties<Enum>().HaveConversion<string>().HaveMaxLength(40);
    }

    private sealed class UtcConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));

    private sealed class GuidVersion7Generator : Microsoft.EntityFrameworkCore.ValueGeneration.ValueGenerator<Guid>
    {
        public override bool GeneratesTemporaryValues => false;

        public override Guid Next(Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry entry) => Guid.CreateVersion7();
    }

    /// <summary>The transaction the audit interceptor opened for the current save, if it had to open one.</summary>
    internal Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction? AuditTransaction { get; set; }

    /// <summary>
    /// While set, SaveChanges writes without audit rows: the plain path of <see cref="Performance.BulkInsert"/>, whose
    /// rows bypass the trail on either path (their caller records what it wrote).
    /// </summary>
    internal bool SavingUnaudited { get; set; }
}
