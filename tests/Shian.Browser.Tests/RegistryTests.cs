using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Shian.Browser.Tests;

/// <summary>
/// The registry in Chromium: import a file with a bad row, read the error, fix the file, import it, find the business,
/// record its licence, and open the licence's check page from its QR code on a phone.
/// </summary>
public sealed class RegistryTests(BrowserFixture app) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Import_fix_find_license_and_check_on_a_phone()
    {
        var sample = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "imports", "businesses-sample.csv"));
        var folder = Directory.CreateTempSubdirectory("shian-browser-").FullName;
        try
        {
            var bad = Path.Combine(folder, "主体-有错.csv");
            await File.WriteAllTextAsync(bad, sample.Replace(",别山镇,", ",别山乡,", StringComparison.Ordinal));
            var fixedFile = Path.Combine(folder, "主体.csv");
            await File.WriteAllTextAsync(fixedFile, sample);

            var page = await app.NewPageAsync();
            await page.GotoAsync("/account/login");
            await page.GetByLabel("用户名").FillAsync("department");
            await page.GetByLabel("密码").FillAsync(Shian.Demo.DemoSeeder.Password);
            await page.GetByTestId("login-submit").ClickAsync();

            await page.GetByRole(AriaRole.Link, new() { Name = "主体档案" }).ClickAsync();
            await page.GetByTestId("import-businesses").ClickAsync();
            await page.GetByLabel("文件").SetInputFilesAsync(bad);
            await page.GetByTestId("check-import").ClickAsync();
            var errors = page.GetByTestId("import-errors");
            await Expect(errors).ToContainTextAsync("有 1 处错误，文件未导入");
            await Expect(errors.Locator("tbody tr").First).ToContainTextAsync("5乡镇街道没有名为“别山乡”的乡镇街道");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.Screenshots, "registry-import-error.png"), FullPage = true });

            await page.GetByLabel("文件").SetInputFilesAsync(fixedFile);
            await page.GetByTestId("check-import").ClickAsync();
            await Expect(page.GetByTestId("import-preview")).ToContainTextAsync("共 4 行，全部检查通过");
            await page.GetByTestId("confirm-import").ClickAsync();
            await Expect(page.GetByTestId("import-done")).ToContainTextAsync("已导入 4 个主体");

            await page.GotoAsync("/businesses");
            await page.GetByLabel("名称或代码").FillAsync("老王");
            await page.GetByRole(AriaRole.Button, new() { Name = "筛选" }).ClickAsync();
            await Expect(page.GetByTestId("business-count")).ToHaveTextAsync("共 1 条");
            await page.GetByRole(AriaRole.Link, new() { Name = "蓟州区渔阳镇老王家常菜馆" }).ClickAsync();
            await Expect(page.Locator("h1")).ToHaveTextAsync("蓟州区渔阳镇老王家常菜馆");

            await page.GetByTestId("new-licence").ClickAsync();
            await page.GetByLabel("编号").FillAsync("JY21201190012345");
            await page.GetByLabel("许可范围").FillAsync("热食类食品制售");
            await page.GetByLabel("发证日期").FillAsync("2022-06-01");
            await page.GetByLabel("有效期至").FillAsync("2027-05-31");
            await page.GetByTestId("save-licence").ClickAsync();
            await Expect(page.GetByTestId("licences")).ToContainTextAsync("JY21201190012345");
            var href = await page.GetByTestId("licence-check-link").GetAttributeAsync("href");
            Assert.Matches(new Regex("^/l/[a-z0-9]{10}$"), href);

            // Registering one by hand: optional fields left empty are fine.
            await page.GotoAsync("/businesses/new");
            await page.GetByLabel("名称").FillAsync("蓟州区渔阳镇小李面馆");
            await page.GetByLabel("统一社会信用代码").FillAsync("91120119j3y7lljy1b");
            await page.GetByLabel("类型").SelectOptionAsync(new SelectOptionValue { Label = "餐馆" });
            await page.GetByLabel("乡镇街道").SelectOptionAsync(new SelectOptionValue { Label = "渔阳镇" });
            await page.GetByLabel("地址").FillAsync("渔阳镇南大街 3 号");
            await page.GetByTestId("save-business").ClickAsync();
            await Expect(page.Locator("h1")).ToHaveTextAsync("蓟州区渔阳镇小李面馆");
            await Expect(page.GetByTestId("credit-code")).ToHaveTextAsync("91120119J3Y7LLJY1B");

            // A consumer scans the code: no sign-in, a phone-sized screen, the answer first.
            var phone = await app.NewPageAsync(390, 844);
            await phone.GotoAsync(href!);
            await Expect(phone.GetByTestId("verdict")).ToHaveTextAsync("✓ 真实有效");
            await Expect(phone.Locator("h1")).ToHaveTextAsync("蓟州区渔阳镇老王家常菜馆");
            var width = await phone.EvaluateAsync<int>("document.documentElement.scrollWidth");
            Assert.True(width <= 390, $"the check page fits a phone without sideways scrolling ({width}px)");
            await phone.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.Screenshots, "licence-check-phone.png"), FullPage = true });
            var qr = await phone.APIRequest.GetAsync(href + "/qr.svg");
            Assert.Equal(200, qr.Status);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
