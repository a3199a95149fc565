using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Shian.Accounts;
using Shian.Common;
using Shian.Complaints;
using Shian.Data;
using Shian.Registry;
using static Microsoft.Playwright.Assertions;

namespace Shian.Browser.Tests;

/// <summary>
/// The "done when" of complaints (issue [9]): a submitter files a complaint on a phone (390×844) without signing in,
/// picking the business from the register and attaching a photo, and follows it by its code; the township officer of the
/// business's township opens it from the list, accepts it within the clock, starts an inspection from it and comes back,
/// records the mediation with the agreement and its signed record, replies and closes it; the submitter's tracking page
/// shows it closed with its dates; the office sees the plan's 按时受理率 indicator move. Every step is a click or a form
/// filled in, as a person would.
/// </summary>
public sealed class ComplaintFlowTests(BrowserFixture app) : IClassFixture<BrowserFixture>
{
    private const string Password = "Test@2020pass";
    private const string Restaurant = "投诉流程测试饺子馆";
    private const string Colleague = "文昌检查员小郑";
    private const string Metric = ComplaintMetrics.AcceptedInTime;

    [Fact]
    public async Task Filed_on_a_phone_followed_by_code_accepted_inspected_mediated_replied_and_the_indicator_moves()
    {
        var today = ShianTime.LocalDate(DateTime.UtcNow);
        // A complaint received 30 days ago and never accepted counts as late, when that day is in this year: the indicator
        // then goes from 0 to 50; otherwise from nothing measured to 100.
        var late = await SeedAsync(today);
        var (before, after) = late ? ("0", "50") : ("—", "100");

        // 0. The office has the year's plan with the target 投诉举报按时受理率 ≥ 98%, measured from the complaints.
        var office = await app.SignInAsync("office", Shian.Demo.DemoSeeder.Password, 1280, 900);
        var indicators = await ImportPlanAsync(office, today.Year);
        await Expect(ActualOf(office)).ToHaveTextAsync(new Regex("^" + Regex.Escape(before)));

        // 1. The submitter, on a phone and not signed in, goes from the home page to the form.
        var submitter = await app.NewPageAsync(390, 844);
        await submitter.GotoAsync("/");
        await submitter.GetByTestId("public-complaint-link").ClickAsync();
        await Expect(submitter.GetByTestId("complaint-form")).ToBeVisibleAsync();
        Assert.True(await BrowserFixture.FitsAsync(submitter), "the complaint form is wider than the phone");
        await submitter.GetByTestId("kind-Complaint").CheckAsync();
        // Typing the name offers the register's match; picking it fills the address and ties the complaint to it.
        await submitter.Locator("#Input_BusinessName").FillAsync("饺子馆");
        var match = submitter.Locator("[data-business-matches] button", new() { HasText = Restaurant });
        await match.ClickAsync();
        await Expect(submitter.Locator("#Input_Address")).ToHaveValueAsync("文昌街道渔阳北路9号");
        await Expect(submitter.Locator("#Input_BusinessId")).Not.ToHaveValueAsync("");
        await submitter.Locator("#Input_Description").FillAsync("在该店堂食的猪肉白菜馅饺子里吃出一根头发，店员拒绝退款，要求退款并道歉。");
        await submitter.Locator("#Input_OccurredOn").FillAsync(today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await submitter.Locator("#Input_ContactName").FillAsync("郑女士");
        await submitter.Locator("#Input_ContactPhone").FillAsync("13820001234");
        var photo = await WritePngAsync("饺子照片");
        try
        {
            await submitter.Locator("#Files").SetInputFilesAsync(photo);
            await submitter.GetByTestId("submit-complaint").ClickAsync();
            await Expect(submitter.GetByTestId("complaint-filed")).ToBeVisibleAsync();
        }
        finally
        {
            File.Delete(photo);
        }
        var code = (await submitter.GetByTestId("tracking-code").InnerTextAsync()).Trim();
        Assert.Matches("^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$", code);

        // 2. It is followed by its code on the tracking page: received, nothing else said.
        await submitter.GotoAsync("/");
        await submitter.GetByTestId("public-track-link").ClickAsync();
        await submitter.Locator("#code").FillAsync(code);
        await submitter.GetByTestId("track-submit").ClickAsync();
        await Expect(submitter.GetByTestId("track-status")).ToHaveTextAsync("待受理");
        await Expect(submitter.GetByTestId("track-result")).Not.ToContainTextAsync("头发");
        Assert.True(await BrowserFixture.FitsAsync(submitter), "the tracking page is wider than the phone");

        // 3. The township officer of 文昌街道 opens it from the list on a phone and accepts it: on the first day of its clock.
        var township = await app.SignInAsync("township", Shian.Demo.DemoSeeder.Password);
        await township.GotoAsync("/complaints");
        await township.GetByTestId("complaints").GetByRole(AriaRole.Link, new() { Name = code }).ClickAsync();
        await Expect(township.GetByTestId("tracking-code")).ToHaveTextAsync(code);
        await Expect(township.GetByTestId("informant")).ToContainTextAsync("13820001234");
        await Expect(township.GetByTestId("file-" + FileOwners.ComplaintEvidence)).ToBeVisibleAsync();
        await township.GetByTestId("accept").GetByRole(AriaRole.Button).ClickAsync();
        await Expect(township.GetByTestId("status")).ToHaveTextAsync("已受理");
        var complaintUrl = new Uri(township.Url).AbsolutePath;

        // 4. It starts the inspection the complaint calls for, records it with a colleague, and comes back by its link.
        await township.GetByTestId("start-inspection").ClickAsync();
        Assert.True(await BrowserFixture.FitsAsync(township), "the inspection form is wider than the phone");
        await township.EvaluateAsync("localStorage.clear()");
        foreach (var yes in await township.Locator("label.seg-Yes").AllAsync())
        {
            await yes.ClickAsync();
        }
        await township.GetByLabel(Colleague).CheckAsync();
        await township.GetByTestId("submit").ClickAsync();
        await Expect(township.GetByTestId("saved")).ToContainTextAsync("检查记录已提交");
        var inspectionUrl = new Uri(township.Url).AbsolutePath;
        await township.GetByTestId("complaint-link").ClickAsync();
        Assert.Equal(complaintUrl, new Uri(township.Url).AbsolutePath);
        await Expect(township.GetByTestId("inspection-link")).ToHaveAttributeAsync("href", inspectionUrl);

        // 5. Mediation ends with an agreement; the signed record is photographed and uploaded with it.
        var mediate = township.GetByTestId("mediate");
        await mediate.GetByLabel("达成调解协议").CheckAsync();
        await mediate.Locator("#mediate-note").FillAsync("经现场调解，商户退还餐费并书面道歉，双方签字确认。");
        var signed = await WritePngAsync("调解协议");
        try
        {
            await township.Locator("#signed-record").SetInputFilesAsync(signed);
            await mediate.GetByRole(AriaRole.Button, new() { Name = "调解终结", Exact = true }).ClickAsync();
            await Expect(township.GetByTestId("status")).ToHaveTextAsync("调解终结");
        }
        finally
        {
            File.Delete(signed);
        }
        await Expect(township.GetByTestId("outcome")).ToHaveTextAsync("调解达成协议");
        var record = township.GetByTestId("file-" + FileOwners.ComplaintMediationRecord);
        await Expect(record).ToHaveTextAsync(new Regex("^mediation-record-\\d{8}\\.png$"));
        var download = await township.APIRequest.GetAsync((await record.GetAttributeAsync("href"))!);
        Assert.Equal(200, download.Status);
        Assert.Equal(TinyPng, await download.BodyAsync());

        // 6. The reply, and it is closed.
        await township.Locator("#Reply").FillAsync("经调解，商户已退还餐费并道歉，您的投诉已办结。");
        await township.GetByTestId("close").GetByRole(AriaRole.Button).ClickAsync();
        await Expect(township.GetByTestId("status")).ToHaveTextAsync("已办结");
        await township.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.Screenshots, "complaint-closed-phone.png"), FullPage = true });

        // 7. The submitter's tracking page shows it closed, with the dates and the outcome (never the reply's text).
        await submitter.ReloadAsync();
        await Expect(submitter.GetByTestId("track-status")).ToHaveTextAsync("已办结");
        await Expect(submitter.GetByTestId("track-outcome")).ToHaveTextAsync("调解达成协议");
        var day = $"{today.Year}年{today.Month}月{today.Day}日";
        await Expect(submitter.GetByTestId("track-closed-on")).ToHaveTextAsync(day);
        await Expect(submitter.GetByTestId("track-result")).ToContainTextAsync(day);
        await Expect(submitter.GetByTestId("track-result")).Not.ToContainTextAsync("退还餐费");
        await submitter.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.Screenshots, "complaint-tracked-closed-phone.png"), FullPage = true });

        // 8. The office's indicator moved by this complaint, accepted on its first day.
        await office.GotoAsync(indicators);
        await Expect(ActualOf(office)).ToHaveTextAsync(new Regex("^" + Regex.Escape(after) + "(?!\\d)"));
    }

    private static ILocator ActualOf(IPage page) => page.Locator($"tr[data-metric=\"{Metric}\"] [data-testid=actual]");

    /// <summary>The plan pasted into the import page, confirmed; answers its indicators page.</summary>
    private static async Task<string> ImportPlanAsync(IPage office, int year)
    {
        await office.GotoAsync("/plans/import");
        await office.GetByLabel("或粘贴计划全文").FillAsync(
            $"蓟州区{year}年投诉举报处置工作要点\n\n1. 规范投诉举报处置。投诉举报按时受理率达到98%。（责任单位：区市场监管局）\n");
        await office.GetByLabel("年度", new() { Exact = true }).FillAsync(year.ToString(CultureInfo.InvariantCulture));
        await office.GetByTestId("preview").ClickAsync();
        await office.GetByTestId("confirm").ClickAsync();
        await Expect(office.GetByTestId("import-result")).ToContainTextAsync("计划已导入");
        await office.GetByRole(AriaRole.Link, new() { Name = "查看计划" }).ClickAsync();
        var plan = new Uri(office.Url).AbsolutePath;
        await office.GotoAsync(plan + "/indicators");
        await Expect(office.Locator($"tr[data-metric=\"{Metric}\"]")).ToContainTextAsync("投诉举报按时受理率");
        return plan + "/indicators";
    }

    /// <summary>
    /// The registered restaurant the submitter picks, the officer's colleague who inspects with them, and, when the day
    /// 30 days ago is in this year, a complaint against another business received then and never accepted (late).
    /// </summary>
    private async Task<bool> SeedAsync(DateOnly today)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShianDb>();
        var township = await db.Townships.Where(t => t.Name == "文昌街道").Select(t => t.Id).SingleAsync();
        db.Businesses.Add(new Business
        {
            Name = Restaurant, CreditCode = "CFLOW0000000000000", Address = "文昌街道渔阳北路9号", TownshipId = township, LegalRepresentative = "孙经理",
            Category = BusinessCategory.Caterer, Subtype = "restaurant", Scale = BusinessScale.Small, CreatedAt = DateTime.UtcNow,
        });
        await db.SaveChangesAsync();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ShianUser>>();
        var colleague = new ShianUser { UserName = "cflowinsp", DisplayName = Colleague, TownshipId = township, CreatedAt = DateTime.UtcNow };
        Assert.True((await users.CreateAsync(colleague, Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(colleague, Roles.Inspector)).Succeeded);

        var received = DateTime.UtcNow.AddDays(-30);
        if (ShianTime.LocalDate(received).Year != today.Year)
        {
            return false;
        }
        var input = new Complaint.Input(ComplaintKind.Complaint, "文昌街道某小吃摊", null, "文昌街道人民东路1号", "一个月前的投诉，至今未受理", null, "王先生", "13900001111");
        var (late, errors) = await ComplaintIntake.ReceiveAsync(db, input, ComplaintChannel.Online, scope.ServiceProvider.GetRequiredService<ComplaintSettings>(),
            "test", received);
        Assert.Empty(errors);
        Assert.Equal(township, late!.TownshipId);
        return true;
    }

    private static async Task<string> WritePngAsync(string name)
    {
        var path = Path.Combine(Path.GetTempPath(), $"{name}-{Guid.NewGuid():N}.png");
        await File.WriteAllBytesAsync(path, TinyPng);
        return path;
    }

    /// <summary>A 1×1 PNG: what the uploads check is that the content is an image.</summary>
    private static readonly byte[] TinyPng = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
}
