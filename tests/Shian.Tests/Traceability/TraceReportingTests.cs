using Shian.Plans;
using Shian.Traceability;

namespace Shian.Tests.Traceability;

public class TraceReportingTests
{
    [Fact]
    public void Periods_are_those_touching_the_window_that_ended_before_today()
    {
        var today = new DateOnly(2026, 3, 1); // Sunday
        Assert.Equal(4, TraceReporting.Periods(ReportingFrequency.Daily, new(2026, 2, 25), new(2026, 2, 28), today).Count);
        // Weeks run Monday to Sunday: a requirement from Wednesday 4 February counts the week of 2 February.
        var weeks = TraceReporting.Periods(ReportingFrequency.Weekly, new(2026, 2, 4), new(2026, 2, 28), today);
        Assert.Equal([(new DateOnly(2026, 2, 2), new DateOnly(2026, 2, 8)), (new(2026, 2, 9), new(2026, 2, 15)), (new(2026, 2, 16), new(2026, 2, 22))], weeks);
        // The week ending today has not ended.
        Assert.Equal(4, TraceReporting.Periods(ReportingFrequency.Weekly, new(2026, 2, 4), new(2026, 3, 1), new(2026, 3, 2)).Count);
        var months = TraceReporting.Periods(ReportingFrequency.Monthly, new(2026, 1, 20), new(2026, 2, 28), today);
        Assert.Equal([(new DateOnly(2026, 1, 1), new DateOnly(2026, 1, 31)), (new(2026, 2, 1), new(2026, 2, 28))], months);
        Assert.Single(TraceReporting.Periods(ReportingFrequency.Monthly, new(2026, 1, 20), new(2026, 2, 27), new(2026, 2, 28)));
    }

    [Fact]
    public void The_plan_sentence_of_task_12_binds_to_the_upload_rate()
    {
        Assert.Equal(TraceReporting.MetricName, Metrics.Match("我区肉菜类重要产品追溯体系节点企业追溯数据上传平均达标率", "%")?.Name);
    }

    [Fact]
    public void A_requirement_needs_a_business_a_frequency_and_a_start_not_after_its_end()
    {
        Assert.Equal(["BusinessId", "Frequency", "From"], TraceReportingRequirement.Validate(null, null, null, null).Keys.Order());
        Assert.Equal("TraceRequirement.ToBeforeFrom", TraceReportingRequirement.Validate(Guid.NewGuid(), ReportingFrequency.Daily, new(2026, 3, 1), new(2026, 2, 1))["To"].Code);
        Assert.Empty(TraceReportingRequirement.Validate(Guid.NewGuid(), ReportingFrequency.Weekly, new(2026, 3, 1), null));
        Assert.Contains("Frequency", TraceReportingRequirement.Validate(Guid.NewGuid(), (ReportingFrequency)7, new(2026, 3, 1), null).Keys);
    }
}
