using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Shian.Registry;
using Shian.Traceability;

namespace Shian.Data;

internal sealed class TraceReportingRequirementConfiguration : IEntityTypeConfiguration<TraceReportingRequirement>
{
    public void Configure(EntityTypeBuilder<TraceReportingRequirement> e)
    {
        e.HasOne<Business>().WithMany().HasForeignKey(r => r.BusinessId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(r => new { r.BusinessId, r.From });
        e.Property(r => r.SetBy).HasMaxLength(100);
    }
}
