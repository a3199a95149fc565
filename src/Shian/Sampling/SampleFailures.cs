using Microsoft.EntityFrameworkCore;
using Shian.Accounts;
using Shian.Common;
using Shian.Data;
using Shian.Organization;

namespace Shian.Sampling;

/// <summary>
/// Opening failure cases (核查处置) from failed reported samples, with the operator's notice and text message (a report
/// opens its case where it is recorded, <see cref="SampleResults.RecordReportAsync"/>; old data by a backfill); which
/// cases a user sees; the re-inspection laboratory draw; the completion rate.
/// </summary>
public static class SampleFailures
{
    public const string MetricName = "sampling.disposal_completion";

    private static readonly string[] MicrobeNames =
    [
        "菌落总数", "大肠菌群", "沙门氏菌", "金黄色葡萄球菌", "霉菌", "酵母", "李斯特", "大肠埃希氏菌", "志贺氏菌", "副溶血性弧菌",
        "蜡样芽胞杆菌", "蜡样芽孢杆菌", "商业无菌", "乳酸菌", "双歧杆菌", "阪崎", "克罗诺杆菌", "溶血性链球菌", "肉毒梭菌", "微生物",
    ];

    /// <summary>
    /// Whether a test item is microbiological (no re-inspection: the organisms do not keep in the backup): counted in
    /// CFU or MPN, or named after an organism (菌落总数, 大肠菌群, 沙门氏菌, 霉菌和酵母 …).
    /// </summary>
    public static bool IsMicrobiological(string name, string unit)
    {
        var u = unit.ToUpperInvariant();
        if (u.Contains("CFU", StringComparison.Ordinal) || u.Contains("MPN", StringComparison.Ordinal))
        {
            return true;
        }
        return MicrobeNames.Any(m => name.Contains(m, StringComparison.Ordinal));
    }

    /// <summary>The failed items of a sample, and whether every one of them is microbiological.</summary>
    public static (string Summary, bool MicrobiologicalOnly) FailedItemsOf(IEnumerable<SampleTestItem> items)
    {
        var failed = items.Where(i => i.Judgement == ItemJudgement.Fail).OrderBy(i => i.Order).ToList();
        var summary = string.Join("；", failed.Select(i => $"{i.Name} {i.Value}{(i.Unit.Length > 0 ? " " + i.Unit : "")}{(i.Limit.Length > 0 ? $"（{i.Limit}）" : "")}"));
        if (summary.Length > SampleFailure.TextMaxLength)
        {
            summary = summary[..SampleFailure.TextMaxLength];
        }
        return (summary, failed.Count > 0 && failed.All(i => IsMicrobiological(i.Name, i.Unit)));
    }

    /// <summary>The address of a case's page.</summary>
    public static string Link(Guid caseId) => $"/sampling/failures/{caseId}";

    /// <summary>
    /// The case of a failed, reported sample (with its items loaded), served today by <paramref name="by"/>, its limits
    /// counted; null when the sample is not a reported failure.
    /// </summary>
    public static SampleFailure? CaseOf(Sample sample, WorkingDayCalendar calendar, DateTime at, string by)
    {
        if (sample.Status != SampleStatus.Reported || sample.Conclusion != SampleConclusion.Failed)
        {
            return null;
        }
        var today = ShianTime.LocalDate(at);
        var (items, microbial) = FailedItemsOf(sample.Items);
        var failure = new SampleFailure
        {
            Id = Guid.CreateVersion7(), SampleId = sample.Id, SampleNumber = sample.Number ?? "", SampleName = sample.SampleName,
            BusinessId = sample.BusinessId, BusinessName = sample.BusinessName, TownshipId = sample.TownshipId, LaboratoryId = sample.LaboratoryId,
            SamplingUnitId = sample.SamplingUnitId, SampledOn = sample.SampledOn, FailedItems = items, MicrobiologicalOnly = microbial,
            CreatedAt = at, CreatedBy = by,
        };
        // Served today: the limits are counted by the case's own transition.
        if (failure.Serve(today, by, calendar, today) is { } refused)
        {
            throw new InvalidOperationException("The case of sample " + sample.Number + " cannot be served: " + refused);
        }
        return failure;
    }

    /// <summary>
    /// Opens the case of a failed, reported sample (with its items loaded), adding it and the operator's notice to the
    /// context; returns null when the sample is not a reported failure. The caller saves, then sends the text message
    /// with <see cref="SendSmsAsync"/>.
    /// </summary>
    public static SampleFailure? Open(ShianDb db, Sample sample, WorkingDayCalendar calendar, DateTime at, string by)
    {
        if (CaseOf(sample, calendar, at, by) is not { } failure)
        {
            return null;
        }
        db.SampleFailures.Add(failure);
        db.Notices.Add(Notice.ToBusiness(sample.BusinessId, $"抽检不合格通知：{sample.SampleName}（{sample.Number}）", NoticeText(failure), Link(failure.Id), at));
        return failure;
    }

    /// <summary>The notice's text (also the text message).</summary>
    public static string NoticeText(SampleFailure f) =>
        $"您单位被抽检的{f.SampleName}（抽样单 {f.SampleNumber}）检验不合格：{f.FailedItems}。请立即停止销售并控制风险；"
        + (f.MicrobiologicalOnly ? "微生物项目不予复检；" : $"如需复检或有异议，请于 {f.RequestDeadline:yyyy-MM-dd} 前在食安平台提出；")
        + $"核查处置应于 {f.DisposalDeadline:yyyy-MM-dd} 前完成。";

    /// <summary>The text message to the business's contact (the sample's contact phone, else the registry's).</summary>
    public static async Task SendSmsAsync(ShianDb db, ISmsSender sms, SampleFailure failure, CancellationToken ct = default)
    {
        var phone = await db.Samples.Where(s => s.Id == failure.SampleId).Select(s => s.ContactPhone).FirstOrDefaultAsync(ct);
        if (string.IsNullOrWhiteSpace(phone))
        {
            phone = await db.Businesses.Where(b => b.Id == failure.BusinessId).Select(b => b.ContactPhone).FirstOrDefaultAsync(ct);
        }
        if (!string.IsNullOrWhiteSpace(phone))
        {
            await sms.SendAsync(phone.Trim(), "【食安】" + NoticeText(failure), ct);
        }
    }

    /// <summary>
    /// Opens the missing cases of failed reported samples (reported before this module, or written by an import of old
    /// data), served at <paramref name="at"/> by <paramref name="by"/>, with their notices, in saves of 500. A backfill for
    /// <c>shian sampling open-failure-cases</c>: a report recorded today opens its case itself
    /// (<see cref="SampleResults.RecordReportAsync"/>). Opens nothing the second time. Returns the cases opened; text
    /// messages are the caller's to send.
    /// </summary>
    public static async Task<IReadOnlyList<SampleFailure>> OpenMissingAsync(ShianDb db, DateTime at, string by, CancellationToken ct = default)
    {
        var calendar = await db.LoadCalendarAsync(ct);
        var opened = new List<SampleFailure>();
        while (true)
        {
            var missing = await db.Samples.Include(s => s.Items)
                .Where(s => s.Status == SampleStatus.Reported && s.Conclusion == SampleConclusion.Failed && !db.SampleFailures.Any(f => f.SampleId == s.Id))
                .OrderBy(s => s.ReportedAt).ThenBy(s => s.Id).Take(500).ToListAsync(ct);
            if (missing.Count == 0)
            {
                return opened;
            }
            var batch = missing.Select(s => Open(db, s, calendar, at, by)).OfType<SampleFailure>().ToList();
            if (batch.Count == 0)
            {
                return opened;
            }
            await db.SaveChangesAsync(ct);
            opened.AddRange(batch);
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>
    /// Which cases a user sees: the office and district staff all; township staff their township's; an operator their
    /// own businesses'; a laboratory's users the re-inspections drawn to it; a department's users the samples it took.
    /// </summary>
    public static IQueryable<SampleFailure> VisibleTo(this IQueryable<SampleFailure> cases, AccessScope scope)
    {
        var unit = scope.UnitId;
        var township = scope.TownshipId;
        var own = scope.BusinessIds.ToList();
        return scope.Level switch
        {
            AccessLevel.Jurisdiction => cases,
            AccessLevel.Unit => cases.Where(f => f.SamplingUnitId == unit && f.LaboratoryId != unit),
            AccessLevel.Laboratory => cases.Where(f => f.ReinspectionLaboratoryId == unit),
            AccessLevel.Township => cases.Where(f => f.TownshipId == township),
            AccessLevel.OwnBusinesses => cases.Where(f => own.Contains(f.BusinessId)),
            _ => cases.Where(f => false),
        };
    }

    /// <summary>The active laboratories other than the one that tested first, to draw the re-inspection lab from.</summary>
    public static Task<List<Guid>> ReinspectionCandidatesAsync(ShianDb db, Guid originalLab, CancellationToken ct = default) =>
        db.Units.Where(u => u.Kind == UnitKind.Laboratory && u.Active && u.Id != originalLab).OrderBy(u => u.Id).Select(u => u.Id).ToListAsync(ct);

    /// <summary>
    /// sampling.disposal_completion, in %: among the failure cases whose notice was served in the year of
    /// <paramref name="today"/> and that need disposal (not withdrawn after a passed re-inspection or an upheld objection),
    /// the share whose disposal is completed (late ones count as completed; they are marked on the case). Null when there
    /// is no such case in what the scope sees.
    /// </summary>
    public static async Task<decimal?> DisposalCompletionAsync(ShianDb db, AccessScope scope, DateOnly today, CancellationToken ct = default)
    {
        var start = new DateOnly(today.Year, 1, 1);
        var end = new DateOnly(today.Year, 12, 31);
        var statuses = await db.SampleFailures.AsNoTracking().VisibleTo(scope)
            .Where(f => f.NoticeServedOn >= start && f.NoticeServedOn <= end && f.Status != SampleFailureStatus.Withdrawn)
            .Select(f => f.Status).ToListAsync(ct);
        if (statuses.Count == 0)
        {
            return null;
        }
        return Math.Round(100m * statuses.Count(s => s == SampleFailureStatus.Completed) / statuses.Count, 1);
    }
}

/// <summary>
/// Draws the re-inspection laboratory at random among the candidates (never the first lab). Seeded in tests; the
/// application registers one over <see cref="Random.Shared"/>.
/// </summary>
public sealed class ReinspectionLabDraw(Random random)
{
    public Guid? Pick(IReadOnlyList<Guid> candidates, Guid originalLab)
    {
        var others = candidates.Where(c => c != originalLab).Distinct().ToList();
        return others.Count == 0 ? null : others[random.Next(others.Count)];
    }
}
