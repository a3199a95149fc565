using Microsoft.EntityFrameworkCore;
using Shian.Accounts;
using Shian.Data;

namespace Shian.Sampling;

/// <summary>
/// 承检机构考核 (plan task 15, "落实食品安全承检机构考核管理规定"): how each laboratory kept its limits on the samples it received
/// in a year, in the user's scope — receipts after the 5th working day, reports due and those out within 20 working days,
/// reports overdue today — and how its failed results stood up when re-tested elsewhere (复检合格 overturns its result).
/// </summary>
public static class LaboratoryPerformance
{
    public sealed record Row(Guid LaboratoryId, string Name, int Received, int ReceivedLate, int ReportsDue, int ReportsInTime, int OverdueNow,
        int Retested, int Overturned)
    {
        /// <summary>Reports out within 20 working days among those due, as <see cref="SampleMetrics.ReportTimelinessAsync"/> counts them.</summary>
        public decimal? InTimePercent => ReportsDue == 0 ? null : Math.Round(100m * ReportsInTime / ReportsDue, 1);
    }

    public static async Task<IReadOnlyList<Row>> ComputeAsync(ShianDb db, AccessScope scope, int year, DateOnly today, CancellationToken ct = default)
    {
        var start = new DateOnly(year, 1, 1);
        var end = new DateOnly(year, 12, 31);
        var received = await db.Samples.AsNoTracking().VisibleTo(scope)
            .Where(s => s.ReceivedOn != null && s.ReceivedOn >= start && s.ReceivedOn <= end)
            .Select(s => new { s.Id, s.LaboratoryId, s.ReceivedLateDays, s.ReportedOn, s.ReportDeadline, s.Status })
            .ToListAsync(ct);
        var visibleIds = received.Select(s => s.Id).ToHashSet();
        var retests = (await db.SampleFailures.AsNoTracking()
                .Where(f => f.Reinspection == ReinspectionStatus.Passed || f.Reinspection == ReinspectionStatus.Failed)
                .Select(f => new { f.SampleId, f.LaboratoryId, f.Reinspection })
                .ToListAsync(ct))
            .Where(f => visibleIds.Contains(f.SampleId))
            .ToLookup(f => f.LaboratoryId);
        var labIds = received.Select(s => s.LaboratoryId).Distinct().ToList();
        var names = await db.Units.AsNoTracking().Where(u => labIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        return received.GroupBy(s => s.LaboratoryId)
            .Select(g =>
            {
                var due = g.Where(s => s.ReportDeadline != null && (s.ReportedOn != null || s.ReportDeadline < today)).ToList();
                return new Row(g.Key, names.GetValueOrDefault(g.Key, "—"), g.Count(), g.Count(s => s.ReceivedLateDays > 0), due.Count,
                    due.Count(s => s.ReportedOn is { } on && on <= s.ReportDeadline),
                    g.Count(s => s.Status is SampleStatus.Received or SampleStatus.Tested && s.ReportDeadline < today),
                    retests[g.Key].Count(), retests[g.Key].Count(f => f.Reinspection == ReinspectionStatus.Passed));
            })
            .OrderBy(r => r.Name, StringComparer.Ordinal)
            .ToList();
    }
}
