using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Shian.Browser.Tests;

/// <summary>The food-safety office imports the year's plan from its document, in Chinese, as it would at a desk.</summary>
public sealed class PlanImportTests(BrowserFixture app) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Office_uploads_the_seed_maps_an_abbreviated_unit_and_sees_22_tasks_and_the_targets()
    {
        // The district's document, with 区卫生健康委 written the short way, as documents often do.
        var seed = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "plans", "jizhou-2020.txt"));
        var file = Path.Combine(Path.GetTempPath(), $"蓟州区2020年计划-{Guid.NewGuid():N}.txt");
        await File.WriteAllTextAsync(file, seed.Replace("区卫生健康委", "区卫健委", StringComparison.Ordinal));
        try
        {
            var page = await app.NewPageAsync();
            await page.GotoAsync("/account/login");
            await page.GetByLabel("用户名").FillAsync("office");
            await page.GetByLabel("密码").FillAsync(Shian.Demo.DemoSeeder.Password);
            await page.GetByTestId("login-submit").ClickAsync();

            await page.GetByRole(AriaRole.Link, new() { Name = "年度计划" }).ClickAsync();
            await page.GetByRole(AriaRole.Link, new() { Name = "导入计划" }).ClickAsync();
            await page.GetByLabel("计划文件").SetInputFilesAsync(file);
            await page.GetByTestId("preview").ClickAsync();

            await Expect(page.GetByTestId("preview-title")).ToHaveTextAsync("蓟州区2020年食品安全监督管理计划");
            await Expect(page.Locator("pre")).ToContainTextAsync("天津市蓟州区人民政府办公室关于印发");
            await Expect(page.GetByLabel("年度")).ToHaveValueAsync("2020");
            var unknown = page.GetByTestId("unknown-units");
            await Expect(unknown).ToContainTextAsync("1 个单位名称未对应到现有单位");
            var choice = unknown.GetByLabel("“区卫健委”");
            await Expect(choice.Locator("option:checked")).ToHaveTextAsync("建议：区卫生健康委");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.Screenshots, "plan-import-preview.png"), FullPage = true });

            await page.GetByTestId("confirm").ClickAsync();
            await Expect(page.GetByTestId("import-result")).ToContainTextAsync("计划已导入");
            await page.GetByRole(AriaRole.Link, new() { Name = "查看计划" }).ClickAsync();

            await Expect(page.Locator("h1")).ToHaveTextAsync("蓟州区2020年食品安全监督管理计划");
            var tasks = page.GetByTestId("plan-tasks");
            await Expect(tasks.Locator("tbody tr td.num:first-child")).ToHaveCountAsync(22);
            await Expect(tasks).ToContainTextAsync("区卫生健康委");
            var indicators = page.GetByTestId("plan-indicators");
            await Expect(indicators).ToContainTextAsync("全年农产品和食品抽检量");
            await Expect(indicators).ToContainTextAsync(">= 4批次/千人");
            await Expect(indicators).ToContainTextAsync("sampling.batches_per_1000");
            await Expect(indicators.Locator("tbody tr")).ToHaveCountAsync(14);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.Screenshots, "plan-2020.png"), FullPage = true });
        }
        finally
        {
            File.Delete(file);
        }
    }
}
