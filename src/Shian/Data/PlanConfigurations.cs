using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Shian.Organization;
using Shian.Plans;

namespace Shian.Data;

internal sealed class PlanConfiguration : IEntityTypeConfiguration<Plan>
{
    public void Configure(EntityTypeBuilder<Plan> e)
    {
        e.HasIndex(p => p.Year).IsUnique();
        e.Property(p => p.Title).HasMaxLength(200);
        e.Property(p => p.Issuer).HasMaxLength(200);
        e.Property(p => p.SourceHash).HasMaxLength(64);
        e.HasMany(p => p.Tasks).WithOne().HasForeignKey(t => t.PlanId).OnDelete(DeleteBehavior.Cascade);
        e.Ignore(p => p.Schedule);
    }
}

internal sealed class PlanTaskConfiguration : IEntityTypeConfiguration<PlanTask>
{
    public void Configure(EntityTypeBuilder<PlanTask> e)
    {
        e.HasIndex(t => new { t.PlanId, t.Section, t.Number });
        e.Property(t => t.Label).HasMaxLength(10);
        e.Property(t => t.Section).HasMaxLength(100);
        e.Property(t => t.Title).HasMaxLength(200);
        e.HasMany(t => t.Responsibilities).WithOne().HasForeignKey(r => r.TaskId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(t => t.Indicators).WithOne().HasForeignKey(i => i.TaskId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class TaskResponsibilityConfiguration : IEntityTypeConfiguration<TaskResponsibility>
{
    public void Configure(EntityTypeBuilder<TaskResponsibility> e)
    {
        e.HasOne(r => r.Unit).WithMany().HasForeignKey(r => r.UnitId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(r => r.UnitId);
        e.Property(r => r.PrintedName).HasMaxLength(100);
    }
}

internal sealed class PlanIndicatorConfiguration : IEntityTypeConfiguration<PlanIndicator>
{
    public void Configure(EntityTypeBuilder<PlanIndicator> e)
    {
        e.Property(i => i.Subject).HasMaxLength(300);
        e.Property(i => i.Comparator).HasMaxLength(2);
        e.Property(i => i.Unit).HasMaxLength(20);
        e.Property(i => i.Metric).HasMaxLength(60);
        e.Property(i => i.Value).HasPrecision(18, 4);
        e.Ignore(i => i.Target);
        e.HasOne<Unit>().WithMany().HasForeignKey(i => i.OwnerUnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class TaskReportConfiguration : IEntityTypeConfiguration<TaskReport>
{
    public void Configure(EntityTypeBuilder<TaskReport> e)
    {
        // Reports outlive a corrected plan document only if their task does; a task is never deleted once reported on.
        e.HasOne<PlanTask>().WithMany().HasForeignKey(r => r.TaskId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Unit>().WithMany().HasForeignKey(r => r.UnitId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Township>().WithMany().HasForeignKey(r => r.TownshipId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(r => new { r.TaskId, r.UnitId, r.Period });
        e.Property(r => r.Period).HasMaxLength(10);
        e.Property(r => r.Text).HasMaxLength(4000);
        e.Property(r => r.SubmittedBy).HasMaxLength(100);
        e.Property(r => r.ReviewedBy).HasMaxLength(100);
        e.Property(r => r.ReviewComment).HasMaxLength(1000);
    }
}

internal sealed class IndicatorValueConfiguration : IEntityTypeConfiguration<IndicatorValue>
{
    public void Configure(EntityTypeBuilder<IndicatorValue> e)
    {
        // Reported values are evidence: an import never deletes them silently (PlanImport refuses instead).
        e.HasOne<PlanIndicator>().WithMany().HasForeignKey(v => v.IndicatorId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Unit>().WithMany().HasForeignKey(v => v.UnitId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Township>().WithMany().HasForeignKey(v => v.TownshipId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(v => new { v.IndicatorId, v.AsOf });
        e.Property(v => v.Value).HasPrecision(18, 4);
        e.Property(v => v.Evidence).HasMaxLength(2000);
        e.Property(v => v.SubmittedBy).HasMaxLength(100);
    }
}
