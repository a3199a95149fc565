using Shian.Plans;

namespace Shian.Tests.Plans;

public class ReportDutiesTests
{
    private static readonly Guid TaskA = Guid.NewGuid(), TaskB = Guid.NewGuid();
    private static readonly ReportSchedule Quarterly = new(2020, ReportFrequency.Quarterly, 10);

    private static IEnumerable<ReportDuties.Owed> Owed(params Guid[] tasks) =>
        tasks.SelectMany(t => Quarterly.Periods().Select(p => new ReportDuties.Owed(t, p)));

    private static DateTime At(int month, int day) => new(2020, month, day, 2, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Periods_not_begun_are_not_owed_and_standing_reports_clear_a_period()
    {
        // On 2020-08-05: Q1 and Q2 are past due, Q3 has begun (due 2020-10-10), Q4 has not begun.
        var filed = new[]
        {
            (TaskA, "2020-Q1", At(4, 3), ReportReview.Accepted),
            (TaskA, "2020-Q2", At(7, 9), ReportReview.Pending),
            (TaskB, "2020-Q1", At(4, 1), ReportReview.Returned),
        };
        var duties = ReportDuties.Outstanding(Owed(TaskA, TaskB), filed, new DateOnly(2020, 8, 5));
        Assert.Equal(
            [(TaskB, "2020-Q1", ReportDuties.State.Overdue), (TaskB, "2020-Q2", ReportDuties.State.Overdue),
             (TaskA, "2020-Q3", ReportDuties.State.Due), (TaskB, "2020-Q3", ReportDuties.State.Due)],
            duties.Select(d => (d.TaskId, d.Period, d.State)));
        Assert.Equal(new DateOnly(2020, 10, 10), duties[2].Due);
    }

    [Fact]
    public void A_returned_report_is_owed_again_and_a_new_one_clears_it()
    {
        var returned = new[] { (TaskA, "2020-Q3", At(9, 30), ReportReview.Returned) };
        Assert.Equal(ReportDuties.State.Returned,
            ReportDuties.Outstanding(Owed(TaskA), returned, new DateOnly(2020, 10, 2)).Single(d => d.Period == "2020-Q3").State);

        var answered = returned.Append((TaskA, "2020-Q3", At(10, 1), ReportReview.Pending));
        Assert.DoesNotContain(ReportDuties.Outstanding(Owed(TaskA), answered, new DateOnly(2020, 10, 2)), d => d.Period == "2020-Q3");
    }
}
