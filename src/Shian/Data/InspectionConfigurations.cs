using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Shian.Inspections;
using Shian.Organization;
using Shian.Registry;

namespace Shian.Data;

internal sealed class PlannedInspectionConfiguration : IEntityTypeConfiguration<PlannedInspection>
{
    public void Configure(EntityTypeBuilder<PlannedInspection> e)
    {
        e.HasOne<Business>().WithMany().HasForeignKey(p => p.BusinessId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Township>().WithMany().HasForeignKey(p => p.TownshipId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(p => new { p.Year, p.TownshipId, p.Month });
        e.HasIndex(p => new { p.Year, p.BusinessId });
    }
}
