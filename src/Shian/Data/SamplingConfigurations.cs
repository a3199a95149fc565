using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Shian.Sampling;

namespace Shian.Data;

internal sealed class FoodCategoryConfiguration : IEntityTypeConfiguration<FoodCategory>
{
    public void Configure(EntityTypeBuilder<FoodCategory> e)
    {
        e.Property(c => c.Code).HasMaxLength(FoodCategory.CodeMax);
        e.Property(c => c.Name).HasMaxLength(FoodCategory.NameMax);
        e.Property(c => c.ScProductionCode).HasMaxLength(10);
        e.HasIndex(c => c.Code).IsUnique();
        e.HasIndex(c => c.ParentId);
        e.HasOne<FoodCategory>().WithMany().HasForeignKey(c => c.ParentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class SamplingPlanConfiguration : IEntityTypeConfiguration<SamplingPlan>
{
    public void Configure(EntityTypeBuilder<SamplingPlan> e)
    {
        e.Property(p => p.Name).HasMaxLength(SamplingPlan.NameMax);
        e.Property(p => p.CreatedBy).HasMaxLength(100);
        e.Property(p => p.PerThousand).HasPrecision(9, 3);
        e.Ignore(p => p.Quota);
        e.Ignore(p => p.Title);
        e.HasIndex(p => p.Year);
        e.HasMany(p => p.Allocations).WithOne().HasForeignKey(a => a.PlanId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SamplingAllocationConfiguration : IEntityTypeConfiguration<SamplingAllocation>
{
    public void Configure(EntityTypeBuilder<SamplingAllocation> e)
    {
        e.Ignore(a => a.Key);
        e.HasIndex(a => new { a.PlanId, a.Dimension });
        e.HasOne<FoodCategory>().WithMany().HasForeignKey(a => a.CategoryId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Shian.Organization.Township>().WithMany().HasForeignKey(a => a.TownshipId).OnDelete(DeleteBehavior.Restrict);
    }
}
