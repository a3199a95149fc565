using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Shian.Complaints;
using Shian.Organization;
using Shian.Registry;

namespace Shian.Data;

internal sealed class ComplaintConfiguration : IEntityTypeConfiguration<Complaint>
{
    public void Configure(EntityTypeBuilder<Complaint> e)
    {
        e.HasOne<Business>().WithMany().HasForeignKey(c => c.BusinessId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Township>().WithMany().HasForeignKey(c => c.TownshipId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Unit>().WithMany().HasForeignKey(c => c.UnitId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Complaint>().WithMany().HasForeignKey(c => c.MergedIntoId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(c => c.TrackingCode).IsUnique();
        // One record per hotline work order: an import or an API call sent twice finds it already there.
        e.HasIndex(c => new { c.Channel, c.HotlineTicket }).IsUnique();
        e.HasIndex(c => new { c.TownshipId, c.Status });
        e.HasIndex(c => new { c.UnitId, c.Status });
        e.HasIndex(c => new { c.BusinessId, c.ReceivedOn });
        e.HasIndex(c => c.ReceivedOn);
        e.Property(c => c.TrackingCode).HasMaxLength(TrackingCodes.Length);
        e.Property(c => c.HotlineTicket).HasMaxLength(40);
        e.Property(c => c.RecordedBy).HasMaxLength(100);
        e.Property(c => c.BusinessName).HasMaxLength(Complaint.NameMaxLength);
        e.Property(c => c.BusinessCreditCode).HasMaxLength(18);
        e.Property(c => c.Address).HasMaxLength(Complaint.NameMaxLength);
        e.Property(c => c.Description).HasMaxLength(Complaint.DescriptionMaxLength);
        e.Property(c => c.ContactName).HasMaxLength(50);
        e.Property(c => c.ContactPhone).HasMaxLength(30);
        e.Property(c => c.HandlerName).HasMaxLength(100);
        e.Property(c => c.OutcomeNote).HasMaxLength(Complaint.TextMaxLength);
        e.Property(c => c.Reply).HasMaxLength(Complaint.TextMaxLength);
        e.Ignore(c => c.Anonymous);
        e.Ignore(c => c.Open);
        e.Ignore(c => c.RunningDeadline);
        e.HasMany(c => c.Entries).WithOne().HasForeignKey(x => x.ComplaintId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ComplaintEntryConfiguration : IEntityTypeConfiguration<ComplaintEntry>
{
    public void Configure(EntityTypeBuilder<ComplaintEntry> e)
    {
        // The aggregate makes its entries with their ids: an entry added to a loaded complaint is new, not an update.
        e.Property(x => x.Id).ValueGeneratedNever();
        e.HasIndex(x => new { x.ComplaintId, x.At });
        e.HasIndex(x => x.LinkedId);
        e.Property(x => x.By).HasMaxLength(100);
        e.Property(x => x.Note).HasMaxLength(Complaint.TextMaxLength);
    }
}

internal sealed class ComplaintRewardConfiguration : IEntityTypeConfiguration<ComplaintReward>
{
    public void Configure(EntityTypeBuilder<ComplaintReward> e)
    {
        e.HasOne<Complaint>().WithMany().HasForeignKey(r => r.ComplaintId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(r => r.ComplaintId);
        e.HasIndex(r => r.Status);
        e.Property(r => r.DecisionNumber).HasMaxLength(ComplaintReward.DecisionNumberMaxLength);
        e.Property(r => r.FinesAndConfiscations).HasPrecision(14, 2);
        e.Property(r => r.Amount).HasPrecision(12, 2);
        e.Property(r => r.ProposedBy).HasMaxLength(100);
        e.Property(r => r.DecidedBy).HasMaxLength(100);
        e.Property(r => r.PaidBy).HasMaxLength(100);
        e.Property(r => r.RejectionReason).HasMaxLength(ComplaintReward.TextMaxLength);
        e.Property(r => r.PaymentReference).HasMaxLength(ComplaintReward.DecisionNumberMaxLength);
        e.Ignore(r => r.Standing);
    }
}
