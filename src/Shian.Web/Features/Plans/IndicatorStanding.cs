using Microsoft.EntityFrameworkCore;
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
    public sealed record Entry(PlanIndicator Indicator, int Task, IReadOnlyList<decimal> Trend, IndicatorStatus Status, Guid? LatestValueId)
    {
        public decimal? Latest => Trend.Count > 0 ? Trend[^1] : null;
    }

    /// <summary>
    /// The plan's targets in task and document order, judged on the district's values: a township's own value for a
    /// target of the collective 各乡镇街 scores that township and is not the district's figure.
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
        return indicators.OrderBy(i => i.Number).ThenBy(i => i.Indicator.Order).Select(x =>
        {
            var i = x.Indicator;
            var reported = values.TryGetValue(i.Id, out var v) ? v : [];
            var trend = reported.Select(r => r.Value).ToList();
            var status = IndicatorEvaluation.Status(i.Comparator, i.Value, trend.Count > 0 ? trend[^1] : null, planYear, today);
            return new Entry(i, x.Number, trend, status, reported.Count > 0 ? reported[^1].Id : null);
        }).ToList();
    }
}
