using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Shian.Accounts;
using Shian.Common;
using Shian.Data;
using Shian.Registry;
using static Microsoft.Playwright.Assertions;

namespace Shian.Browser.Tests;

/// <summary>
/// On phones (390×844): a school canteen's operator records a 陪餐 meal; an inspector connects the kitchen's camera — a
/// javascript: link is refused, an rtsp one becomes a link that opens in a new tab — and marks the kitchen video active.
/// </summary>
public sealed class SchoolKitchenTests(BrowserFixture app) : IClassFixture<BrowserFixture>
{
    private const string School = "文昌第一小学食堂";

    [Fact]
    public async Task A_school_records_a_meal_and_an_inspector_connects_its_kitchen_camera_safely()
    {
        Guid school;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ShianDb>();
            var township = await db.Townships.Where(t => t.Name == "文昌街道").Select(t => t.Id).SingleAsync();
            var b = new Business
            {
                Name = School, CreditCode = "SCHOOL000000000000", Address = "文昌街道学府路1号", TownshipId = township,
                Category = BusinessCategory.Canteen, Subtype = "school", Scale = BusinessScale.Medium, CreatedAt = DateTime.UtcNow,
            };
            db.Businesses.Add(b);
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ShianUser>>();
            var owner = new ShianUser { UserName = "schoolop", DisplayName = "食堂管理员", CreatedAt = DateTime.UtcNow };
            Assert.True((await users.CreateAsync(owner, "Test@2020pass")).Succeeded);
            Assert.True((await users.AddToRoleAsync(owner, Roles.Operator)).Succeeded);
            db.OperatorBusinesses.Add(new OperatorBusiness { UserId = owner.Id, BusinessId = b.Id });
            await db.SaveChangesAsync();
            school = b.Id;
        }

        var operatorPage = await app.SignInAsync("schoolop", "Test@2020pass");
        await operatorPage.GotoAsync("/schools/meals");
        await operatorPage.GetByLabel("陪餐日期").FillAsync(ShianTime.LocalDate(DateTime.UtcNow).ToString("yyyy-MM-dd"));
        await operatorPage.Locator("label[for=meal-Lunch]").ClickAsync();
        await operatorPage.GetByLabel("陪餐人姓名").FillAsync("李校长");
        await operatorPage.GetByLabel("陪餐人职务").SelectOptionAsync("校长");
        await operatorPage.GetByLabel("菜品").FillAsync("米饭、西红柿炒鸡蛋、清炒油菜、紫菜汤");
        await operatorPage.GetByLabel("发现问题及意见").FillAsync("汤偏咸，已告知厨师调整");
        Assert.True(await BrowserFixture.FitsAsync(operatorPage), "the meal form is wider than the phone");
        await operatorPage.GetByTestId("save-meal").ClickAsync();
        await Expect(operatorPage.GetByRole(AriaRole.Status)).ToHaveTextAsync("已保存");
        await Expect(operatorPage.Locator("main")).ToContainTextAsync("李校长（校长）");

        var inspector = await app.SignInAsync("inspector", Shian.Demo.DemoSeeder.Password);
        await inspector.GotoAsync($"/kitchen-video/{school}");
        await inspector.GetByLabel("摄像头名称").FillAsync("后厨一号");
        await inspector.GetByLabel("视频地址").FillAsync(" javascript:alert(document.cookie)");
        await inspector.GetByRole(AriaRole.Button, new() { Name = "添加摄像头" }).ClickAsync();
        await Expect(inspector.Locator("body")).ToContainTextAsync("视频地址：只接受");
        Assert.Equal(0, await inspector.GetByTestId("stream-link").CountAsync());

        await inspector.GetByLabel("视频地址").FillAsync("rtsp://10.12.0.8:554/kitchen/1");
        await inspector.GetByRole(AriaRole.Button, new() { Name = "添加摄像头" }).ClickAsync();
        var link = inspector.GetByTestId("stream-link");
        await Expect(link).ToHaveAttributeAsync("href", "rtsp://10.12.0.8:554/kitchen/1");
        await Expect(link).ToHaveAttributeAsync("rel", "noopener noreferrer");

        await inspector.GetByLabel("新状态").SelectOptionAsync(new SelectOptionValue { Label = "已接入" });
        await inspector.GetByLabel("变更原因").FillAsync("后厨摄像头接入平台，画面清晰");
        await inspector.GetByTestId("status-form").GetByRole(AriaRole.Button).ClickAsync();
        await Expect(inspector.GetByTestId("video-status")).ToHaveTextAsync("已接入");
        Assert.True(await BrowserFixture.FitsAsync(inspector), "the kitchen video page is wider than the phone");
        await inspector.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.Screenshots, "kitchen-video-phone.png"), FullPage = true });
    }
}
