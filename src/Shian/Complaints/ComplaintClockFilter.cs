using Shian.Common;

namespace Shian.Complaints;

/// <summary>
/// The complaints whose running deadline (<see cref="Complaint.RunningDeadline"/>) stands in a clock state today, spelled
/// out for the database: overdue before today; due soon from today to the last day within the warning's working days
/// (<see cref="ComplaintClocks.StateOf"/>); running after that. The list's filter and the workbench's counts share it.
/// </summary>
public static class ComplaintClockFilter
{
    public static IQueryable<Complaint> InClock(this IQueryable<Complaint> complaints, ClockState state, DateOnly today, WorkingDayCalendar calendar,
        ComplaintClocks clocks)
    {
        var dueSoonUntil = calendar.AddWorkingDays(today, clocks.DueSoonWorkingDays + 1).AddDays(-1);
        var (from, to) = state switch
        {
            ClockState.Overdue => (DateOnly.MinValue, today.AddDays(-1)),
            ClockState.DueSoon => (today, dueSoonUntil),
            _ => (dueSoonUntil.AddDays(1), DateOnly.MaxValue),
        };
        return complaints.Where(c =>
            (c.Status == ComplaintStatus.Received && c.FirstDeadline >= from && c.FirstDeadline <= to)
            || (c.Status == ComplaintStatus.Accepted && c.MediationDeadline >= from && c.MediationDeadline <= to)
            || ((c.Status == ComplaintStatus.Refused || c.Status == ComplaintStatus.Mediated || c.Status == ComplaintStatus.Decided)
                && c.ReplyDeadline >= from && c.ReplyDeadline <= to));
    }
}
