namespace Shian.Plans;

/// <summary>
/// What a unit (or one township of the collective 各乡镇街) still owes: for each task it leads or answers for, each
/// period that has begun and has no report standing (none filed, or the last one returned).
/// </summary>
public static class ReportDuties
{
    public enum State
    {
        /// <summary>The period has begun and its due date is still ahead or today.</summary>
        Due,

        /// <summary>The last report was returned by the office and needs a new one.</summary>
        Returned,

        /// <summary>Past its due date with no standing report.</summary>
        Overdue,
    }

    public sealed record Owed(Guid TaskId, ReportSchedule.Period Period);

    public sealed record Duty(Guid TaskId, string Period, DateOnly Due, State State);

    /// <param name="filed">The reports of this unit or township: task, period, submission time and review.</param>
    public static IReadOnlyList<Duty> Outstanding(IEnumerable<Owed> owed, IEnumerable<(Guid TaskId, string Period, DateTime SubmittedAt, ReportReview Review)> filed, DateOnly today)
    {
        var latest = filed.GroupBy(r => (r.TaskId, r.Period)).ToDictionary(g => g.Key, g => g.MaxBy(r => r.SubmittedAt).Review);
        var duties = new List<Duty>();
        foreach (var (taskId, period) in owed.Where(o => o.Period.Start <= today))
        {
            var review = latest.TryGetValue((taskId, period.Name), out var r) ? r : (ReportReview?)null;
            if (review is ReportReview.Pending or ReportReview.Accepted)
            {
                continue;
            }
            var state = period.Due < today ? State.Overdue : review == ReportReview.Returned ? State.Returned : State.Due;
            duties.Add(new Duty(taskId, period.Name, period.Due, state));
        }
        return duties.OrderByDescending(d => d.State == State.Overdue).ThenBy(d => d.Due).ToList();
    }
}
