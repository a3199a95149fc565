using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Shian.Accounts;
using Shian.Audit;
using Shian.Common;
using Shian.Organization;

namespace Shian.Data;

internal sealed class JurisdictionConfiguration : IEntityTypeConfiguration<Jurisdiction>
{
    public void Configure(EntityTypeBuilder<Jurisdiction> e)
    {
        e.Property(j => j.RegionCode).HasMaxLength(12);
        e.HasIndex(j => j.RegionCode).IsUnique();
        e.Property(j => j.Name).HasMaxLength(100);
        e.Property(j => j.NameEn).HasMaxLength(100);
        e.Property(j => j.Parent).HasMaxLength(100);
        e.Property(j => j.PlatformName).HasMaxLength(200);
        e.Property(j => j.PlatformNameEn).HasMaxLength(200);
        e.HasMany(j => j.Populations).WithOne().HasForeignKey(p => p.JurisdictionId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(j => j.Townships).WithOne().HasForeignKey(t => t.JurisdictionId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(j => j.Units).WithOne().HasForeignKey(u => u.JurisdictionId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class JurisdictionPopulationConfiguration : IEntityTypeConfiguration<JurisdictionPopulation>
{
    public void Configure(EntityTypeBuilder<JurisdictionPopulation> e)
    {
        e.HasIndex(p => new { p.JurisdictionId, p.Year }).IsUnique();
        e.Property(p => p.Source).HasMaxLength(200);
    }
}

internal sealed class TownshipConfiguration : IEntityTypeConfiguration<Township>
{
    public void Configure(EntityTypeBuilder<Township> e)
    {
        e.Property(t => t.Code).HasMaxLength(12);
        e.HasIndex(t => t.Code).IsUnique();
        e.Property(t => t.Name).HasMaxLength(100);
        e.Property(t => t.Kind).HasMaxLength(20);
        e.Property(t => t.Note).HasMaxLength(500);
    }
}

internal sealed class UnitConfiguration : IEntityTypeConfiguration<Unit>
{
    public void Configure(EntityTypeBuilder<Unit> e)
    {
        e.Property(u => u.Name).HasMaxLength(100);
        e.HasIndex(u => new { u.JurisdictionId, u.Name }).IsUnique();
        e.Property(u => u.Aliases).HasMaxLength(500);
    }
}

internal sealed class ShianUserConfiguration : IEntityTypeConfiguration<ShianUser>
{
    public void Configure(EntityTypeBuilder<ShianUser> e)
    {
        e.Property(u => u.DisplayName).HasMaxLength(100);
        e.HasOne<Unit>().WithMany().HasForeignKey(u => u.UnitId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Township>().WithMany().HasForeignKey(u => u.TownshipId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class OperatorBusinessConfiguration : IEntityTypeConfiguration<OperatorBusiness>
{
    public void Configure(EntityTypeBuilder<OperatorBusiness> e)
    {
        e.HasKey(o => new { o.UserId, o.BusinessId });
        e.HasOne<ShianUser>().WithMany().HasForeignKey(o => o.UserId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Shian.Registry.Business>().WithMany().HasForeignKey(o => o.BusinessId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> e)
    {
        e.Property(k => k.Name).HasMaxLength(100);
        e.Property(k => k.Hint).HasMaxLength(20);
        e.Property(k => k.Hash).HasMaxLength(64);
        e.HasIndex(k => k.Hash).IsUnique();
        e.Property(k => k.Scopes).HasMaxLength(500);
        e.Ignore(k => k.ScopeList);
        e.Ignore(k => k.IsRevoked);
        e.HasOne<ShianUser>().WithMany().HasForeignKey(k => k.UserId).OnDelete(DeleteBehavior.Cascade);
        // No foreign key: adding one would make SQLite rebuild the table. A key whose business is gone, or no longer
        // the account's, is refused when presented (the operator link is checked on every request).
        e.HasIndex(k => k.BusinessId);
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> e)
    {
        e.HasKey(a => a.Sequence);
        e.Property(a => a.Sequence).ValueGeneratedNever();
        e.Property(a => a.Actor).HasMaxLength(200);
        e.Property(a => a.Entity).HasMaxLength(100);
        e.Property(a => a.EntityId).HasMaxLength(200);
        e.Property(a => a.PreviousHash).HasMaxLength(64);
        e.Property(a => a.Hash).HasMaxLength(64);
        e.HasIndex(a => a.At);
        e.HasIndex(a => new { a.Entity, a.EntityId });
    }
}

internal sealed class CalendarDayConfiguration : IEntityTypeConfiguration<CalendarDay>
{
    public void Configure(EntityTypeBuilder<CalendarDay> e)
    {
        e.HasKey(d => d.Date);
        e.Property(d => d.Name).HasMaxLength(100);
    }
}

internal sealed class StoredFileConfiguration : IEntityTypeConfiguration<StoredFile>
{
    public void Configure(EntityTypeBuilder<StoredFile> e)
    {
        e.HasIndex(f => new { f.OwnerKind, f.OwnerId });
        e.Property(f => f.OwnerKind).HasMaxLength(40);
        e.Property(f => f.FileName).HasMaxLength(200);
        e.Property(f => f.ContentType).HasMaxLength(100);
        e.Property(f => f.Sha256).HasMaxLength(64);
        e.Property(f => f.UploadedBy).HasMaxLength(100);
    }
}
