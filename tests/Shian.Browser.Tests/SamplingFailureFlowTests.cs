using System.Globalization;
using System.Text;
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
/// The failure flow of issue [5]: the office plans the year's sampling; a sampler fills the 抽样单 on a phone for a shop
/// that has an operator account; the laboratory receives it, enters a failing result and uploads the report; the
/// operator finds the notice on their phone, opens the case and applies for re-inspection; the office refuses it with a
/// reason; the township records the measures and completes the disposal; the completion rate goes from 0% to 100%.
/// </summary>
public sealed class SamplingFailureFlowTests(BrowserFixture app) : IClassFixture<BrowserFixture>
{
    private const string Password = "Test@2020pass";
    private const string Shop = "抽检流程测试超市";
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF");

    [Fact]
    public async Task Plan_to_form_to_failed_report_to_notice_to_reinspection_request_to_completed_disposal()
    {
        await SeedAsync();
        var today = ShianTime.LocalDate(DateTime.UtcNow);

        // 1. The office plans the year's supervision sampling.
        var office = await app.SignInAsync("office", Shian.Demo.DemoSeeder.Password, 1280, 900);
        await office.GotoAsync("/sampling/plans/new");
        await office.Locator("#Year").FillAsync(today.Year.ToString(CultureInfo.InvariantCulture));
        await office.Locator("#Name").FillAsync($"{today.Year}年区级食品安全监督抽检计划");
        await office.Locator("#Population").FillAsync("795516");
        await office.Locator("#PerThousand").FillAsync("4");
        await office.GetByTestId("save").ClickAsync();
        await Expect(office.GetByTestId("quota")).ToHaveTextAsync("3,183");
        await office.GotoAsync("/sampling/failures");
        await Expect(office.GetByTestId("disposal-completion")).ToHaveTextAsync("—");

        // 2. The sampler fills the form on a phone and submits it.
        var sampler = await app.SignInAsync("inspector", Shian.Demo.DemoSeeder.Password);
        await sampler.GotoAsync("/sampling/samples/new");
        Assert.True(await BrowserFixture.FitsAsync(sampler), "the sample form is wider than the phone");
        async Task Fill(string field, string value) => await sampler.Locator($"#Input_{field}").FillAsync(value);
        await Fill("TaskSource", $"{today.Year}年区级食品安全监督抽检计划");
        await Fill("Business", Shop);
        // The category picker: typing narrows the tree's select to the one match and picks it.
        await sampler.Locator("#category-search").FillAsync("小麦粉");
        await Expect(sampler.Locator("#Input_FoodCategoryCode option:checked")).ToContainTextAsync("小麦粉");
        await Fill("SampleName", "小麦粉");
        await Fill("Specification", "5kg/袋");
        await Fill("BatchNumber", "20260101A");
        await Fill("ShelfLife", "12个月");
        await Fill("BatchSize", "100");
        await Fill("QuantityTaken", "4");
        await Fill("BackupQuantity", "2");
        await Fill("QuantityUnit", "袋");
        await Fill("SampledOn", today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await sampler.Locator("#Input_SamplingUnitId").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await sampler.Locator("#Input_LaboratoryId").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await Fill("Sampler1", "张队员");
        await Fill("Sampler2", "李队员");
        await sampler.Locator("#Input_OperatorConfirmed").CheckAsync();
        await Fill("SignerName", "孙老板");
        await sampler.GetByTestId("submit-sample").ClickAsync();
        await Expect(sampler.GetByTestId("status")).ToHaveTextAsync("已抽样");
        var samplePath = new Uri(sampler.Url).AbsolutePath;

        // 3. The laboratory receives it, enters a failing result and uploads the report.
        var lab = await app.SignInAsync("lab", Shian.Demo.DemoSeeder.Password, 1280, 900);
        await lab.GotoAsync(samplePath);
        await lab.GetByTestId("receive-sample").ClickAsync();
        await Expect(lab.GetByTestId("status")).ToHaveTextAsync("已接收");
        await lab.Locator("#item-0-name").FillAsync("黄曲霉毒素B1");
        await lab.Locator("#item-0-value").FillAsync("12.5");
        await lab.Locator("#item-0-unit").FillAsync("μg/kg");
        await lab.Locator("#item-0-limit").FillAsync("≤5.0");
        await lab.Locator("#item-0-method").FillAsync("GB 5009.22");
        await lab.Locator("#item-0-judgement").SelectOptionAsync("Fail");
        await lab.GetByTestId("save-results").ClickAsync();
        await Expect(lab.GetByTestId("conclusion")).ToHaveTextAsync("不合格");
        await lab.Locator("#Report").SetInputFilesAsync(new FilePayload { Name = "检验报告.pdf", MimeType = "application/pdf", Buffer = Pdf });
        await lab.GetByTestId("upload-report").ClickAsync();
        await Expect(lab.GetByTestId("status")).ToHaveTextAsync("已出具报告");
        await office.GotoAsync("/sampling/failures");
        await Expect(office.GetByTestId("disposal-completion")).ToHaveTextAsync("0.0%");

        // 4. The operator sees the notice on their phone, opens the case and applies for re-inspection.
        var operatorPage = await app.SignInAsync("sfop", Password);
        await operatorPage.GotoAsync("/operator");
        await Expect(operatorPage.GetByTestId("unread-count")).ToHaveTextAsync("1 条未读");
        await Expect(operatorPage.GetByTestId("notice")).ToContainTextAsync("黄曲霉毒素B1");
        await operatorPage.GetByTestId("notice").GetByRole(AriaRole.Link).ClickAsync();
        await Expect(operatorPage.GetByTestId("status")).ToHaveTextAsync("核查处置中");
        Assert.True(await BrowserFixture.FitsAsync(operatorPage), "the case page is wider than the phone");
        Assert.Equal(0, await operatorPage.GetByTestId("complete").CountAsync());
        await operatorPage.Locator("#reinspect-text").FillAsync("对检验方法有异议，申请对备份样品复检");
        await operatorPage.GetByTestId("request-reinspection").ClickAsync();
        await Expect(operatorPage.GetByTestId("reinspection-status")).ToHaveTextAsync("待受理");
        var casePath = new Uri(operatorPage.Url).AbsolutePath;
        await operatorPage.GotoAsync("/operator");
        await Expect(operatorPage.GetByTestId("unread-count")).ToHaveTextAsync("0 条未读");

        // 5. The office refuses it with a reason (no reason: refused, named).
        await office.GotoAsync(casePath);
        await office.GetByTestId("refuse").CheckAsync();
        await office.GetByTestId("decide").ClickAsync();
        await Expect(office.GetByTestId("errors")).ToContainTextAsync("请填写不予受理的理由");
        await office.GetByTestId("refuse").CheckAsync();
        await office.Locator("#decide-text").FillAsync("复检申请未附检验方法异议的依据");
        await office.GetByTestId("decide").ClickAsync();
        await Expect(office.GetByTestId("reinspection-status")).ToHaveTextAsync("不予受理");

        // 6. The township officer records the measures on a phone and completes the disposal.
        var township = await app.SignInAsync("township", Shian.Demo.DemoSeeder.Password);
        await township.GotoAsync(casePath);
        await township.Locator("#Measures_SalesStopped").CheckAsync();
        await township.Locator("#Measures_StoppedQuantity").FillAsync("96");
        await township.Locator("#Measures_SupplierTraced").FillAsync("蓟州区某面粉厂");
        await township.Locator("#Measures_NoPenaltyReason").FillAsync("首次违法，已主动下架，依法不予处罚");
        await township.GetByTestId("save-measures").ClickAsync();
        await Expect(township.GetByTestId("done")).ToHaveTextAsync("处置措施已保存");
        await township.Locator("#complete-text").FillAsync("已停止销售并下架 96 袋，追溯至供货商，移交属地核查");
        await township.GetByTestId("complete").ClickAsync();
        await Expect(township.GetByTestId("status")).ToHaveTextAsync("处置完成");
        Assert.True(await BrowserFixture.FitsAsync(township), "the case page is wider than the phone");

        // 7. The indicator moves.
        await office.GotoAsync("/sampling/failures");
        await Expect(office.GetByTestId("disposal-completion")).ToHaveTextAsync("100.0%");
        await office.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.Screenshots, "sampling-failures.png"), FullPage = true });
    }

    private async Task SeedAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShianDb>();
        var townshipId = await db.Users.Where(u => u.UserName == "township").Select(u => u.TownshipId!.Value).SingleAsync();
        var b = new Business
        {
            Name = Shop, CreditCode = "SFLOW0000000000000", Address = "测试路1号", TownshipId = townshipId, LegalRepresentative = "孙老板",
            ContactPhone = "13900002222", Category = BusinessCategory.Seller, Subtype = "supermarket", Scale = BusinessScale.Small,
            CreatedAt = DateTime.UtcNow,
        };
        db.Businesses.Add(b);
        await db.SaveChangesAsync();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ShianUser>>();
        var owner = new ShianUser { UserName = "sfop", DisplayName = "孙老板", CreatedAt = DateTime.UtcNow };
        Assert.True((await users.CreateAsync(owner, Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(owner, Roles.Operator)).Succeeded);
        db.OperatorBusinesses.Add(new OperatorBusiness { UserId = owner.Id, BusinessId = b.Id });
        await db.SaveChangesAsync();
    }
}
