using System.Globalization;

namespace Shian.Plans;

public enum ReportFrequency
{
    Monthly,
    Quarterly,
    HalfYearly,
}

/// <summary>
/// The reporting periods of a plan's year and when each report is due: the office sets the frequency (quarterly by
/// default) and the days allowed after a period ends.
/// </summary>
public sealed record ReportSchedule(int Year, ReportFrequency Frequency, int DueDays)
{
    public sealed record Period(string Name, DateOnly Start, DateOnly End, DateOnly Due);

    public IReadOnlyList<Period> Periods()
    {
        var months = Frequency switch { ReportFrequency.Monthly => 1, ReportFrequency.HalfYearly => 6, _ => 3 };
        var periods = new List<Period>();
        for (var month = 1; month <= 12; month += months)
        {
            var start = new DateOnly(Year, month, 1);
            var end = start.AddMonths(months).AddDays(-1);
            var index = (month - 1) / months + 1;
            var name = Frequency switch
            {
                ReportFrequency.Monthly => $"{Year}-{month:00}",
                ReportFrequency.HalfYearly => $"{Year}-H{index}",
                _ => $"{Year}-Q{index}",
            };
            periods.Add(new Period(name, start, end, end.AddDays(DueDays)));
        }
        return periods;
    }

    /// <summary>The period a date falls in, or null outside the plan's year.</summary>
    public Period? PeriodOf(DateOnly date) => Periods().FirstOrDefault(p => p.Start <= date && date <= p.End);

    /// <summary>Periods whose report was due before <paramref name="today"/>.</summary>
    public IEnumerable<Period> DueBefore(DateOnly today) => Periods().Where(p => p.Due < today);

    /// <summary>Lead and responsible units owe a report for every period; cooperating units may report.</summary>
    public static bool OwesReports(ResponsibilityRole role) => role != ResponsibilityRole.Cooperate;

    /// <summary>
    /// Where a unit that owes a report stands for a period, from the review of its latest report (null when it filed
    /// none): accepted, pending, returned, overdue or due-later. A returned report not replaced by the due date is overdue.
    /// </summary>
    public static string StateOf(ReportReview? latest, Period period, DateOnly today) => latest switch
    {
        ReportReview.Accepted => "accepted",
        ReportReview.Pending => "pending",
        ReportReview.Returned => period.Due < today ? "overdue" : "returned",
        _ => period.Due < today ? "overdue" : "due-later",
    };

    public static bool IsPeriodName(string value) =>
        value.Length >= 7 && int.TryParse(value[..4], NumberStyles.None, CultureInfo.InvariantCulture, out _);
}
