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
            await Expect(indicators.Locator("tbody tr")).ToHaveCountAsync(15);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.Screenshots, "plan-2020.png"), FullPage = true });
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Office_corrects_a_target_in_the_preview_and_the_plan_has_the_corrected_target()
    {
        var file = Path.Combine(Path.GetTempPath(), $"蓟州区计划-{Guid.NewGuid():N}.txt");
        File.Copy(Path.Combine(AppContext.BaseDirectory, "plans", "jizhou-2020.txt"), file);
        try
        {
            var page = await app.NewPageAsync();
            await page.GotoAsync("/account/login");
            await page.GetByLabel("用户名").FillAsync("office");
            await page.GetByLabel("密码").FillAsync(Shian.Demo.DemoSeeder.Password);
            await page.GetByTestId("login-submit").ClickAsync();

            await page.GotoAsync("/plans/import");
            await page.GetByLabel("计划文件").SetInputFilesAsync(file);
            // Another year than the other test's, so that each imports a plan of its own.
            await page.GetByLabel("年度").FillAsync("2024");
            await page.GetByTestId("preview").ClickAsync();

            // The document says 不少于4批次/千人; the office knows the district agreed on 5.
            var edit = page.GetByTestId("edit-task-15");
            await edit.Locator("summary").ClickAsync();
            await Expect(edit.GetByLabel("指标 1 数值")).ToHaveValueAsync("4");
            await edit.GetByLabel("指标 1 数值").FillAsync("5");
            await page.GetByTestId("preview-task-15").ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Screenshots, "plan-import-edit.png") });
            await edit.GetByRole(AriaRole.Button, new() { Name = "应用修改" }).ClickAsync();

            var task = page.GetByTestId("preview-task-15");
            await Expect(task.GetByTestId("edited")).ToHaveTextAsync("已修改");
            await Expect(task).ToContainTextAsync("全年农产品和食品抽检量 >= 5批次/千人");
            await Expect(page.GetByTestId("edit-task-15").GetByLabel("指标 1 数值")).ToHaveValueAsync("5");
            await Expect(page.GetByLabel("年度")).ToHaveValueAsync("2024");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.Screenshots, "plan-import-corrected.png"), FullPage = true });

            await page.GetByTestId("confirm").ClickAsync();
            await Expect(page.GetByTestId("import-result")).ToContainTextAsync("计划已导入");
            await page.GetByRole(AriaRole.Link, new() { Name = "查看计划" }).ClickAsync();
            await page.GetByRole(AriaRole.Link, new() { Name = "指标完成情况" }).ClickAsync();

            var status = page.GetByTestId("indicator-status");
            await Expect(status.Locator("tr", new() { HasText = "全年农产品和食品抽检量" })).ToContainTextAsync(">= 5批次/千人");
            await Expect(status).Not.ToContainTextAsync(">= 4批次/千人");
        }
        finally
        {
            File.Delete(file);
        }
    }
}
