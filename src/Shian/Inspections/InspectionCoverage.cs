using Microsoft.EntityFrameworkCore;
using Shian.Accounts;
using Shian.Data;

namespace Shian.Inspections;

/// <summary>
/// 按风险等级检查覆盖率 (metric <c>inspection.coverage</c>): of the routine visits planned for the year of
/// <c>today</c> — the number each business's risk grade requires (<see cref="PlannedInspection"/>) — those due by today
/// (planned month ≤ today's month), the share done (<see cref="PlannedInspection.DoneOn"/> set), in percent to one
/// decimal. A visit done ahead of its month is not counted until its month comes (it is not yet due). Null when nothing
/// is due. Scoped like other records: township staff their township's visits, the office and units all, others none.
/// </summary>
public static class InspectionCoverage
{
    public const string MetricName = "inspection.coverage";

    public sealed record Figures(int Due, int Done)
    {
        public decimal? Percent => Due == 0 ? null : Math.Round(100m * Done / Due, 1, MidpointRounding.AwayFromZero);
    }

    /// <summary>The pure count, from the year's planned visits (month and whether done).</summary>
    public static Figures Count(IEnumerable<(int Month, bool Done)> visits, DateOnly today)
    {
        var due = visits.Where(v => v.Month <= today.Month).ToList();
        return new Figures(due.Count, due.Count(v => v.Done));
    }

    public static async Task<Figures> ComputeAsync(ShianDb db, AccessScope scope, DateOnly today, CancellationToken ct = default)
    {
        var query = db.PlannedInspections.AsNoTracking().Where(p => p.Year == today.Year && p.Month <= today.Month);
        var township = scope.TownshipId;
        query = scope.Level switch
        {
            AccessLevel.Jurisdiction or AccessLevel.Unit or AccessLevel.Laboratory => query,
            AccessLevel.Township => query.Where(p => p.TownshipId == township),
            _ => query.Where(p => false),
        };
        var due = await query.CountAsync(ct);
        var done = await query.CountAsync(p => p.DoneOn != null, ct);
        return new Figures(due, done);
    }
}
