using Shian.Plans;

namespace Shian.Tests.Plans;

public class ReportScheduleTests
{
    [Fact]
    public void Quarterly_periods_are_due_ten_days_after_each_quarter()
    {
        var periods = new ReportSchedule(2020, ReportFrequency.Quarterly, 10).Periods();
        Assert.Equal(["2020-Q1", "2020-Q2", "2020-Q3", "2020-Q4"], periods.Select(p => p.Name));
        Assert.Equal(new DateOnly(2020, 7, 1), periods[2].Start);
        Assert.Equal(new DateOnly(2020, 9, 30), periods[2].End);
        Assert.Equal(new DateOnly(2020, 10, 10), periods[2].Due);
        Assert.Equal(new DateOnly(2021, 1, 10), periods[3].Due);
    }

    [Fact]
    public void Monthly_and_half_yearly_schedules_name_their_periods()
    {
        Assert.Equal(12, new ReportSchedule(2020, ReportFrequency.Monthly, 5).Periods().Count);
        Assert.Equal("2020-02", new ReportSchedule(2020, ReportFrequency.Monthly, 5).PeriodOf(new DateOnly(2020, 2, 29))!.Name);
        Assert.Equal(["2020-H1", "2020-H2"], new ReportSchedule(2020, ReportFrequency.HalfYearly, 15).Periods().Select(p => p.Name));
        Assert.Null(new ReportSchedule(2020, ReportFrequency.Quarterly, 10).PeriodOf(new DateOnly(2021, 1, 1)));
    }

    [Fact]
    public void Only_periods_past_their_due_date_are_due()
    {
        var schedule = new ReportSchedule(2020, ReportFrequency.Quarterly, 10);
        Assert.Equal(["2020-Q1", "2020-Q2"], schedule.DueBefore(new DateOnly(2020, 7, 11)).Select(p => p.Name));
        Assert.Equal(["2020-Q1"], schedule.DueBefore(new DateOnly(2020, 7, 10)).Select(p => p.Name));
    }

    [Fact]
    public void A_report_is_reviewed_once_and_a_return_needs_a_reason()
    {
        var at = new DateTime(2020, 10, 12, 2, 0, 0, DateTimeKind.Utc);
        var report = new TaskReport();
        Assert.Equal("TaskReport.ReturnNeedsComment", report.Return("  ", "office", at)?.Code);
        Assert.Equal(ReportReview.Pending, report.Review);
        Assert.Null(report.Return("请补充抽检批次数据", "office", at));
        Assert.Equal(ReportReview.Returned, report.Review);
        Assert.Equal("请补充抽检批次数据", report.ReviewComment);
        Assert.Equal("TaskReport.AlreadyReviewed", report.Accept("", "office", at)?.Code);
        Assert.Equal(ReportReview.Returned, report.Review);

        var second = new TaskReport();
        Assert.Null(second.Accept("", "office", at));
        Assert.Equal(("office", at), (second.ReviewedBy, second.ReviewedAt!.Value));
    }
}

public class IndicatorEvaluationTests
{
    [Theory]
    [InlineData(">=", 98, 98, true)]
    [InlineData(">=", 98, 97.9, false)]
    [InlineData(">", 60, 60, false)]
    [InlineData(">", 60, 60.1, true)]
    [InlineData("=", 100, 100, true)]
    [InlineData("=", 100, 99.99, false)]
    [InlineData("<=", 4, 4, true)]
    [InlineData("<", 4, 4, false)]
    public void Comparators_judge_the_actual_value(string comparator, double target, double actual, bool met) =>
        Assert.Equal(met, IndicatorEvaluation.Meets(comparator, (decimal)target, (decimal)actual));

    [Fact]
    public void Status_depends_on_the_value_and_whether_the_year_is_over()
    {
        var during = new DateOnly(2020, 9, 1);
        var after = new DateOnly(2021, 2, 1);
        Assert.Equal(IndicatorStatus.NoData, IndicatorEvaluation.Status(">=", 98, null, 2020, after));
        Assert.Equal(IndicatorStatus.AtRisk, IndicatorEvaluation.Status(">=", 98, 96.5m, 2020, during));
        Assert.Equal(IndicatorStatus.Missed, IndicatorEvaluation.Status(">=", 98, 96.5m, 2020, after));
        Assert.Equal(IndicatorStatus.Met, IndicatorEvaluation.Status(">=", 98, 98.4m, 2020, during));
    }
}

public class PlanScheduleTests
{
    [Fact]
    public void The_office_sets_frequency_and_days_until_a_report_is_filed()
    {
        var plan = new Plan { Year = 2020 };
        Assert.Null(plan.ChangeSchedule(ReportFrequency.Monthly, 5, anyReportFiled: false));
        Assert.Equal(12, plan.Schedule.Periods().Count);
        Assert.Equal(new DateOnly(2020, 2, 5), plan.Schedule.Periods()[0].Due);

        Assert.Equal("Plan.FrequencyFixed", plan.ChangeSchedule(ReportFrequency.Quarterly, 5, anyReportFiled: true)?.Code);
        Assert.Equal(ReportFrequency.Monthly, plan.ReportFrequency);
        // The days allowed may still change.
        Assert.Null(plan.ChangeSchedule(ReportFrequency.Monthly, 15, anyReportFiled: true));
        Assert.Equal(15, plan.ReportDueDays);

        Assert.Equal("Plan.DueDaysOutOfRange", plan.ChangeSchedule(ReportFrequency.Monthly, 0, anyReportFiled: false)?.Code);
        Assert.Equal("Plan.DueDaysOutOfRange", plan.ChangeSchedule(ReportFrequency.Monthly, 61, anyReportFiled: false)?.Code);
        Assert.Equal("Plan.FrequencyInvalid", plan.ChangeSchedule((ReportFrequency)9, 10, anyReportFiled: false)?.Code);
    }
}
