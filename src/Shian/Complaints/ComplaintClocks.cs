using Shian.Common;

namespace Shian.Complaints;

public enum ClockState
{
    Running, // time left
    DueSoon, // the deadline is within DueSoonWorkingDays working days
    Overdue, // the deadline passed and the step is not done
}

/// <summary>
/// The working-day limits of SAMR Order 20 (docs/domain.md §8), as configuration ("Complaints:Clocks") so that a
/// province's stricter rule or a future amendment is a setting: accept or refuse a complaint within 7 working days of
/// receipt; mediation ends without agreement 45 working days after acceptance; decide on a report within 15; tell a
/// real-name informant within 5 of the decision [unconfirmed in domain.md: configurable for that reason]. Each counts
/// from the day after the start (the receipt does not count), as <see cref="WorkingDayCalendar.AddWorkingDays"/> does.
/// </summary>
public sealed record ComplaintClocks(int AcceptDays = 7, int MediationDays = 45, int DecideDays = 15, int ReplyDays = 5, int DueSoonWorkingDays = 2)
{
    public static readonly ComplaintClocks Statutory = new();

    /// <summary>Where a deadline stands on a day: overdue from the day after it, due soon within the warning days.</summary>
    public ClockState StateOf(DateOnly deadline, DateOnly today, WorkingDayCalendar calendar) =>
        today > deadline ? ClockState.Overdue
        : calendar.WorkingDaysBetween(today, deadline) <= DueSoonWorkingDays ? ClockState.DueSoon
        : ClockState.Running;
}
