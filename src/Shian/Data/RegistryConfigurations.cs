using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Shian.Organization;
using Shian.Registry;

namespace Shian.Data;

internal sealed class BusinessConfiguration : IEntityTypeConfiguration<Business>
{
    public void Configure(EntityTypeBuilder<Business> e)
    {
        e.HasIndex(b => b.CreditCode).IsUnique();
        e.HasIndex(b => new { b.TownshipId, b.Category });
        e.HasIndex(b => b.Name);
        e.Property(b => b.Name).HasMaxLength(200);
        e.Property(b => b.CreditCode).HasMaxLength(18);
        e.Property(b => b.CreditCodeOverride).HasMaxLength(500);
        e.Property(b => b.LegalRepresentative).HasMaxLength(100);
        e.Property(b => b.Address).HasMaxLength(300);
        e.Property(b => b.Subtype).HasMaxLength(40);
        e.Property(b => b.ContactName).HasMaxLength(100);
        e.Property(b => b.ContactPhone).HasMaxLength(40);
        e.Property(b => b.Tags).HasMaxLength(400);
        e.HasOne<Township>().WithMany().HasForeignKey(b => b.TownshipId).OnDelete(DeleteBehavior.Restrict);
        e.Ignore(b => b.TagList);
    }
}

internal sealed class LicenceConfiguration : IEntityTypeConfiguration<Licence>
{
    public void Configure(EntityTypeBuilder<Licence> e)
    {
        e.HasOne<Business>().WithMany().HasForeignKey(l => l.BusinessId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(l => l.Number).IsUnique();
        e.HasIndex(l => l.PublicCode).IsUnique();
        e.HasIndex(l => l.ExpiresOn);
        e.Property(l => l.Number).HasMaxLength(40);
        e.Property(l => l.Scope).HasMaxLength(1000);
        e.Property(l => l.Authority).HasMaxLength(100);
        e.Property(l => l.PublicCode).HasMaxLength(16);
        e.Property(l => l.StatusReason).HasMaxLength(Licence.MaxReasonLength);
    }
}
