using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Shian.Accounts;
using Shian.Data;
using Shian.Registry;
using static Microsoft.Playwright.Assertions;

namespace Shian.Browser.Tests;

/// <summary>An inspection filled in on a phone (390×844): big result buttons tapped, a colleague ticked, submitted.</summary>
public sealed class InspectionTests(BrowserFixture app) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_township_officer_fills_in_an_inspection_on_a_phone_and_a_failed_key_item_makes_it_non_conforming()
    {
        Guid business;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ShianDb>();
            var township = await db.Townships.Where(t => t.Name == "文昌街道").Select(t => t.Id).SingleAsync();
            var b = new Business
            {
                Name = "手机检查测试饭店", CreditCode = "IPHONE000000000000", Address = "文昌街道8号", TownshipId = township,
                Category = BusinessCategory.Caterer, Subtype = "restaurant", Scale = BusinessScale.Small, CreatedAt = DateTime.UtcNow,
            };
            db.Businesses.Add(b);
            await db.SaveChangesAsync();
            business = b.Id;
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ShianUser>>();
            var colleague = new ShianUser { UserName = "phoneinsp", DisplayName = "文昌检查员小孙", TownshipId = township, CreatedAt = DateTime.UtcNow };
            Assert.True((await users.CreateAsync(colleague, "Test@2020pass")).Succeeded);
            Assert.True((await users.AddToRoleAsync(colleague, Roles.Inspector)).Succeeded);
        }

        var page = await app.NewPageAsync(390, 844);
        await page.GotoAsync("/account/login");
        await page.GetByLabel("用户名").FillAsync("township");
        await page.GetByLabel("密码").FillAsync(Shian.Demo.DemoSeeder.Password);
        await page.GetByTestId("login-submit").ClickAsync();

        await page.GotoAsync($"/inspections/new?business={business}");
        // The draft id is made on the phone.
        await Expect(page.Locator("input[name=ClientDraftId]")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("^[0-9a-f-]{36}$"));
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= 390"), "the form is wider than the phone");
        var box = await page.Locator("label.seg-Yes").First.BoundingBoxAsync();
        Assert.True(box!.Height >= 44, $"result buttons are {box.Height}px high");

        foreach (var yes in await page.Locator("label.seg-Yes").AllAsync())
        {
            await yes.ClickAsync();
        }
        await page.Locator("label[for=R_C10_No]").ClickAsync();
        await page.GetByLabel("文昌检查员小孙").CheckAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.Screenshots, "inspection-phone-form.png") });
        await page.GetByTestId("submit").ClickAsync();

        await Expect(page.GetByTestId("saved")).ToContainTextAsync("检查记录已提交");
        await Expect(page.GetByTestId("result")).ToHaveTextAsync("不符合");
        await Expect(page.GetByTestId("rectification")).ToBeVisibleAsync();
        // The draft is forgotten once stored.
        Assert.Null(await page.EvaluateAsync<string?>($"localStorage.getItem('inspection-draft:{business}')"));
    }
}
