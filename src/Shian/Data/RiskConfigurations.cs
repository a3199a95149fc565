using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Shian.Registry;
using Shian.Risk;

namespace Shian.Data;

internal sealed class RiskSheetRecordConfiguration : IEntityTypeConfiguration<RiskSheetRecord>
{
    public void Configure(EntityTypeBuilder<RiskSheetRecord> e)
    {
        e.HasIndex(s => new { s.Name, s.Version }).IsUnique();
        e.Property(s => s.Name).HasMaxLength(100);
    }
}

internal sealed class RiskFactorConfiguration : IEntityTypeConfiguration<RiskFactor>
{
    public void Configure(EntityTypeBuilder<RiskFactor> e)
    {
        e.HasOne<Business>().WithMany().HasForeignKey(f => f.BusinessId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(f => new { f.BusinessId, f.Date });
        e.HasIndex(f => f.Date); // the regrade reads one window of all businesses' factors
        e.Property(f => f.ItemCode).HasMaxLength(40);
        e.Property(f => f.Points).HasPrecision(6, 2);
        e.Property(f => f.Reason).HasMaxLength(500);
        e.Property(f => f.Source).HasMaxLength(40);
        e.Property(f => f.RecordedBy).HasMaxLength(100);
    }
}

internal sealed class RiskGradeConfiguration : IEntityTypeConfiguration<RiskGrade>
{
    public void Configure(EntityTypeBuilder<RiskGrade> e)
    {
        e.HasOne<Business>().WithMany().HasForeignKey(g => g.BusinessId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(g => new { g.BusinessId, g.GradedAt });
        // The current grades (SupersededAt null) are what lists and the distribution read.
        e.HasIndex(g => new { g.SupersededAt, g.Grade });
        e.Property(g => g.Score).HasPrecision(6, 2);
        e.Property(g => g.StaticScore).HasPrecision(6, 2);
        e.Property(g => g.DynamicScore).HasPrecision(6, 2);
        e.Property(g => g.SheetName).HasMaxLength(100);
        e.Property(g => g.Breakdown).HasMaxLength(2000);
        e.Property(g => g.Reason).HasMaxLength(1000);
        e.Property(g => g.GradedBy).HasMaxLength(100);
    }
}

internal sealed class RiskRegradeRunConfiguration : IEntityTypeConfiguration<RiskRegradeRun>
{
    public void Configure(EntityTypeBuilder<RiskRegradeRun> e)
    {
        e.HasIndex(r => r.At);
        e.Property(r => r.By).HasMaxLength(100);
        e.Property(r => r.PerGrade).HasMaxLength(100);
        e.Property(r => r.Digest).HasMaxLength(64);
    }
}

internal sealed class SeriousViolationConfiguration : IEntityTypeConfiguration<Shian.Credit.SeriousViolation>
{
    public void Configure(EntityTypeBuilder<Shian.Credit.SeriousViolation> e)
    {
        e.HasOne<Business>().WithMany().HasForeignKey(v => v.BusinessId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(v => v.BusinessId);
        e.Property(v => v.Basis).HasMaxLength(500);
        e.Property(v => v.Provision).HasMaxLength(500);
        e.Property(v => v.RecordedBy).HasMaxLength(100);
    }
}

internal sealed class SeriousViolationRemovalConfiguration : IEntityTypeConfiguration<Shian.Credit.SeriousViolationRemoval>
{
    public void Configure(EntityTypeBuilder<Shian.Credit.SeriousViolationRemoval> e)
    {
        e.HasOne<Shian.Credit.SeriousViolation>().WithMany().HasForeignKey(r => r.SeriousViolationId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(r => r.SeriousViolationId);
        e.Property(r => r.Reason).HasMaxLength(1000);
        e.Property(r => r.RepairNote).HasMaxLength(1000);
        e.Property(r => r.RequestedBy).HasMaxLength(100);
        e.Property(r => r.DecisionNote).HasMaxLength(1000);
        e.Property(r => r.DecidedBy).HasMaxLength(100);
    }
}

internal sealed class RedBlackRuleRecordConfiguration : IEntityTypeConfiguration<Shian.Credit.RedBlackRuleRecord>
{
    public void Configure(EntityTypeBuilder<Shian.Credit.RedBlackRuleRecord> e)
    {
        e.HasIndex(r => r.Version).IsUnique();
    }
}

internal sealed class RedBlackListConfiguration : IEntityTypeConfiguration<Shian.Credit.RedBlackList>
{
    public void Configure(EntityTypeBuilder<Shian.Credit.RedBlackList> e)
    {
        e.HasIndex(r => r.Month).IsUnique();
        e.Property(r => r.GeneratedBy).HasMaxLength(100);
        e.Property(r => r.ApprovedBy).HasMaxLength(100);
    }
}

internal sealed class RedBlackEntryConfiguration : IEntityTypeConfiguration<Shian.Credit.RedBlackEntry>
{
    public void Configure(EntityTypeBuilder<Shian.Credit.RedBlackEntry> e)
    {
        e.HasOne<Shian.Credit.RedBlackList>().WithMany().HasForeignKey(x => x.ListId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Business>().WithMany().HasForeignKey(x => x.BusinessId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => new { x.ListId, x.BusinessId }).IsUnique();
        e.Property(x => x.Reason).HasMaxLength(500);
        e.Property(x => x.BusinessName).HasMaxLength(200);
        e.Property(x => x.Address).HasMaxLength(500);
        e.Property(x => x.Township).HasMaxLength(100);
        e.Property(x => x.ExcludedReason).HasMaxLength(500);
    }
}
