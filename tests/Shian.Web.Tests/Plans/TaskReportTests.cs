using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shian.Data;
using Shian.Plans;

namespace Shian.Web.Tests.Plans;

/// <summary>Units report progress on their tasks; the office accepts or returns; missing reports are overdue.</summary>
public sealed class TaskReportTests(ShianWebFactory factory) : IClassFixture<ShianWebFactory>
{
    private async Task<Guid> TaskAsync(int number)
    {
        var plan = await SeedPlan.EnsureAsync(factory);
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ShianDb>().PlanTasks.Where(t => t.PlanId == plan && t.Number == number).Select(t => t.Id).SingleAsync();
    }

    private async Task<List<TaskReport>> ReportsAsync(Guid task)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ShianDb>().TaskReports.Where(r => r.TaskId == task).OrderBy(r => r.SubmittedAt).ToListAsync();
    }

    [Fact]
    public async Task A_department_reports_and_the_office_returns_then_accepts()
    {
        var task = await TaskAsync(15); // 区市场监管局 is responsible
        using var department = await factory.SignedInAsync("department");
        var page = await department.GetStringAsync($"/plans/tasks/{task}");
        Assert.Contains("逾期未报", page); // 2020's periods are long past due
        var missing = await department.PostFormAsync($"/plans/tasks/{task}", new() { ["Input.Period"] = "2020-Q3", ["Input.Text"] = "", ["Input.PercentDone"] = "50" }, action: $"/plans/tasks/{task}?handler=Report");
        Assert.Contains("请填写工作进展", await missing.Content.ReadAsStringAsync());
        var badPeriod = await department.PostFormAsync($"/plans/tasks/{task}", new() { ["Input.Period"] = "2031-Q1", ["Input.Text"] = "x", ["Input.PercentDone"] = "50" }, action: $"/plans/tasks/{task}?handler=Report");
        Assert.Contains("报告期无效", await badPeriod.Content.ReadAsStringAsync());
        var notTownship = await department.PostFormAsync($"/plans/tasks/{task}", new() { ["Input.Period"] = "2020-Q3", ["Input.Kind"] = "TownshipToDistrict", ["Input.Text"] = "x", ["Input.PercentDone"] = "50" }, action: $"/plans/tasks/{task}?handler=Report");
        Assert.Contains("只有乡镇街道", await notTownship.Content.ReadAsStringAsync());
        Assert.Empty(await ReportsAsync(task));

        var filed = await department.PostFormAsync($"/plans/tasks/{task}", new()
        {
            ["Input.Period"] = "2020-Q3", ["Input.Progress"] = "InProgress", ["Input.PercentDone"] = "60", ["Input.Text"] = "第三季度完成抽检 812 批次。",
        }, action: $"/plans/tasks/{task}?handler=Report");
        Assert.Equal(HttpStatusCode.Redirect, filed.StatusCode);
        var report = Assert.Single(await ReportsAsync(task));
        Assert.Equal(("2020-Q3", 60, ReportReview.Pending, "department"), (report.Period, report.PercentDone, report.Review, report.SubmittedBy));

        using var office = await factory.SignedInAsync("office");
        var noReason = await office.PostFormAsync($"/plans/tasks/{task}", new() { ["Comment"] = "" }, action: $"/plans/tasks/{task}?handler=Return&reportId={report.Id}");
        Assert.Contains("退回时必须填写意见", await noReason.Content.ReadAsStringAsync());
        var returned = await office.PostFormAsync($"/plans/tasks/{task}", new() { ["Comment"] = "请补充不合格样品处置情况" }, action: $"/plans/tasks/{task}?handler=Return&reportId={report.Id}");
        Assert.Equal(HttpStatusCode.Redirect, returned.StatusCode);
        Assert.Equal(ReportReview.Returned, (await ReportsAsync(task))[0].Review);

        await department.PostFormAsync($"/plans/tasks/{task}", new()
        {
            ["Input.Period"] = "2020-Q3", ["Input.Progress"] = "InProgress", ["Input.PercentDone"] = "65", ["Input.Text"] = "补充：不合格样品 9 批次已全部处置。",
        }, action: $"/plans/tasks/{task}?handler=Report");
        var resubmitted = (await ReportsAsync(task))[1];
        var accepted = await office.PostFormAsync($"/plans/tasks/{task}", new() { ["Comment"] = "" }, action: $"/plans/tasks/{task}?handler=Accept&reportId={resubmitted.Id}");
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Equal(ReportReview.Accepted, (await ReportsAsync(task))[1].Review);
        Assert.Contains("已采纳", await office.GetStringAsync($"/plans/tasks/{task}"));

        // A department may not review, and may not report on a task its unit has no part in.
        var selfReview = await department.PostFormAsync($"/plans/tasks/{task}", new() { ["Comment"] = "" }, action: $"/plans/tasks/{task}?handler=Accept&reportId={report.Id}");
        Assert.Contains("/account/access-denied", selfReview.Headers.Location?.OriginalString);
        Assert.Equal(ReportReview.Returned, (await ReportsAsync(task))[0].Review);
        var forestry = await TaskAsync(14); // 区林业局 only
        Assert.DoesNotContain("data-testid=\"file-report\"", await department.GetStringAsync($"/plans/tasks/{forestry}"));
        var intrude = await department.PostFormAsync($"/plans/tasks/{task}", new() { ["Input.Period"] = "2020-Q3", ["Input.Text"] = "x" }, action: $"/plans/tasks/{forestry}?handler=Report");
        Assert.Contains("/account/access-denied", intrude.Headers.Location?.OriginalString);
        Assert.Empty(await ReportsAsync(forestry));
    }

    [Fact]
    public async Task Townships_file_their_report_to_the_district_on_the_tasks_that_name_them()
    {
        var task = await TaskAsync(1); // 各乡镇街 is responsible
        using var township = await factory.SignedInAsync("township");
        var filed = await township.PostFormAsync($"/plans/tasks/{task}", new()
        {
            ["Input.Period"] = "2020-Q2", ["Input.Kind"] = "TownshipToDistrict", ["Input.Progress"] = "Completed",
            ["Input.PercentDone"] = "10", ["Input.Text"] = "文昌街道已向区委、区政府报告上半年食品安全工作情况。",
        }, action: $"/plans/tasks/{task}?handler=Report");
        Assert.Equal(HttpStatusCode.Redirect, filed.StatusCode);
        var report = Assert.Single(await ReportsAsync(task));
        Assert.Equal(ReportKind.TownshipToDistrict, report.Kind);
        Assert.Equal(100, report.PercentDone); // completed means 100 %
    }
}
