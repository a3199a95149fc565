using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Shian.Assessment;
using Shian.Plans;

namespace Shian.Data;

internal sealed class AssessmentSchemeConfiguration : IEntityTypeConfiguration<AssessmentScheme>
{
    public void Configure(EntityTypeBuilder<AssessmentScheme> e)
    {
        e.HasOne<Plan>().WithMany().HasForeignKey(s => s.PlanId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(s => new { s.PlanId, s.Name }).IsUnique();
        e.Property(s => s.Name).HasMaxLength(100);
        e.HasMany(s => s.Criteria).WithOne().HasForeignKey(c => c.SchemeId).OnDelete(DeleteBehavior.Cascade);
        e.Ignore(s => s.MaximumTotal);
    }
}

internal sealed class AssessmentCriterionConfiguration : IEntityTypeConfiguration<AssessmentCriterion>
{
    public void Configure(EntityTypeBuilder<AssessmentCriterion> e)
    {
        e.Property(c => c.Name).HasMaxLength(200);
        e.Property(c => c.Points).HasPrecision(8, 2);
        e.HasOne<PlanIndicator>().WithMany().HasForeignKey(c => c.IndicatorId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AssessmentRoundConfiguration : IEntityTypeConfiguration<AssessmentRound>
{
    public void Configure(EntityTypeBuilder<AssessmentRound> e)
    {
        e.HasOne<AssessmentScheme>().WithMany().HasForeignKey(r => r.SchemeId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(r => new { r.SchemeId, r.Period }).IsUnique();
        e.Property(r => r.Period).HasMaxLength(10);
        e.Property(r => r.PublishedBy).HasMaxLength(100);
        e.HasMany(r => r.Scores).WithOne().HasForeignKey(s => s.RoundId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AssessmentScoreConfiguration : IEntityTypeConfiguration<AssessmentScore>
{
    public void Configure(EntityTypeBuilder<AssessmentScore> e)
    {
        // The subject is a township or a unit depending on the scheme, so it has no foreign key of its own.
        e.HasOne<AssessmentCriterion>().WithMany().HasForeignKey(s => s.CriterionId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(s => new { s.RoundId, s.CriterionId, s.SubjectId }).IsUnique();
        e.Property(s => s.Points).HasPrecision(8, 2);
        e.Property(s => s.Note).HasMaxLength(500);
        e.Property(s => s.NoteCode).HasMaxLength(100);
        e.Property(s => s.NoteArgs).HasMaxLength(1000);
    }
}
