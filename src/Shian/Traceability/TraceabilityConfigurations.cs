using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Shian.Registry;

namespace Shian.Traceability;

internal sealed class EpcisEventConfiguration : IEntityTypeConfiguration<EpcisEvent>
{
    public void Configure(EntityTypeBuilder<EpcisEvent> e)
    {
        e.Property(x => x.Id).ValueGeneratedNever();
        // Not unique: an error declaration repeats the eventID of the event it corrects.
        e.HasIndex(x => x.EventId);
        e.HasIndex(x => x.EventTime);
        e.HasIndex(x => x.RecordTime);
        e.HasIndex(x => new { x.BusinessId, x.RecordTime });
        e.HasIndex(x => x.CaptureJobId);
        e.Property(x => x.EventId).HasMaxLength(300);
        e.Property(x => x.EventTimeZoneOffset).HasMaxLength(6);
        e.Property(x => x.Action).HasMaxLength(10);
        e.Property(x => x.BizStep).HasMaxLength(300);
        e.Property(x => x.Disposition).HasMaxLength(300);
        e.Property(x => x.ReadPoint).HasMaxLength(300);
        e.Property(x => x.BizLocation).HasMaxLength(300);
        e.HasOne<Business>().WithMany().HasForeignKey(x => x.BusinessId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<CaptureJob>().WithMany().HasForeignKey(x => x.CaptureJobId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(x => x.Epcs).WithOne().HasForeignKey(x => x.EventId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class EpcisEventEpcConfiguration : IEntityTypeConfiguration<EpcisEventEpc>
{
    public void Configure(EntityTypeBuilder<EpcisEventEpc> e)
    {
        e.Property(x => x.Id).ValueGeneratedNever();
        e.HasIndex(x => new { x.Key, x.Role });
        e.HasIndex(x => x.EventId);
        e.Property(x => x.Key).HasMaxLength(300);
        e.Property(x => x.Uom).HasMaxLength(10);
        e.Property(x => x.Quantity).HasPrecision(18, 4);
    }
}

internal sealed class TracePartyConfiguration : IEntityTypeConfiguration<TraceParty>
{
    public void Configure(EntityTypeBuilder<TraceParty> e)
    {
        e.HasIndex(x => x.Key).IsUnique();
        e.HasIndex(x => x.BusinessId);
        e.Property(x => x.Key).HasMaxLength(300);
        e.Property(x => x.Name).HasMaxLength(200);
        e.HasOne<Business>().WithMany().HasForeignKey(x => x.BusinessId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CaptureJobConfiguration : IEntityTypeConfiguration<CaptureJob>
{
    public void Configure(EntityTypeBuilder<CaptureJob> e)
    {
        e.HasIndex(x => new { x.BusinessId, x.CreatedAt });
        e.HasOne<Business>().WithMany().HasForeignKey(x => x.BusinessId).OnDelete(DeleteBehavior.Restrict);
    }
}
