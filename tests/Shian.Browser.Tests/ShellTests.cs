using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Shian.Browser.Tests;

/// <summary>The web shell as a person uses it, in Chromium: Chinese by default, English on request, on a desk and a phone.</summary>
public sealed class ShellTests(BrowserFixture app) : IClassFixture<BrowserFixture>
{
    private static async Task SignInAsync(IPage page, string user)
    {
        await page.GetByLabel("用户名").FillAsync(user);
        await page.GetByLabel("密码").FillAsync(Shian.Demo.DemoSeeder.Password);
        await page.GetByTestId("login-submit").ClickAsync();
    }

    [Fact]
    public async Task Office_signs_in_in_chinese_switches_to_english_and_logs_out()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/workbench");

        // An anonymous visitor lands on the Chinese sign-in page.
        await Expect(page).ToHaveURLAsync(new Regex("/account/login\\?ReturnUrl=%2Fworkbench"));
        await Expect(page.Locator("h1")).ToHaveTextAsync("登录");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-Hans");

        await SignInAsync(page, "office");
        await Expect(page).ToHaveURLAsync(new Regex("/workbench$"));
        await Expect(page.Locator("h1")).ToHaveTextAsync("工作台");
        var facts = page.GetByTestId("jurisdiction-facts");
        await Expect(facts).ToContainTextAsync("795,516");
        await Expect(facts).ToContainTextAsync("常住人口");
        await Expect(page.Locator("main h2").First).ToContainTextAsync("天津市蓟州区");
        await Expect(page.GetByTestId("who")).ToContainTextAsync("食安办");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.Screenshots, "workbench-office-zh.png"), FullPage = true });

        await page.GetByTestId("language-switch").ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Workbench");
        await Expect(page.GetByTestId("jurisdiction-facts")).ToContainTextAsync("Population");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Expect(page.GetByTestId("who")).ToContainTextAsync("Food-safety office");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.Screenshots, "workbench-office-en.png"), FullPage = true });

        // The choice persists across pages.
        await page.GotoAsync("/account/password");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Change password");

        await page.GetByTestId("logout").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/account/login$"));
        await Expect(page.Locator("h1")).ToHaveTextAsync("Sign in");
        await page.GotoAsync("/workbench");
        await Expect(page).ToHaveURLAsync(new Regex("/account/login"));
    }

    [Fact]
    public async Task A_wrong_password_is_refused_in_chinese_next_to_the_form()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.GetByLabel("用户名").FillAsync("township");
        await page.GetByLabel("密码").FillAsync("Wrong#password1");
        await page.GetByTestId("login-submit").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("用户名或密码错误");
        await Expect(page).ToHaveURLAsync(new Regex("/account/login"));
    }

    [Fact]
    public async Task On_a_phone_the_navigation_folds_behind_a_menu_button()
    {
        var page = await app.NewPageAsync(390, 844);
        await page.GotoAsync("/account/login");
        await SignInAsync(page, "admin");
        var navigation = page.Locator("#sidenav");
        await Expect(navigation).ToBeHiddenAsync();
        var toggle = page.Locator("[data-nav-toggle]");
        var box = await toggle.BoundingBoxAsync();
        Assert.True(box is { Width: >= 44, Height: >= 44 }, "the menu button is a comfortable touch target");
        await toggle.ClickAsync();
        await Expect(navigation).ToBeVisibleAsync();
        await Expect(navigation.GetByRole(AriaRole.Link, new() { Name = "审计日志" })).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.Screenshots, "workbench-admin-phone.png") });
    }

    [Theory]
    [InlineData("admin", "/admin/users")]
    [InlineData("admin", "/admin/audit")]
    [InlineData("admin", "/admin/calendar")]
    [InlineData("admin", "/admin/jurisdiction")]
    [InlineData("office", "/workbench")]
    [InlineData("operator", "/operator")]
    public async Task Pages_show_no_untranslated_keys_in_either_language(string user, string path)
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/account/login");
        await SignInAsync(page, user);
        var resourceKey = new Regex(@"\b(?:Nav|Common|Home|Login|Frame|User|Audit|Calendar|Jurisdiction|Township|Unit|ApiKey|Role|Scope|Validation|Error|Operator|Password|Public)\.[A-Z][A-Za-z.]*");
        foreach (var culture in new[] { "zh-Hans", "en" })
        {
            await page.GotoAsync($"{path}{(path.Contains('?') ? '&' : '?')}culture={culture}");
            var text = await page.Locator("body").InnerTextAsync();
            Assert.False(resourceKey.IsMatch(text), $"{path} ({culture}) shows a resource key: {resourceKey.Match(text).Value}");
        }
    }
}
