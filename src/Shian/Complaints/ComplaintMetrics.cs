using Microsoft.EntityFrameworkCore;
using Shian.Accounts;
using Shian.Data;

namespace Shian.Complaints;

/// <summary>
/// The plan's measures of complaint handling, over this year's complaints and reports (merged duplicates are counted
/// with the one they joined), for what the scope may see, in percent to one decimal; null when nothing is measurable.
/// <list type="bullet">
/// <item><c>complaints.accepted_in_time</c> (按时受理率): of those whose first clock ran out or whose first step was taken,
/// the share accepted or refused (a complaint) or decided (a report) on or before the deadline.</item>
/// <item><c>complaints.closed_in_time</c> (按时办结率): of those closed or past a deadline of the step they are in, the
/// share closed with every step in time (first step, mediation, the reply).</item>
/// <item><c>complaints.satisfaction</c> (满意率): of this year's return visits, the share satisfied.</item>
/// </list>
/// </summary>
public static class ComplaintMetrics
{
    public const string AcceptedInTime = "complaints.accepted_in_time";
    public const string ClosedInTime = "complaints.closed_in_time";
    public const string SatisfactionRate = "complaints.satisfaction";

    public static readonly string[] Names = [AcceptedInTime, ClosedInTime, SatisfactionRate];

    private sealed record Clocks(ComplaintStatus Status, ComplaintKind Kind, DateOnly FirstDeadline, DateOnly? AcceptedOn, DateOnly? MediationDeadline,
        DateOnly? DecidedOn, DateOnly? ReplyDeadline, DateOnly? ClosedOn, Satisfaction? Satisfaction, DateOnly? ReturnVisitOn);

    public static async Task<decimal?> ComputeAsync(ShianDb db, AccessScope scope, string name, DateOnly today, CancellationToken ct = default)
    {
        if (scope.Level is not (AccessLevel.Jurisdiction or AccessLevel.Unit or AccessLevel.Township))
        {
            return null;
        }
        var yearStart = new DateOnly(today.Year, 1, 1);
        if (name == SatisfactionRate)
        {
            var visits = await db.Complaints.VisibleTo(scope).Where(c => c.ReturnVisitOn >= yearStart && c.ReturnVisitOn <= today)
                .GroupBy(c => c.Satisfaction == Satisfaction.Satisfied).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
            return Percent(visits.Where(v => v.Key).Sum(v => v.Count), visits.Sum(v => v.Count));
        }
        var rows = await db.Complaints.VisibleTo(scope)
            .Where(c => c.ReceivedOn >= yearStart && c.ReceivedOn <= today && c.Status != ComplaintStatus.Merged)
            .Select(c => new Clocks(c.Status, c.Kind, c.FirstDeadline, c.AcceptedOn, c.MediationDeadline, c.DecidedOn, c.ReplyDeadline, c.ClosedOn,
                c.Satisfaction, c.ReturnVisitOn))
            .ToListAsync(ct);
        return name switch
        {
            AcceptedInTime => AcceptedInTimePercent(rows, today),
            ClosedInTime => ClosedInTimePercent(rows, today),
            _ => null,
        };
    }

    private static decimal? AcceptedInTimePercent(IReadOnlyList<Clocks> rows, DateOnly today)
    {
        var counted = rows.Select(r => FirstStepOn(r)).Zip(rows)
            .Where(x => x.First is not null || x.Second.FirstDeadline < today).ToList();
        return Percent(counted.Count(x => x.First is { } on && on <= x.Second.FirstDeadline), counted.Count);
    }

    private static decimal? ClosedInTimePercent(IReadOnlyList<Clocks> rows, DateOnly today)
    {
        var counted = rows.Where(r => r.Status == ComplaintStatus.Closed || RunningDeadline(r) < today).ToList();
        return Percent(counted.Count(r => r.Status == ComplaintStatus.Closed && EveryStepInTime(r)), counted.Count);
    }

    /// <summary>Accepted, or (never accepted) refused on the day it was decided; a report's decision.</summary>
    private static DateOnly? FirstStepOn(Clocks r) => r.Kind == ComplaintKind.Complaint ? r.AcceptedOn ?? r.DecidedOn : r.DecidedOn;

    private static DateOnly? RunningDeadline(Clocks r) => r.Status switch
    {
        ComplaintStatus.Received => r.FirstDeadline,
        ComplaintStatus.Accepted => r.MediationDeadline,
        ComplaintStatus.Refused or ComplaintStatus.Mediated or ComplaintStatus.Decided => r.ReplyDeadline,
        _ => null,
    };

    private static bool EveryStepInTime(Clocks r) =>
        FirstStepOn(r) is { } first && first <= r.FirstDeadline
        && (r.AcceptedOn is null || (r.DecidedOn is { } mediated && mediated <= r.MediationDeadline))
        && (r.ReplyDeadline is null || r.ClosedOn <= r.ReplyDeadline);

    private static decimal? Percent(int part, int total) => total == 0 ? null : Math.Round(100m * part / total, 1);
}
