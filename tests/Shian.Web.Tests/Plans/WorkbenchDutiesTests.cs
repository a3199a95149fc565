using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shian.Data;

namespace Shian.Web.Tests.Plans;

/// <summary>The workbench tells each unit which progress reports it owes, and the office which wait for review.</summary>
public sealed class WorkbenchDutiesTests(ShianWebFactory factory) : IClassFixture<ShianWebFactory>
{
    [Fact]
    public async Task Units_see_the_reports_they_owe_and_the_office_the_reports_to_review()
    {
        var plan = await SeedPlan.EnsureAsync(factory);
        Guid task15;
        int owedByMarket;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ShianDb>();
            task15 = await db.PlanTasks.Where(t => t.PlanId == plan && t.Number == 15).Select(t => t.Id).SingleAsync();
            var market = await db.Units.Where(u => u.Name == "区市场监管局").Select(u => u.Id).SingleAsync();
            owedByMarket = await db.PlanTasks.CountAsync(t => t.PlanId == plan && t.Responsibilities.Any(r => r.UnitId == market && r.Role != Shian.Plans.ResponsibilityRole.Cooperate));
        }
        using var department = await factory.SignedInAsync("department");
        var before = await department.GetStringAsync("/workbench");
        // 2020 is over: every quarter of every task the unit leads or answers for is overdue.
        Assert.Contains($"逾期 {owedByMarket * 4} 项，共 {owedByMarket * 4} 项", before);
        Assert.Contains($"href=\"/plans/tasks/{task15}\"", before);

        var filed = await department.PostFormAsync($"/plans/tasks/{task15}", new()
        {
            ["Input.Kind"] = "Progress", ["Input.Period"] = "2020-Q1", ["Input.Progress"] = "Completed", ["Input.PercentDone"] = "100", ["Input.Text"] = "一季度抽检完成",
        }, $"/plans/tasks/{task15}?handler=Report");
        Assert.Equal(HttpStatusCode.Redirect, filed.StatusCode);
        Assert.Contains($"共 {owedByMarket * 4 - 1} 项", await department.GetStringAsync("/workbench"));

        using var office = await factory.SignedInAsync("office");
        var reviews = Regex.Match(await office.GetStringAsync("/workbench"), "data-testid=\"reviews\".*?</section>", RegexOptions.Singleline).Value;
        Assert.Contains("待审核的进度报告（1）", reviews);
        Assert.Contains("区市场监管局 · 2020-Q1", reviews);
        // The department has no review to do.
        Assert.DoesNotContain("data-testid=\"reviews\"", await department.GetStringAsync("/workbench"));
    }
}
