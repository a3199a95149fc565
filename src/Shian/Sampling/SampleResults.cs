using Microsoft.EntityFrameworkCore;
using Shian.Common;
using Shian.Data;
using Shian.Risk;

namespace Shian.Sampling;

/// <summary>
/// Recording a laboratory's results, from the sample's page or from an imported workbook: the items replace the earlier
/// entry, the conclusion is computed, and a failure feeds the business's risk grading (one <see cref="RiskFactor"/> per
/// sample, taken back if the results are corrected to 合格 before the report); then the report, which opens a failed
/// sample's case.
/// </summary>
public static class SampleResults
{
    /// <summary>The <see cref="RiskFactor.Source"/> of factors a failed sample adds.</summary>
    public const string RiskSource = "sampling";

    /// <summary>The dynamic item of every risk sheet that sampling failures feed (<see cref="RiskSheets.DynamicItems"/>).</summary>
    public const string RiskItemCode = "sampling";

    /// <summary>Points one failed sample adds to the sampling item (the sheets cap the item at 15).</summary>
    public const decimal RiskPoints = 10;

    /// <summary>
    /// The end of a factor's reason that names its sample: the form number is unique, so the factor of a sample is found
    /// again by it (the factor table has no column for the record it came from).
    /// </summary>
    public static string RiskReasonSuffix(Sample sample) => $"（抽样单 {sample.Number}）";

    public sealed record Entry(Sample Sample, IReadOnlyList<SampleTestItem> Items);

    /// <summary>One sample's results; the errors by item ("Items[i].Field"), none when stored.</summary>
    public static async Task<Dictionary<string, Problem>> RecordAsync(ShianDb db, Sample sample, IReadOnlyList<SampleTestItem> items, string by, DateTime now,
        CancellationToken ct = default)
    {
        var errors = await RecordAsync(db, [new Entry(sample, items)], by, now, ct);
        return errors.Count == 0 ? [] : errors[0].Errors;
    }

    /// <summary>
    /// The results of several samples (tracked, with their items loaded) in one save: all are stored, or, when any is
    /// refused, none (the tracked changes are left for the caller to discard) and the errors of each refused sample are
    /// returned. After the save, the businesses whose sampling factors changed are regraded.
    /// </summary>
    public static async Task<IReadOnlyList<(Sample Sample, Dictionary<string, Problem> Errors)>> RecordAsync(ShianDb db, IReadOnlyList<Entry> entries,
        string by, DateTime now, CancellationToken ct = default)
    {
        var refused = new List<(Sample, Dictionary<string, Problem>)>();
        var previous = new List<SampleTestItem>();
        foreach (var (sample, items) in entries)
        {
            var before = sample.Items.ToList();
            var errors = sample.RecordResults(items, now, by);
            if (errors.Count > 0)
            {
                refused.Add((sample, errors));
                continue;
            }
            // The earlier items are removed explicitly, so that the audit trail shows what changed.
            previous.AddRange(before);
        }
        if (refused.Count > 0)
        {
            return refused;
        }
        db.SampleTestItems.RemoveRange(previous);

        var day = ShianTime.LocalDate(now);
        var regrade = new HashSet<Guid>();
        foreach (var sample in entries.Select(e => e.Sample).DistinctBy(s => s.Id))
        {
            var suffix = RiskReasonSuffix(sample);
            var factor = await db.RiskFactors.FirstOrDefaultAsync(f => f.BusinessId == sample.BusinessId && f.Source == RiskSource && f.Reason.EndsWith(suffix), ct);
            if (sample.Conclusion == SampleConclusion.Failed && factor is null)
            {
                db.RiskFactors.Add(FactorFor(sample, day, now, by));
                regrade.Add(sample.BusinessId);
            }
            else if (sample.Conclusion == SampleConclusion.Passed && factor is not null)
            {
                db.RiskFactors.Remove(factor);
                regrade.Add(sample.BusinessId);
            }
        }
        await db.SaveChangesAsync(ct); // one transaction: every sample's results, or none
        foreach (var business in regrade)
        {
            await RiskRegrade.RunAsync(db, by, now, business, ct);
        }
        return [];
    }

    /// <summary>
    /// 检验报告: the one place a report is recorded (the sample's page, the demo). The report closes the lab's part
    /// (<see cref="Sample.AttachReport"/>), and a failed sample opens its case (核查处置) with the operator's notice in the
    /// same save, so that no failed report is ever without its case; the text message goes out once saved (none when
    /// <paramref name="sms"/> is null: the demo's history). The error, or null when recorded.
    /// </summary>
    public static async Task<Problem?> RecordReportAsync(ShianDb db, ISmsSender? sms, Sample sample, StoredFile report, string by, DateTime now,
        CancellationToken ct = default)
    {
        if (sample.AttachReport(report, now, by) is { } error)
        {
            return error;
        }
        db.StoredFiles.Add(report);
        var failure = SampleFailures.Open(db, sample, await db.LoadCalendarAsync(ct), now, by);
        await db.SaveChangesAsync(ct);
        if (failure is not null && sms is not null)
        {
            await SampleFailures.SendSmsAsync(db, sms, failure, ct);
        }
        return null;
    }

    /// <summary>The risk factor of a failed sample, dated the day its results were entered.</summary>
    public static RiskFactor FactorFor(Sample sample, DateOnly day, DateTime now, string by) => new()
    {
        Id = Guid.CreateVersion7(), BusinessId = sample.BusinessId, ItemCode = RiskItemCode, Points = RiskPoints,
        Reason = $"抽检不合格：{sample.SampleName}{RiskReasonSuffix(sample)}", Date = day, Source = RiskSource, RecordedAt = now, RecordedBy = by,
    };
}
