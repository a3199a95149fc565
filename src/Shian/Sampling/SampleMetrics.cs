using Microsoft.EntityFrameworkCore;
using Shian.Accounts;
using Shian.Data;

namespace Shian.Sampling;

public static class SampleMetrics
{
    public const string ReportTimeliness = "sampling.report_timeliness";

    /// <summary>
    /// sampling.report_timeliness, in %: among the samples received by a lab in the year of <paramref name="today"/> whose
    /// report is due (the 20-working-day deadline has passed) or already out, the share whose report was out on or before
    /// its deadline. A late report counts against the figure; a report not yet due does not count at all. Null when no
    /// report is due yet or the scope sees nothing.
    /// </summary>
    public static async Task<decimal?> ReportTimelinessAsync(ShianDb db, AccessScope scope, DateOnly today, CancellationToken ct = default)
    {
        var start = new DateOnly(today.Year, 1, 1);
        var due = await scope.Visible(db.Samples.AsNoTracking())
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
