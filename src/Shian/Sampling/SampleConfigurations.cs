using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Shian.Common;
using Shian.Organization;
using Shian.Registry;

namespace Shian.Sampling;

internal sealed class SampleConfiguration : IEntityTypeConfiguration<Sample>
{
    public void Configure(EntityTypeBuilder<Sample> e)
    {
        e.HasOne<Business>().WithMany().HasForeignKey(s => s.BusinessId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Township>().WithMany().HasForeignKey(s => s.TownshipId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Unit>().WithMany().HasForeignKey(s => s.LaboratoryId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Unit>().WithMany().HasForeignKey(s => s.SamplingUnitId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<StoredFile>().WithMany().HasForeignKey(s => s.ReportFileId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(s => s.Items).WithOne().HasForeignKey(i => i.SampleId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(s => s.Number).IsUnique();
        e.HasIndex(s => new { s.LaboratoryId, s.Status });
        e.HasIndex(s => new { s.BusinessId, s.SampledOn });
        e.HasIndex(s => new { s.TownshipId, s.SampledOn });
        e.HasIndex(s => new { s.Gtin, s.BatchNumber });
        e.Property(s => s.Number).HasMaxLength(40);
        foreach (var p in new[] { nameof(Sample.TaskSource), nameof(Sample.BusinessName), nameof(Sample.BusinessAddress), nameof(Sample.LicenceNumber),
            nameof(Sample.ContactName), nameof(Sample.FoodCategoryCode), nameof(Sample.SampleName), nameof(Sample.Brand), nameof(Sample.Specification),
            nameof(Sample.BatchNumber), nameof(Sample.Standard), nameof(Sample.ScNumber), nameof(Sample.Origin), nameof(Sample.Packaging),
            nameof(Sample.StorageCondition), nameof(Sample.ProducerName), nameof(Sample.ProducerAddress), nameof(Sample.Sampler1), nameof(Sample.Sampler2),
            nameof(Sample.SignerName) })
        {
            e.Property(p).HasMaxLength(Sample.TextMaxLength);
        }
        e.Property(s => s.CreditCode).HasMaxLength(40);
        e.Property(s => s.Gtin).HasMaxLength(14);
        e.Property(s => s.ContactPhone).HasMaxLength(40);
        e.Property(s => s.ShelfLife).HasMaxLength(40);
        e.Property(s => s.QuantityUnit).HasMaxLength(40);
        e.Property(s => s.Price).HasPrecision(12, 2);
        e.Property(s => s.BatchSize).HasPrecision(14, 3);
        e.Property(s => s.QuantityTaken).HasPrecision(14, 3);
        e.Property(s => s.BackupQuantity).HasPrecision(14, 3);
        e.Property(s => s.CreatedBy).HasMaxLength(100);
        e.Property(s => s.ReceivedBy).HasMaxLength(100);
        e.Property(s => s.TestedBy).HasMaxLength(100);
        e.Property(s => s.ReportedBy).HasMaxLength(100);
        e.Ignore(s => s.ReceivedLate);
        e.Ignore(s => s.ReportedLate);
    }
}

internal sealed class SampleTestItemConfiguration : IEntityTypeConfiguration<SampleTestItem>
{
    public void Configure(EntityTypeBuilder<SampleTestItem> e)
    {
        e.HasIndex(i => new { i.SampleId, i.Order });
        e.Property(i => i.Name).HasMaxLength(Sample.TextMaxLength);
        e.Property(i => i.Value).HasMaxLength(Sample.TextMaxLength);
        e.Property(i => i.Unit).HasMaxLength(Sample.TextMaxLength);
        e.Property(i => i.Limit).HasMaxLength(Sample.TextMaxLength);
        e.Property(i => i.MethodStandard).HasMaxLength(Sample.TextMaxLength);
    }
}
