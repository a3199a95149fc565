using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Shian.Grain;
using Shian.Organization;
using Shian.Registry;

namespace Shian.Data;

internal sealed class SiloConfiguration : IEntityTypeConfiguration<Silo>
{
    public void Configure(EntityTypeBuilder<Silo> e)
    {
        e.HasOne<Township>().WithMany().HasForeignKey(s => s.TownshipId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Unit>().WithMany().HasForeignKey(s => s.UnitId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(s => s.Code).IsUnique();
        e.HasIndex(s => s.TownshipId);
        e.Property(s => s.Code).HasMaxLength(Silo.CodeMax);
        e.Property(s => s.DepotName).HasMaxLength(Silo.NameMax);
        e.Property(s => s.GrainKind).HasMaxLength(10);
        e.Property(s => s.CapacityTonnes).HasPrecision(12, 3);
        e.Property(s => s.StockTonnes).HasPrecision(12, 3);
        e.Property(s => s.CreatedBy).HasMaxLength(100);
    }
}

internal sealed class GrainTestConfiguration : IEntityTypeConfiguration<GrainTest>
{
    public void Configure(EntityTypeBuilder<GrainTest> e)
    {
        e.HasOne<Silo>().WithMany().HasForeignKey(t => t.SiloId).OnDelete(DeleteBehavior.Restrict);
        // One mandatory test per silo and half-year: a second one is refused.
        e.HasIndex(t => new { t.SiloId, t.HalfYearCode }).IsUnique();
        e.HasIndex(t => new { t.TownshipId, t.HalfYearCode });
        e.Property(t => t.Laboratory).HasMaxLength(GrainTest.LabMax);
        e.Property(t => t.EnteredBy).HasMaxLength(100);
        e.Ignore(t => t.HalfYear);
        e.HasMany(t => t.Items).WithOne().HasForeignKey(i => i.TestId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class GrainTestItemConfiguration : IEntityTypeConfiguration<GrainTestItem>
{
    public void Configure(EntityTypeBuilder<GrainTestItem> e)
    {
        e.Property(i => i.Id).ValueGeneratedNever();
        e.Property(i => i.Code).HasMaxLength(20);
        e.Property(i => i.Unit).HasMaxLength(20);
        e.Property(i => i.Value).HasPrecision(14, 4);
        e.Property(i => i.Limit).HasPrecision(14, 4);
    }
}

internal sealed class GrainDisposalConfiguration : IEntityTypeConfiguration<GrainDisposal>
{
    public void Configure(EntityTypeBuilder<GrainDisposal> e)
    {
        e.HasOne<GrainTest>().WithMany().HasForeignKey(d => d.TestId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Silo>().WithMany().HasForeignKey(d => d.SiloId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(d => d.TestId).IsUnique();
        e.Property(d => d.Method).HasMaxLength(20);
        e.Property(d => d.Note).HasMaxLength(GrainDisposal.NoteMax);
        e.Property(d => d.QuantityTonnes).HasPrecision(12, 3);
        e.Property(d => d.EnteredBy).HasMaxLength(100);
    }
}

internal sealed class GrainPurchaseCheckConfiguration : IEntityTypeConfiguration<GrainPurchaseCheck>
{
    public void Configure(EntityTypeBuilder<GrainPurchaseCheck> e)
    {
        e.HasOne<Business>().WithMany().HasForeignKey(c => c.BusinessId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(c => new { c.BusinessId, c.Date });
        e.HasIndex(c => new { c.TownshipId, c.Date });
        e.Property(c => c.Inspectors).HasMaxLength(GrainPurchaseCheck.InspectorsMax);
        e.Property(c => c.Findings).HasMaxLength(GrainPurchaseCheck.TextMax);
        e.Property(c => c.EnteredBy).HasMaxLength(100);
    }
}

internal sealed class ImportedFoodCheckConfiguration : IEntityTypeConfiguration<ImportedFoodCheck>
{
    public void Configure(EntityTypeBuilder<ImportedFoodCheck> e)
    {
        e.HasOne<Business>().WithMany().HasForeignKey(c => c.BusinessId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(c => new { c.TownshipId, c.Date });
        e.HasIndex(c => c.DeclarationNumber);
        e.Property(c => c.Product).HasMaxLength(ImportedFoodCheck.TextMax);
        e.Property(c => c.OriginCountry).HasMaxLength(50);
        e.Property(c => c.DeclarationNumber).HasMaxLength(18);
        e.Property(c => c.CertificateNumber).HasMaxLength(50);
        e.Property(c => c.QuantityKg).HasPrecision(14, 3);
        e.Property(c => c.DisposalQuantityKg).HasPrecision(14, 3);
        e.Property(c => c.DisposalWitness).HasMaxLength(ImportedFoodCheck.TextMax);
        e.Property(c => c.DisposedBy).HasMaxLength(100);
        e.Property(c => c.EnteredBy).HasMaxLength(100);
    }
}
