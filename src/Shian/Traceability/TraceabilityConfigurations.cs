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
        e.Property(x => x.EventId).HasMaxLength(300);
        e.Property(x => x.EventTimeZoneOffset).HasMaxLength(6);
        e.Property(x => x.Action).HasMaxLength(10);
        e.Property(x => x.BizStep).HasMaxLength(300);
        e.Property(x => x.Disposition).HasMaxLength(300);
        e.Property(x => x.ReadPoint).HasMaxLength(300);
        e.Property(x => x.BizLocation).HasMaxLength(300);
        // No foreign-key constraints on the two capture tables (BusinessId, CaptureJobId here, EventId on the
        // identifiers): PostgreSQL checks each with a trigger per inserted row, which nearly doubled the cost of storing a
        // document (events 23 → 13 ms, identifiers 15 → 8 ms per 1,000; bench/results/2026-11-29-epcis-capture.md).
        // Capture is their only writer and takes all three from the job it stores in the same transaction; neither
        // table is ever updated or deleted from.
        e.Ignore(x => x.Epcs);
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
        // Several businesses may claim a GLN; the office confirms at most one.
        e.HasIndex(x => x.Key).IsUnique().HasFilter("\"Status\" = 'Confirmed'").HasDatabaseName("IX_TraceParties_Key_Confirmed");
        e.HasIndex(x => new { x.Key, x.Status });
        e.HasIndex(x => x.BusinessId);
        e.Property(x => x.ReviewedBy).HasMaxLength(100);
        e.Property(x => x.RejectionReason).HasMaxLength(TraceClaim.ReasonMax);
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
