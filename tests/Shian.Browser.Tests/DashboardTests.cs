using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Shian.Data;
using Shian.Plans;
using static Microsoft.Playwright.Assertions;

namespace Shian.Browser.Tests;

/// <summary>The office opens the plan dashboard and sees its charts drawn, under the site's content security policy.</summary>
public sealed class DashboardTests(BrowserFixture app) : IClassFixture<BrowserFixture>
{
    /// <summary>The district's 2020 plan with one progress report and one reported value, so every chart has something to draw.</summary>
    private async Task<Guid> SeedAsync()
    {
        var text = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "plans", "jizhou-2020.txt"));
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShianDb>();
        var result = await PlanImport.ImportAsync(db, PlanParser.Parse(text).Plan!, text, 2020, new Dictionary<string, Guid>(), new HashSet<string>(), TimeProvider.System);
        var plan = result.PlanId!.Value;
        var task = db.PlanTasks.Single(t => t.PlanId == plan && t.Number == 15);
        var unit = db.TaskResponsibilities.First(r => r.TaskId == task.Id).UnitId;
        db.TaskReports.Add(new TaskReport
        {
            TaskId = task.Id, UnitId = unit, Period = "2020-Q3", Progress = TaskProgress.InProgress, PercentDone = 60,
            Text = "第三季度完成抽检 812 批次。", SubmittedAt = DateTime.UtcNow, SubmittedBy = "department",
        });
        var traceability = db.PlanTasks.Single(t => t.PlanId == plan && t.Number == 12).Id;
        var indicator = db.PlanIndicators.Single(i => i.TaskId == traceability && i.Order == 2); // 完成7家 … 追溯体系建设
        db.IndicatorValues.Add(new IndicatorValue
        {
            IndicatorId = indicator.Id, UnitId = unit, AsOf = new DateOnly(2020, 12, 20), Value = 5, Evidence = "已完成 5 家企业追溯系统验收",
            SubmittedAt = DateTime.UtcNow, SubmittedBy = "department",
        });
        await db.SaveChangesAsync();
        return plan;
    }

    [Fact]
    public async Task Office_opens_the_dashboard_and_the_charts_are_drawn()
    {
        var plan = await SeedAsync();
        var page = await app.NewPageAsync(1280, 900);
        // A script blocked by the content security policy, or one that throws, shows up here.
        var problems = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") problems.Add(message.Text); };
        page.PageError += (_, error) => problems.Add(error);

        await page.GotoAsync("/account/login");
        await page.GetByLabel("用户名").FillAsync("office");
        await page.GetByLabel("密码").FillAsync(Shian.Demo.DemoSeeder.Password);
        await page.GetByTestId("login-submit").ClickAsync();
        await page.GotoAsync($"/plans/{plan}");
        await page.GetByTestId("open-dashboard").ClickAsync();

        await Expect(page.Locator("h1")).ToHaveTextAsync("2020 年度计划看板");
        var charts = page.Locator("div[_echarts_instance_]");
        await Expect(charts).ToHaveCountAsync(4);
        foreach (var name in new[] { "tasks", "units", "indicators", "overdue" })
        {
            var canvas = page.Locator($"div[data-chart=\"{name}\"][_echarts_instance_] canvas");
            await Expect(canvas).ToHaveCountAsync(1);
            var box = await canvas.BoundingBoxAsync();
            Assert.True(box is { Width: > 200, Height: > 150 }, $"the {name} chart has no room: {box?.Width}×{box?.Height}");
        }
        await Expect(page.GetByTestId("dashboard-indicators")).ToContainTextAsync("5家");
        await Expect(page.GetByTestId("dashboard-overdue")).ToContainTextAsync("区市场监管局");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.Screenshots, "plan-dashboard.png"), FullPage = true });
        Assert.Empty(problems);
    }
}
