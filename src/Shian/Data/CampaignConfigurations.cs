using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Shian.Campaigns;
using Shian.Registry;

namespace Shian.Data;

internal sealed class CampaignConfiguration : IEntityTypeConfiguration<Campaign>
{
    // The scope lists are stored as '|'-joined text (as a business's tags are): the same on both databases, and the
    // audit trail records them as plain strings.
    private static ValueComparer<List<T>> Comparer<T>() => new(
        (a, b) => (a ?? new List<T>()).SequenceEqual(b ?? new List<T>()),
        l => l.Aggregate(0, (h, x) => HashCode.Combine(h, x)),
        l => l.ToList());

    public void Configure(EntityTypeBuilder<Campaign> e)
    {
        e.Property(c => c.Name).HasMaxLength(Campaign.NameMax);
        e.Property(c => c.Checklist).HasMaxLength(Campaign.NameMax);
        e.Property(c => c.CreatedBy).HasMaxLength(100);
        e.Property(c => c.StopReason).HasMaxLength(Campaign.ReasonMax);
        e.Property(c => c.StoppedBy).HasMaxLength(100);
        e.Property(c => c.Categories).HasMaxLength(400).HasConversion(
            l => string.Join('|', l.Select(x => x.ToString())),
            s => s.Split('|', StringSplitOptions.RemoveEmptyEntries).Select(Enum.Parse<BusinessCategory>).ToList(),
            Comparer<BusinessCategory>());
        e.Property(c => c.Subtypes).HasMaxLength(1000).HasConversion(
            l => string.Join('|', l), s => s.Split('|', StringSplitOptions.RemoveEmptyEntries).ToList(), Comparer<string>());
        e.Property(c => c.Tags).HasMaxLength(1000).HasConversion(
            l => string.Join('|', l), s => s.Split('|', StringSplitOptions.RemoveEmptyEntries).ToList(), Comparer<string>());
        e.Property(c => c.TownshipIds).HasMaxLength(4000).HasConversion(
            l => string.Join('|', l), s => s.Split('|', StringSplitOptions.RemoveEmptyEntries).Select(Guid.Parse).ToList(), Comparer<Guid>());
        e.HasIndex(c => c.From);
    }
}
