using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Shian.Accounts;
using Shian.Common;
using Shian.Data;
using Shian.Inspections;
using Shian.Registry;
using static Microsoft.Playwright.Assertions;

namespace Shian.Browser.Tests;

/// <summary>
/// The whole round on phones (390×844): an inspector fails a key item and issues a rectification order, the operator
/// answers with a photo, the inspector re-inspects and closes the order; then the office's monthly red/black list leaves
/// the caterer off the black list under the default rules (two 不符合 in 12 months), puts it on once the office's new
/// rules make one enough, and the public page shows it when approved.
/// </summary>
public sealed class RectificationFlowTests(BrowserFixture app) : IClassFixture<BrowserFixture>
{
    private const string Password = "Test@2020pass";
    private const string Restaurant = "全流程测试饭店";

    [Fact]
    public async Task Failed_key_item_to_order_to_answer_with_photo_to_follow_up_and_closure_then_the_black_list()
    {
        var business = await SeedAsync();

        // 1. The inspector, on site, fails key item C10 and issues the order.
        var inspector = await app.SignInAsync("flowinsp1", Password);
        await InspectAsync(inspector, business, failKeyItem: true);
        await Expect(inspector.GetByTestId("result")).ToHaveTextAsync("不符合");
        await inspector.GetByTestId("issue-rectification").ClickAsync();
        await inspector.GetByLabel("整改要求").FillAsync("立即停止使用过期原料，清理库存，完善进货查验记录");
        await inspector.GetByTestId("issue-order").ClickAsync();
        await Expect(inspector.GetByTestId("status")).ToHaveTextAsync("待整改");
        var orderUrl = inspector.Url;
        Assert.True(await BrowserFixture.FitsAsync(inspector), "the order page is wider than the phone");

        // 2. The operator finds the order on their phone and answers with a photo taken of the corrected storeroom.
        var operatorPage = await app.SignInAsync("flowop", Password);
        await operatorPage.GotoAsync("/rectification");
        await operatorPage.GetByTestId("orders").GetByRole(AriaRole.Link).First.ClickAsync();
        Assert.Equal(orderUrl, operatorPage.Url);
        await operatorPage.GetByLabel("整改措施及完成情况").FillAsync("已清理全部过期原料，建立进货查验台账，附整改后库房照片");
        var photo = Path.Combine(Path.GetTempPath(), $"整改照片-{Guid.NewGuid():N}.png");
        await File.WriteAllBytesAsync(photo, TinyPng);
        try
        {
            await operatorPage.Locator("input[type=file]").SetInputFilesAsync(photo);
            await operatorPage.GetByTestId("send-response").ClickAsync();
        }
        finally
        {
            File.Delete(photo);
        }
        await Expect(operatorPage.GetByTestId("status")).ToHaveTextAsync("已回复");
        await Expect(operatorPage.GetByTestId("evidence")).ToContainTextAsync(Path.GetFileName(photo));
        await operatorPage.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.Screenshots, "rectification-answered-phone.png"), FullPage = true });

        // 3. The inspector re-inspects (复查), everything in order, and closes the order with that follow-up.
        await InspectAsync(inspector, business, failKeyItem: false, kind: "FollowUp");
        await Expect(inspector.GetByTestId("result")).ToHaveTextAsync("符合");
        await inspector.GotoAsync(orderUrl);
        await Expect(inspector.GetByTestId("response")).ToContainTextAsync("已清理全部过期原料");
        await inspector.Locator("#FollowUpId").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await inspector.GetByTestId("close-order").ClickAsync();
        await Expect(inspector.GetByTestId("status")).ToHaveTextAsync("已销号");

        // 4. One 不符合 is not enough for the black list under the default rules (two in 12 months) …
        var month = ShianTime.LocalDate(DateTime.UtcNow).ToString("yyyy-MM");
        var office = await app.SignInAsync("office", Shian.Demo.DemoSeeder.Password, 1280, 900);
        await GenerateAsync(office, month);
        Assert.Equal(0, await office.GetByTestId("entries-Black").GetByText(Restaurant).CountAsync());
        // … the office makes one enough from this month, and the month's draft follows the new rules.
        await office.GotoAsync("/credit/redblack/rules");
        await office.GetByLabel("生效月份").FillAsync(month);
        await office.GetByLabel("黑榜不符合次数（达到即列入）").FillAsync("1");
        await office.GetByTestId("issue-rules").ClickAsync();
        await Expect(office.GetByTestId("rules-version")).ToHaveCountAsync(2);
        await GenerateAsync(office, month);
        await Expect(office.GetByTestId("entries-Black")).ToContainTextAsync(Restaurant);
        await office.GetByTestId("approve").ClickAsync();
        await Expect(office.GetByTestId("list-status")).ToHaveTextAsync("已发布");

        var visitor = await app.NewPageAsync(390, 844);
        await visitor.GotoAsync("/public/redblack");
        await Expect(visitor.GetByTestId("public-Black")).ToContainTextAsync(Restaurant);
        Assert.True(await BrowserFixture.FitsAsync(visitor), "the public list is wider than the phone");
    }

    private async Task<Guid> SeedAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShianDb>();
        var township = await db.Townships.Where(t => t.Name == "文昌街道").Select(t => t.Id).SingleAsync();
        var b = new Business
        {
            Name = Restaurant, CreditCode = "FLOW00000000000000", Address = "文昌街道18号", TownshipId = township, LegalRepresentative = "钱经理",
            Category = BusinessCategory.Caterer, Subtype = "restaurant", Scale = BusinessScale.Small, CreatedAt = DateTime.UtcNow,
        };
        db.Businesses.Add(b);
        await db.SaveChangesAsync();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ShianUser>>();
        foreach (var (name, display) in new[] { ("flowinsp1", "文昌检查员小周"), ("flowinsp2", "文昌检查员小吴") })
        {
            var inspector = new ShianUser { UserName = name, DisplayName = display, TownshipId = township, CreatedAt = DateTime.UtcNow };
            Assert.True((await users.CreateAsync(inspector, Password)).Succeeded);
            Assert.True((await users.AddToRoleAsync(inspector, Roles.Inspector)).Succeeded);
        }
        var owner = new ShianUser { UserName = "flowop", DisplayName = "钱经理", CreatedAt = DateTime.UtcNow };
        Assert.True((await users.CreateAsync(owner, Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(owner, Roles.Operator)).Succeeded);
        db.OperatorBusinesses.Add(new OperatorBusiness { UserId = owner.Id, BusinessId = b.Id });
        await db.SaveChangesAsync();
        return b.Id;
    }

    private async Task InspectAsync(IPage page, Guid business, bool failKeyItem, string kind = "Complaint")
    {
        await page.GotoAsync($"/inspections/new?business={business}&kind={kind}");
        Assert.True(await BrowserFixture.FitsAsync(page), "the inspection form is wider than the phone");
        await page.EvaluateAsync("localStorage.clear()");
        foreach (var yes in await page.Locator("label.seg-Yes").AllAsync())
        {
            await yes.ClickAsync();
        }
        if (failKeyItem)
        {
            await page.Locator("label[for=R_C10_No]").ClickAsync();
        }
        await page.GetByLabel("文昌检查员小吴").CheckAsync();
        await page.GetByTestId("submit").ClickAsync();
        await Expect(page.GetByTestId("saved")).ToContainTextAsync("检查记录已提交");
    }

    private static async Task GenerateAsync(IPage office, string month)
    {
        await office.GotoAsync("/credit/redblack");
        await office.GetByLabel("月份").FillAsync(month);
        await office.GetByTestId("generate").ClickAsync();
        await Expect(office.GetByTestId("list-status")).ToBeVisibleAsync();
    }

    /// <summary>A 1×1 PNG: what the upload checks is that the content is an image.</summary>
    private static readonly byte[] TinyPng = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
}
