using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Shian.Common;
using Shian.Organization;
using Shian.Registry;

namespace Shian.Sampling;

internal sealed class SampleFailureConfiguration : IEntityTypeConfiguration<SampleFailure>
{
    public void Configure(EntityTypeBuilder<SampleFailure> e)
    {
        e.HasOne<Sample>().WithMany().HasForeignKey(f => f.SampleId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Business>().WithMany().HasForeignKey(f => f.BusinessId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Township>().WithMany().HasForeignKey(f => f.TownshipId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Unit>().WithMany().HasForeignKey(f => f.ReinspectionLaboratoryId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<StoredFile>().WithMany().HasForeignKey(f => f.ReinspectionReportFileId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(f => f.SampleId).IsUnique();
        e.HasIndex(f => new { f.TownshipId, f.NoticeServedOn });
        e.HasIndex(f => new { f.BusinessId, f.NoticeServedOn });
        e.HasIndex(f => f.ReinspectionLaboratoryId);
        e.Property(f => f.SampleNumber).HasMaxLength(40);
        e.Property(f => f.SampleName).HasMaxLength(Sample.TextMaxLength);
        e.Property(f => f.BusinessName).HasMaxLength(Sample.TextMaxLength);
        foreach (var p in new[] { nameof(SampleFailure.FailedItems), nameof(SampleFailure.CompletionSummary), nameof(SampleFailure.ReinspectionReason),
            nameof(SampleFailure.ReinspectionRefusal), nameof(SampleFailure.ObjectionText), nameof(SampleFailure.ObjectionAnswer) })
        {
            e.Property(p).HasMaxLength(SampleFailure.TextMaxLength);
        }
        foreach (var p in new[] { nameof(SampleFailure.SupplierTraced), nameof(SampleFailure.CaseNumber), nameof(SampleFailure.PenaltyDecisionNumber),
            nameof(SampleFailure.NoPenaltyReason) })
        {
            e.Property(p).HasMaxLength(Sample.TextMaxLength);
        }
        foreach (var p in new[] { nameof(SampleFailure.CreatedBy), nameof(SampleFailure.NoticeServedBy), nameof(SampleFailure.MeasuresRecordedBy),
            nameof(SampleFailure.CompletedBy), nameof(SampleFailure.ReinspectionRequestedBy), nameof(SampleFailure.ReinspectionDecidedBy),
            nameof(SampleFailure.ReinspectionReportedBy), nameof(SampleFailure.ObjectionBy), nameof(SampleFailure.ObjectionAnsweredBy) })
        {
            e.Property(p).HasMaxLength(100);
        }
        e.Property(f => f.StoppedQuantity).HasPrecision(14, 3);
        e.Property(f => f.RecalledQuantity).HasPrecision(14, 3);
        e.Property(f => f.PenaltyAmount).HasPrecision(14, 2);
        e.Ignore(f => f.CompletedLate);
        e.Ignore(f => f.NeedsDisposal);
        e.Ignore(f => f.BackupExpiresOn);
    }
}
