using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shian.Data;
using Shian.Plans;

namespace Shian.Web.Tests.Plans;

/// <summary>The plan dashboard: its chart data and tables count what was filed, for what the viewer may see.</summary>
public sealed partial class DashboardTests(ShianWebFactory factory) : IClassFixture<ShianWebFactory>
{
    private const string Market = "区市场监管局";

    [GeneratedRegex("<script type=\"application/json\" id=\"dashboard-data\">(.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex DataIsland();

    private static JsonElement ChartData(string html)
    {
        var island = DataIsland().Match(html);
        Assert.True(island.Success, "the page has no dashboard-data element");
        return JsonDocument.Parse(island.Groups[1].Value).RootElement;
    }

    private static JsonElement Row(JsonElement data, string list, string key, object value) =>
        data.GetProperty(list).EnumerateArray().Single(e => e.GetProperty(key).ToString() == value.ToString());

    private static List<string> Units(JsonElement data) => data.GetProperty("units").EnumerateArray().Select(u => u.GetProperty("unit").GetString()!).ToList();

    private async Task<(Guid Task, Guid Indicator, int MarketTasks)> SeedAsync(Guid plan)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShianDb>();
        var task = await db.PlanTasks.Where(t => t.PlanId == plan && t.Number == 15).Select(t => t.Id).SingleAsync();
        var indicator = await db.PlanIndicators.Where(i => i.Order == 2 && db.PlanTasks.Any(t => t.Id == i.TaskId && t.PlanId == plan && t.Number == 12)).Select(i => i.Id).SingleAsync();
        var marketTasks = await db.TaskResponsibilities
            .Where(r => r.Unit!.Name == Market && r.Role != ResponsibilityRole.Cooperate && db.PlanTasks.Any(t => t.Id == r.TaskId && t.PlanId == plan))
            .Select(r => r.TaskId).Distinct().CountAsync();
        return (task, indicator, marketTasks);
    }

    [Fact]
    public async Task The_office_sees_filed_reports_values_and_overdue_periods_counted()
    {
        var plan = await SeedPlan.EnsureAsync(factory);
        var (task, indicator, marketTasks) = await SeedAsync(plan);
        Assert.True(marketTasks > 1);
        using var office = await factory.SignedInAsync("office");

        // 2020 is over and nothing was filed: every period of every task the unit owes is overdue.
        var before = ChartData(await office.GetStringAsync($"/plans/{plan}/dashboard"));
        var marketBefore = Row(before, "units", "unit", Market);
        Assert.Equal(marketTasks, marketBefore.GetProperty("tasksOwned").GetInt32());
        Assert.Equal(marketTasks * 4, marketBefore.GetProperty("reportsOverdue").GetInt32());
        Assert.Equal(marketTasks * 4, Row(before, "overdue", "unit", Market).GetProperty("reportsOverdue").GetInt32());
        Assert.Equal("NoData", Row(before, "indicators", "subject", await SubjectAsync(indicator)).GetProperty("status").GetString());

        using var department = await factory.SignedInAsync("department");
        var filed = await department.PostFormAsync($"/plans/tasks/{task}", new()
        {
            ["Input.Period"] = "2020-Q3", ["Input.Progress"] = "InProgress", ["Input.PercentDone"] = "60", ["Input.Text"] = "第三季度完成抽检 812 批次。",
        }, action: $"/plans/tasks/{task}?handler=Report");
        Assert.Equal(HttpStatusCode.Redirect, filed.StatusCode);
        var reported = await department.PostFormAsync($"/plans/{plan}/indicators", new() { ["IndicatorId"] = indicator.ToString(), ["Value"] = "5", ["AsOf"] = "2020-12-20", ["Evidence"] = "已完成 5 家企业追溯系统验收" });
        Assert.Equal(HttpStatusCode.Redirect, reported.StatusCode);
        Guid report;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            report = await scope.ServiceProvider.GetRequiredService<ShianDb>().TaskReports.Where(r => r.TaskId == task).Select(r => r.Id).SingleAsync();
        }
        var accepted = await office.PostFormAsync($"/plans/tasks/{task}", new() { ["Comment"] = "" }, action: $"/plans/tasks/{task}?handler=Accept&reportId={report}");
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);

        var html = await office.GetStringAsync($"/plans/{plan}/dashboard");
        var after = ChartData(html);
        var progress = Row(after, "tasks", "number", 15);
        Assert.Equal((60, "InProgress"), (progress.GetProperty("percentDone").GetInt32(), progress.GetProperty("progress").GetString()));
        Assert.Equal(JsonValueKind.Null, Row(after, "tasks", "number", 14).GetProperty("progress").ValueKind);

        var market = Row(after, "units", "unit", Market);
        Assert.Equal(1, market.GetProperty("reportsFiled").GetInt32());
        Assert.Equal(1, market.GetProperty("reportsAccepted").GetInt32());
        Assert.Equal(marketTasks * 4 - 1, market.GetProperty("reportsOverdue").GetInt32()); // Q3 of task 15 is no longer overdue
        Assert.Equal(marketTasks * 4 - 1, Row(after, "overdue", "unit", Market).GetProperty("reportsOverdue").GetInt32());

        var value = Row(after, "indicators", "subject", await SubjectAsync(indicator));
        Assert.Equal((5m, 7m, "Missed"), (value.GetProperty("actual").GetDecimal(), value.GetProperty("targetValue").GetDecimal(), value.GetProperty("status").GetString()));
        var noValue = after.GetProperty("indicators").EnumerateArray().Where(i => i.GetProperty("actual").ValueKind == JsonValueKind.Null).ToList();
        Assert.NotEmpty(noValue);
        Assert.All(noValue, i => Assert.Equal("NoData", i.GetProperty("status").GetString()));

        // The tables carry the same numbers, in Chinese.
        Assert.Matches(new Regex($@"<td>{Market}</td>\s*<td class=""num"">{marketTasks}</td>\s*<td class=""num"">1</td>\s*<td class=""num"">1</td>\s*<td class=""num"">{marketTasks * 4 - 1}</td>"), html);
        Assert.Matches(new Regex("<td class=\"num\">5家</td>\\s*<td><span class=\"tag bad\">未达标</span>"), html);
        Assert.Contains("暂无数值", html);
        Assert.Contains("<td>推进中</td>", html);
        Assert.Equal("完成进度（%）", after.GetProperty("labels").GetProperty("percentDone").GetString());
        Assert.Contains("dashboard.js", html);
        Assert.Contains("/lib/echarts/echarts.min.js", html);
    }

    [Fact]
    public async Task A_unit_sees_its_own_tasks_and_reporting_only()
    {
        var plan = await SeedPlan.EnsureAsync(factory);
        using var office = await factory.SignedInAsync("office");
        var all = ChartData(await office.GetStringAsync($"/plans/{plan}/dashboard"));
        Assert.Contains("区林业局", Units(all));
        Assert.Contains(all.GetProperty("tasks").EnumerateArray(), t => t.GetProperty("number").GetInt32() == 14); // 区林业局 only

        using var department = await factory.SignedInAsync("department");
        var html = await department.GetStringAsync($"/plans/{plan}/dashboard");
        var own = ChartData(html);
        Assert.Equal([Market], Units(own));
        Assert.Equal([Market], own.GetProperty("overdue").EnumerateArray().Select(u => u.GetProperty("unit").GetString()));
        var tasks = own.GetProperty("tasks").EnumerateArray().Select(t => t.GetProperty("number").GetInt32()).ToList();
        Assert.Contains(15, tasks);
        Assert.DoesNotContain(14, tasks);
        Assert.True(tasks.Count < all.GetProperty("tasks").GetArrayLength());
        Assert.All(own.GetProperty("indicators").EnumerateArray(), i => Assert.Contains(i.GetProperty("task").GetInt32(), tasks));
        Assert.DoesNotContain("区林业局", html);
        Assert.Contains($"仅显示{Market}参与的任务", html);

        // A township officer works for the collective 各乡镇街 unit that plans name.
        string townships;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            townships = await scope.ServiceProvider.GetRequiredService<ShianDb>().Units.Where(u => u.Kind == Shian.Organization.UnitKind.Townships).Select(u => u.Name).SingleAsync();
        }
        using var township = await factory.SignedInAsync("township");
        Assert.Equal([townships], Units(ChartData(await township.GetStringAsync($"/plans/{plan}/dashboard"))));
    }

    [Fact]
    public async Task Anonymous_visitors_are_sent_to_sign_in_and_operators_are_refused()
    {
        var plan = await SeedPlan.EnsureAsync(factory);
        var anonymous = await factory.NewClient().GetAsync($"/plans/{plan}/dashboard");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Contains("/account/login", anonymous.Headers.Location?.OriginalString);

        using var operatorClient = await factory.SignedInAsync("operator");
        var refused = await operatorClient.GetAsync($"/plans/{plan}/dashboard");
        Assert.Contains("/account/access-denied", refused.Headers.Location?.OriginalString);

        using var office = await factory.SignedInAsync("office");
        Assert.Equal(HttpStatusCode.NotFound, (await office.GetAsync($"/plans/{Guid.NewGuid()}/dashboard")).StatusCode);
    }

    private async Task<string> SubjectAsync(Guid indicator)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ShianDb>().PlanIndicators.Where(i => i.Id == indicator).Select(i => i.Subject).SingleAsync();
    }
}
