using Microsoft.EntityFrameworkCore;
using Shian.Accounts;
using Shian.Data;

namespace Shian.Sampling;

public static class SampleMetrics
{
    public const string ReportTimeliness = "sampling.report_timeliness";
    public const string PassRate = "sampling.pass_rate";
    public const string PassRateAgricultural = "sampling.pass_rate.agricultural";
    public const string PassRateFood = "sampling.pass_rate.food";

    /// <summary>
    /// The pass rates, in %: among the samples sampled in the year of <paramref name="today"/> (up to that day) whose report
    /// is out (the verdict is final), in the scope, the share judged 合格. <see cref="PassRate"/> counts every sample;
    /// <see cref="PassRateAgricultural"/> those of 食用农产品 (the category or an ancestor <see cref="FoodCategory.IsAgricultural"/>,
    /// the plan's "主要农产品质量安全监测总体合格率"); <see cref="PassRateFood"/> the rest (the plan's "食品安全抽检合格率").
    /// Null when no sample counts.
    /// </summary>
    public static async Task<decimal?> PassRateAsync(ShianDb db, AccessScope scope, string name, DateOnly today, CancellationToken ct = default)
    {
        var samples = await SampleResultStatistics.LoadAsync(db, scope, today.Year, today, ct);
        if (name != PassRate)
        {
            var categories = await SampleCategoryIndex.LoadAsync(db, ct);
            var agricultural = name == PassRateAgricultural;
            samples = samples.Where(s => categories.IsAgricultural(s.FoodCategoryCode) == agricultural).ToList();
        }
        return SampleResultStatistics.RateOf(name, samples).Percent;
    }

    /// <summary>
    /// sampling.report_timeliness, in %: among the samples received by a lab in the year of <paramref name="today"/> whose
    /// report is due (the 20-working-day deadline has passed) or already out, the share whose report was out on or before
    /// its deadline. A late report counts against the figure; a report not yet due does not count at all. Null when no
    /// report is due yet or the scope sees nothing.
    /// </summary>
    public static async Task<decimal?> ReportTimelinessAsync(ShianDb db, AccessScope scope, DateOnly today, CancellationToken ct = default)
    {
        var start = new DateOnly(today.Year, 1, 1);
        var due = await db.Samples.AsNoTracking().VisibleTo(scope)
            .Where(s => s.ReceivedOn != null && s.ReceivedOn >= start && s.ReceivedOn <= today && s.ReportDeadline != null
                && (s.ReportedOn != null || s.ReportDeadline < today))
            .Select(s => new { s.ReportedOn, s.ReportDeadline })
            .ToListAsync(ct);
        if (due.Count == 0)
        {
            return null;
        }
        var inTime = due.Count(s => s.ReportedOn is { } on && on <= s.ReportDeadline);
        return Math.Round(100m * inTime / due.Count, 1);
    }
}
