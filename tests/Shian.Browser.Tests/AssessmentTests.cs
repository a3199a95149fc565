using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Shian.Data;
using Shian.Plans;
using static Microsoft.Playwright.Assertions;

namespace Shian.Browser.Tests;

/// <summary>评议考核 in Chromium: the office builds a scheme, scores the year, enters, publishes and exports to Excel.</summary>
public sealed class AssessmentTests(BrowserFixture app) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_office_scores_the_townships_publishes_and_exports_the_ranking()
    {
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var text = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "plans", "jizhou-2020.txt"));
            var imported = await PlanImport.ImportAsync(scope.ServiceProvider.GetRequiredService<ShianDb>(), PlanParser.Parse(text).Plan!, text, 2020,
                new Dictionary<string, Guid>(), new HashSet<string>(), TimeProvider.System);
            Assert.Equal(PlanImport.Outcome.Created, imported.Outcome);
        }
        var page = await app.NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.GetByLabel("用户名").FillAsync("office");
        await page.GetByLabel("密码").FillAsync(Shian.Demo.DemoSeeder.Password);
        await page.GetByTestId("login-submit").ClickAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "评议考核" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("评议考核");
        await page.GetByLabel("方案名称").FillAsync("乡镇街道食品安全工作考核");
        await page.GetByLabel("考核对象").SelectOptionAsync(new SelectOptionValue { Label = "乡镇街道" });
        await page.GetByTestId("create-scheme").ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("乡镇街道食品安全工作考核");

        await page.GetByLabel("评分项", new() { Exact = true }).FillAsync("进度报告按时报送");
        await page.GetByLabel("分值").FillAsync("40");
        await page.GetByLabel("计分方式").SelectOptionAsync(new SelectOptionValue { Label = "报告及时性" });
        await page.GetByTestId("add-criterion").ClickAsync();
        await page.GetByLabel("评分项", new() { Exact = true }).FillAsync("群众满意度");
        await page.GetByLabel("分值").FillAsync("60");
        await page.GetByTestId("add-criterion").ClickAsync();
        await Expect(page.GetByTestId("criteria")).ToContainTextAsync("群众满意度");
        await Expect(page.Locator("main")).ToContainTextAsync("满分 100");

        await page.GetByLabel("报告期").SelectOptionAsync("2020");
        await page.GetByTestId("score-period").ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("乡镇街道食品安全工作考核 · 2020");
        await Expect(page.GetByTestId("score-sheet")).ToContainTextAsync("按时报告 0/8");

        // One township gets a better survey score; a mistyped score is refused with the township named.
        await page.GetByLabel("渔阳镇 · 群众满意度", new() { Exact = true }).FillAsync("70");
        await page.GetByTestId("save-scores").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("渔阳镇 · 群众满意度：分值“70”无效，应在 0 到 60 之间");
        foreach (var input in await page.Locator("input[name$='.Points']").AllAsync())
        {
            await input.FillAsync("50");
        }
        await page.GetByLabel("渔阳镇 · 群众满意度", new() { Exact = true }).FillAsync("58.5");
        await page.GetByTestId("save-scores").ClickAsync();
        await page.GetByTestId("publish").ClickAsync();
        await Expect(page.GetByTestId("round-status")).ToHaveTextAsync("已发布");
        var first = page.GetByTestId("score-sheet").Locator("tbody tr").First;
        await Expect(first).ToContainTextAsync("渔阳镇");
        await Expect(first.GetByTestId("total")).ToHaveTextAsync("58.5");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.Screenshots, "assessment-round-zh.png"), FullPage = true });

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("export").ClickAsync());
        Assert.Equal("乡镇街道食品安全工作考核-2020.xlsx", download.SuggestedFilename);
        var saved = Path.Combine(Path.GetTempPath(), $"assessment-{Guid.NewGuid()}.xlsx");
        await download.SaveAsAsync(saved);
        try
        {
            var rows = MiniExcelLibs.MiniExcel.Query(saved, useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
            Assert.Equal("渔阳镇", rows[0]["乡镇街道"]);
            Assert.Equal(58.5, Convert.ToDouble(rows[0]["总分"]));
        }
        finally
        {
            File.Delete(saved);
        }
        await Expect(page).ToHaveURLAsync(new Regex("/assessment/rounds/"));
    }
}
