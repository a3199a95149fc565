using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Shian.KitchenVideo;
using Shian.Organization;
using Shian.Registry;
using Shian.Schools;

namespace Shian.Data;

internal sealed class SchoolMealRecordConfiguration : IEntityTypeConfiguration<SchoolMealRecord>
{
    public void Configure(EntityTypeBuilder<SchoolMealRecord> e)
    {
        e.HasOne<Business>().WithMany().HasForeignKey(r => r.BusinessId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Township>().WithMany().HasForeignKey(r => r.TownshipId).OnDelete(DeleteBehavior.Restrict);
        // One record per canteen, day and meal: a second one is refused, not stored twice.
        e.HasIndex(r => new { r.BusinessId, r.Date, r.Meal }).IsUnique();
        e.HasIndex(r => new { r.TownshipId, r.Date });
        e.Property(r => r.PersonName).HasMaxLength(SchoolMealRecord.NameMax);
        e.Property(r => r.PersonRole).HasMaxLength(20);
        e.Property(r => r.Dishes).HasMaxLength(SchoolMealRecord.TextMax);
        e.Property(r => r.Findings).HasMaxLength(SchoolMealRecord.TextMax);
        e.Property(r => r.EnteredBy).HasMaxLength(100);
    }
}

internal sealed class KitchenVideoLinkConfiguration : IEntityTypeConfiguration<KitchenVideoLink>
{
    public void Configure(EntityTypeBuilder<KitchenVideoLink> e)
    {
        e.HasOne<Business>().WithMany().HasForeignKey(l => l.BusinessId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Township>().WithMany().HasForeignKey(l => l.TownshipId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(l => l.BusinessId).IsUnique();
        e.HasIndex(l => new { l.TownshipId, l.Status });
        e.Property(l => l.ChangedBy).HasMaxLength(100);
        e.HasMany(l => l.Changes).WithOne().HasForeignKey(c => c.LinkId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(l => l.Cameras).WithOne().HasForeignKey(c => c.LinkId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class KitchenVideoStatusChangeConfiguration : IEntityTypeConfiguration<KitchenVideoStatusChange>
{
    public void Configure(EntityTypeBuilder<KitchenVideoStatusChange> e)
    {
        // Made by the link with their id set: found through the navigation, they are new rows, not updates.
        e.Property(c => c.Id).ValueGeneratedNever();
        e.Property(c => c.Reason).HasMaxLength(KitchenVideoLink.ReasonMax + 50);
        e.Property(c => c.By).HasMaxLength(100);
        e.HasIndex(c => new { c.LinkId, c.At });
    }
}

internal sealed class KitchenCameraConfiguration : IEntityTypeConfiguration<KitchenCamera>
{
    public void Configure(EntityTypeBuilder<KitchenCamera> e)
    {
        e.Property(c => c.Id).ValueGeneratedNever();
        e.Property(c => c.Name).HasMaxLength(KitchenCamera.NameMax);
        e.Property(c => c.Location).HasMaxLength(20);
        e.Property(c => c.StreamUrl).HasMaxLength(StreamUrl.MaxLength);
        e.Property(c => c.AddedBy).HasMaxLength(100);
    }
}
