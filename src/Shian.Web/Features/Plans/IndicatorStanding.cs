using Microsoft.EntityFrameworkCore;
using Shian.Accounts;
using Shian.Data;
using Shian.Plans;

namespace Shian.Web.Features.Plans;

/// <summary>
/// Where each target of a plan stands: its values in order and its status today. The indicators page and the dashboard
/// both show it, so both judge a target the same way.
/// </summary>
public static class IndicatorStanding
{
    /// <param name="LatestValueId">The latest district value, whose evidence files the pages link to.</param>
    /// <param name="ComputedAsOf">For a computed target, the day its value was measured for; null for reported ones.</param>
    public sealed record Entry(PlanIndicator Indicator, int Task, IReadOnlyList<decimal> Trend, IndicatorStatus Status, Guid? LatestValueId,
        DateOnly? ComputedAsOf = null)
    {
        public decimal? Latest => Trend.Count > 0 ? Trend[^1] : null;
    }

    /// <summary>
    /// The plan's targets in task and document order, judged on the district's values: a township's own value for a
    /// target of the collective 各乡镇街 scores that township and is not the district's figure. A computed target is
    /// measured from Shian's own records for the whole district, as of today or the plan year's last day if that is past.
    /// </summary>
    public static async Task<List<Entry>> LoadAsync(ShianDb db, Guid planId, int planYear, DateOnly today)
    {
        var indicators = await db.PlanIndicators.AsNoTracking()
            .Join(db.PlanTasks.Where(t => t.PlanId == planId), i => i.TaskId, t => t.Id, (i, t) => new { Indicator = i, t.Number })
            .ToListAsync();
        var ids = indicators.Select(i => i.Indicator.Id).ToList();
        var values = (await db.IndicatorValues.AsNoTracking().Where(v => ids.Contains(v.IndicatorId) && v.TownshipId == null).ToListAsync())
            .GroupBy(v => v.IndicatorId)
            .ToDictionary(g => g.Key, g => g.OrderBy(v => v.AsOf).ThenBy(v => v.SubmittedAt).ToList());
        var asOf = MeasuredOn(planYear, today);
        var computed = new Dictionary<string, decimal?>();
        foreach (var metric in asOf is null ? [] : indicators.Select(i => i.Indicator).Where(i => i.Kind == IndicatorKind.Computed && i.Metric is not null).Select(i => i.Metric!).Distinct())
        {
            computed[metric] = await Metrics.ComputeAsync(db, District, metric, asOf!.Value);
        }
        return indicators.OrderBy(i => i.Number).ThenBy(i => i.Indicator.Order).Select(x =>
        {
            var i = x.Indicator;
            if (i.Kind == IndicatorKind.Computed && i.Metric is not null)
            {
                var value = computed.GetValueOrDefault(i.Metric);
                return new Entry(i, x.Number, value is { } c ? [Math.Round(c, 2)] : [],
                    IndicatorEvaluation.Status(i.Comparator, i.Value, value, planYear, today), null, asOf);
            }
            var reported = values.TryGetValue(i.Id, out var v) ? v : [];
            var trend = reported.Select(r => r.Value).ToList();
            var status = IndicatorEvaluation.Status(i.Comparator, i.Value, trend.Count > 0 ? trend[^1] : null, planYear, today);
            return new Entry(i, x.Number, trend, status, reported.Count > 0 ? reported[^1].Id : null);
        }).ToList();
    }

    /// <summary>
    /// The day a computed target is measured for: today during the plan year, its last day once it is over, none before
    /// it starts.
    /// </summary>
    public static DateOnly? MeasuredOn(int planYear, DateOnly today) =>
        today.Year > planYear ? new DateOnly(planYear, 12, 31) : today.Year == planYear ? today : null;

    /// <summary>The whole district: the plan's targets are the district's, whoever looks at them.</summary>
    public static readonly AccessScope District = new(AccessLevel.Jurisdiction, null, null, new HashSet<Guid>());
}
