using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using QRCoder;
using Shian.Accounts;
using Shian.Common;
using Shian.Data;
using Shian.Organization;
using Shian.Plans;
using Shian.Registry;
using Shian.Sampling;

namespace Shian.Web.Tests.Sampling;

/// <summary>
/// A sample form from the sampler's phone to the lab's report: bad fields are refused with nothing stored, a taken
/// number is refused, another lab neither sees nor changes the sample, a late receipt is marked, a failing item fails the
/// sample, only a PDF closes it, the operator sees the verdict with the report, and the print page carries the QR code.
/// </summary>
public sealed class SampleTests(ShianWebFactory factory) : IClassFixture<ShianWebFactory>
{
    private static readonly string Businesses = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "imports", "businesses-sample.csv"));
    private static readonly byte[] Signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF");

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static Dictionary<string, string> Form(DateOnly sampledOn, Guid lab, Guid unit, string business = "鑫源超市") => new()
    {
        ["Input.TaskSource"] = "区级食品安全监督抽检计划", ["Input.Kind"] = "Supervision", ["Input.Environment"] = "Distribution",
        ["Input.Business"] = business, ["Input.FoodCategoryCode"] = "0101", ["Input.SampleName"] = "小麦粉", ["Input.Brand"] = "金龙鱼",
        ["Input.Specification"] = "5kg/袋", ["Input.BatchNumber"] = "20260101A", ["Input.ProductionDate"] = Iso(sampledOn.AddDays(-20)),
        ["Input.ShelfLife"] = "12个月", ["Input.Price"] = "25.80", ["Input.BatchSize"] = "100", ["Input.QuantityTaken"] = "4",
        ["Input.BackupQuantity"] = "2", ["Input.QuantityUnit"] = "袋", ["Input.SampledOn"] = Iso(sampledOn), ["Input.SamplingUnitId"] = unit.ToString(),
        ["Input.LaboratoryId"] = lab.ToString(), ["Input.Sampler1"] = "张队员", ["Input.Sampler2"] = "李队员",
        ["Input.OperatorConfirmed"] = "true", ["Input.SignerName"] = "刘老板",
    };

    [Fact]
    public async Task A_sample_goes_from_the_form_to_the_lab_report_and_other_labs_cannot_touch_it()
    {
        var today = ShianTime.LocalDate(DateTime.UtcNow);
        var (lab, otherLab, unit, shop) = await factory.QueryAsync(async (db, services) =>
        {
            Assert.Empty((await BusinessImport.ImportAsync(db, Encoding.UTF8.GetBytes(Businesses), "s.csv", false, TimeProvider.System)).Errors);
            var shop = await db.Businesses.Where(b => b.Name.Contains("鑫源超市")).Select(b => b.Id).SingleAsync();
            var operatorId = await db.Users.Where(u => u.UserName == "operator").Select(u => u.Id).SingleAsync();
            db.OperatorBusinesses.Add(new OperatorBusiness { UserId = operatorId, BusinessId = shop });
            var lab = await db.Units.Where(u => u.Name == "区食品检验检测中心（演示）").Select(u => u.Id).SingleAsync();
            var unit = await db.Units.Where(u => u.Kind == UnitKind.Department).Select(u => u.Id).FirstAsync();
            var other = new Unit { JurisdictionId = await db.Jurisdictions.Select(j => j.Id).SingleAsync(), Name = "第二检测中心", Kind = UnitKind.Laboratory };
            db.Units.Add(other);
            await db.SaveChangesAsync();
            var users = services.GetRequiredService<UserManager<ShianUser>>();
            var lab2 = new ShianUser { UserName = "lab2", DisplayName = "第二检测中心 检验员", UnitId = other.Id, CreatedAt = DateTime.UtcNow };
            Assert.True((await users.CreateAsync(lab2, "Test@2020pass")).Succeeded);
            Assert.True((await users.AddToRoleAsync(lab2, Roles.Laboratory)).Succeeded);
            return (lab, other.Id, unit, shop);
        });
        var calendar = await factory.QueryAsync((db, _) => db.LoadCalendarAsync());
        using var inspector = await factory.SignedInAsync("inspector");
        const string newPage = "/sampling/samples/new";

        // The form suggests businesses from the registry by name or credit code.
        using var lookup = System.Text.Json.JsonDocument.Parse(await inspector.GetStringAsync(newPage + "?handler=Businesses&q=" + Uri.EscapeDataString("鑫源")));
        Assert.Contains("鑫源超市", Assert.Single(lookup.RootElement.EnumerateArray()).GetProperty("name").GetString());

        // Bad fields: each named in Chinese, nothing stored.
        var bad = Form(today.AddDays(2), lab, unit);
        bad["Input.QuantityTaken"] = "0";
        bad["Input.BackupQuantity"] = "5";
        bad["Input.ShelfLife"] = "很久";
        bad["Input.SampleName"] = "";
        bad["Input.Business"] = "不存在的公司";
        bad["Input.SignatureImage"] = "data:image/png;base64,bm90IGEgcGljdHVyZQ==";
        bad["Input.Gtin"] = "6901234567890"; // the check digit should be 2
        var refused = await (await inspector.PostFormAsync(newPage, bad)).Content.ReadAsStringAsync();
        foreach (var message in new[] { "签名图片无效", "抽样日期不能晚于今天", "抽样数量应大于 0", "保质期格式", "请填写样品名称", "未找到被抽样单位", "商品条码应为 8、12、13 或 14 位数字且校验位正确" })
        {
            Assert.True(refused.Contains(message), message);
        }
        Assert.Equal(0, await factory.QueryAsync((db, _) => db.Samples.CountAsync()));
        Assert.Equal(0, await factory.QueryAsync((db, _) => db.StoredFiles.CountAsync(f => f.OwnerKind == FileOwners.SampleSignature)));

        // A valid form, sampled 20 days ago: numbered on submit, the business's particulars copied.
        var sampledOn = today.AddDays(-20);
        var valid = Form(sampledOn, lab, unit);
        valid["Input.SignatureImage"] = "data:image/png;base64," + Convert.ToBase64String(Signature);
        valid["Input.Gtin"] = " 6901234567892 ";
        var created = await inspector.PostFormAsync(newPage, valid);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var page = created.Headers.Location!.OriginalString.Split('?')[0];
        var sample = await factory.QueryAsync((db, _) => db.Samples.AsNoTracking().SingleAsync());
        Assert.Equal($"JZ-{today.Year}-000001", sample.Number);
        Assert.Equal((SampleStatus.Submitted, shop), (sample.Status, sample.BusinessId));
        Assert.Contains("鑫源超市", sample.BusinessName);
        Assert.Equal("06901234567892", sample.Gtin); // stored as GTIN-14, shown on the form's page
        Assert.Contains("06901234567892", await inspector.GetStringAsync(page));
        Assert.Equal(calendar.AddWorkingDays(sampledOn, 5), sample.ReceiptDeadline);

        // The same number again is refused clearly; still one sample.
        var duplicate = Form(today, lab, unit);
        duplicate["Input.Number"] = sample.Number!;
        Assert.Contains($"抽样单编号 {sample.Number} 已被使用", await (await inspector.PostFormAsync(newPage, duplicate)).Content.ReadAsStringAsync());
        Assert.Equal(1, await factory.QueryAsync((db, _) => db.Samples.CountAsync()));

        // Not received within 5 working days: overdue on the office's list and the lab's.
        using var office = await factory.SignedInAsync("office");
        Assert.Contains("data-testid=\"receipt-overdue\"", await office.GetStringAsync("/sampling/samples?overdue=true"));
        using var labClient = await factory.SignedInAsync("lab");
        var labList = await labClient.GetStringAsync("/sampling/samples");
        Assert.Contains(sample.Number!, labList);
        Assert.Contains("data-testid=\"overdue-notice\"", labList);

        // Another lab sees nothing and changes nothing.
        using var lab2 = await factory.SignedInAsync("lab2", "Test@2020pass");
        Assert.DoesNotContain(sample.Number!, await lab2.GetStringAsync("/sampling/samples"));
        Assert.Equal(HttpStatusCode.NotFound, (await lab2.GetAsync(page)).StatusCode);
        var token = await labClient.GetStringAsync(page); // the form exists for the right lab
        Assert.Contains("data-testid=\"receive\"", token);
        var foreign = await lab2.PostFormAsync("/sampling/samples", new() { ["ReceivedOn"] = Iso(today) }, page + "?handler=Receive");
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        var foreignResults = await lab2.PostFormAsync("/sampling/samples", new() { ["Items[0].Name"] = "铅", ["Items[0].Value"] = "9", ["Items[0].Judgement"] = "Fail" }, page + "?handler=Results");
        Assert.Equal(HttpStatusCode.NotFound, foreignResults.StatusCode);
        Assert.Equal(SampleStatus.Submitted, await factory.QueryAsync((db, _) => db.Samples.Select(s => s.Status).SingleAsync()));
        // Nor may the sampler act for the lab.
        var notLab = await inspector.PostFormAsync(page, new() { ["ReceivedOn"] = Iso(today) }, page + "?handler=Receive");
        Assert.Contains("access-denied", notLab.Headers.Location?.OriginalString ?? notLab.StatusCode.ToString());
        Assert.Equal(SampleStatus.Submitted, await factory.QueryAsync((db, _) => db.Samples.Select(s => s.Status).SingleAsync()));

        // The lab receives it today: late, by the working days past the 5th.
        var received = await labClient.PostFormAsync(page, new() { ["ReceivedOn"] = Iso(today) }, page + "?handler=Receive");
        Assert.Equal(HttpStatusCode.Redirect, received.StatusCode);
        sample = await factory.QueryAsync((db, _) => db.Samples.AsNoTracking().SingleAsync());
        var lateDays = calendar.WorkingDaysBetween(sample.ReceiptDeadline!.Value, today);
        Assert.True(lateDays > 0);
        Assert.Equal((SampleStatus.Received, lateDays, calendar.AddWorkingDays(today, 20)), (sample.Status, sample.ReceivedLateDays, sample.ReportDeadline!.Value));
        Assert.Contains($"逾期接收 {lateDays} 个工作日", await labClient.GetStringAsync(page));

        // Results: an implausible value is refused with nothing kept; a failing item fails the sample.
        var negative = await labClient.PostFormAsync(page, new()
        {
            ["Items[0].Name"] = "铅（以Pb计）", ["Items[0].Value"] = "-0.1", ["Items[0].Unit"] = "mg/kg", ["Items[0].Limit"] = "≤0.2", ["Items[0].Judgement"] = "Pass",
        }, page + "?handler=Results");
        Assert.Contains("不能为负数", await negative.Content.ReadAsStringAsync());
        Assert.Equal(0, await factory.QueryAsync((db, _) => db.SampleTestItems.CountAsync()));
        var tested = await labClient.PostFormAsync(page, new()
        {
            ["Items[0].Name"] = "铅（以Pb计）", ["Items[0].Value"] = "0.05", ["Items[0].Unit"] = "mg/kg", ["Items[0].Limit"] = "≤0.2", ["Items[0].MethodStandard"] = "GB 5009.12", ["Items[0].Judgement"] = "Pass",
            ["Items[1].Name"] = "黄曲霉毒素B1", ["Items[1].Value"] = "12.5", ["Items[1].Unit"] = "μg/kg", ["Items[1].Limit"] = "≤5.0", ["Items[1].MethodStandard"] = "GB 5009.22", ["Items[1].Judgement"] = "Fail",
        }, page + "?handler=Results");
        Assert.Equal(HttpStatusCode.Redirect, tested.StatusCode);
        sample = await factory.QueryAsync((db, _) => db.Samples.AsNoTracking().SingleAsync());
        Assert.Equal((SampleStatus.Tested, SampleConclusion.Failed), (sample.Status, sample.Conclusion!.Value));
        Assert.Equal(2, await factory.QueryAsync((db, _) => db.SampleTestItems.CountAsync()));

        // The operator sees the sample taken from their shop, but not the verdict before the report.
        using var operatorClient = await factory.SignedInAsync("operator");
        Assert.Contains(sample.Number!, await operatorClient.GetStringAsync("/sampling/samples"));
        var early = await operatorClient.GetStringAsync(page);
        Assert.DoesNotContain("黄曲霉毒素B1", early);
        Assert.DoesNotContain("data-testid=\"conclusion\"", early);

        // The report: a picture named .pdf is refused; a PDF closes the lab's part.
        var fake = await labClient.PostFilesAsync(page, [], [("Report", "报告.pdf", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])], page + "?handler=Report");
        Assert.Contains("内容与扩展名不符", await fake.Content.ReadAsStringAsync());
        Assert.Equal(0, await factory.QueryAsync((db, _) => db.StoredFiles.CountAsync(f => f.OwnerKind == FileOwners.SampleReport)));
        var uploaded = await labClient.PostFilesAsync(page, [], [("Report", "检验报告.pdf", Pdf)], page + "?handler=Report");
        Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);
        sample = await factory.QueryAsync((db, _) => db.Samples.AsNoTracking().SingleAsync());
        Assert.Equal((SampleStatus.Reported, today), (sample.Status, sample.ReportedOn!.Value));
        var after = await operatorClient.GetStringAsync(page);
        Assert.Contains("data-testid=\"conclusion\"", after);
        Assert.Contains("不合格", after);
        Assert.Equal(Pdf, await operatorClient.GetByteArrayAsync(page + "?handler=Report"));
        Assert.Equal(HttpStatusCode.NotFound, (await lab2.GetAsync(page + "?handler=Report")).StatusCode);

        // The print page: no navigation, and a QR code of the form's public verification address.
        var print = await labClient.GetStringAsync(page + "/print");
        Assert.Contains($"<img src=\"{page}/print?handler=Qr\"", print);
        Assert.DoesNotContain("sidenav", print);
        Assert.Contains($"src=\"{page}?handler=Signature\"", print);
        Assert.Equal(Signature, await labClient.GetByteArrayAsync(page + "?handler=Signature"));
        Assert.Contains("sample-print.css", print);
        var qr = await labClient.GetByteArrayAsync(page + "/print?handler=Qr");
        var publicToken = await factory.QueryAsync((db, _) => db.Samples.Select(s => s.PublicToken).SingleAsync());
        using var expected = QRCodeGenerator.GenerateQrCode($"http://localhost/public/sampling/forms/{publicToken}", QRCodeGenerator.ECCLevel.M);
        Assert.Equal(new PngByteQRCode(expected).GetGraphic(8), qr);
        Assert.Equal(HttpStatusCode.NotFound, (await lab2.GetAsync(page + "/print?handler=Qr")).StatusCode);

        // sampling.report_timeliness: the one report due is out within its 20 working days.
        var district = new AccessScope(AccessLevel.Jurisdiction, null, null, new HashSet<Guid>());
        Assert.Equal(100.0m, await factory.QueryAsync((db, _) => Metrics.ComputeAsync(db, district, SampleMetrics.ReportTimeliness, today)));
        Assert.Null(await factory.QueryAsync((db, _) => Metrics.ComputeAsync(db, new AccessScope(AccessLevel.Unit, otherLab, null, new HashSet<Guid>()), SampleMetrics.ReportTimeliness, today)));

        // A draft is kept without a number, hidden from the operator, and numbered when submitted.
        var draft = await inspector.PostFormAsync(newPage, Form(today, lab, unit), newPage + "?handler=Draft");
        Assert.Equal(HttpStatusCode.Redirect, draft.StatusCode);
        var draftPage = draft.Headers.Location!.OriginalString.Split('?')[0];
        var draftId = Guid.Parse(draftPage.Split('/')[^1]);
        Assert.Equal((SampleStatus.Draft, (string?)null), await factory.QueryAsync((db, _) => db.Samples.Where(s => s.Id == draftId).Select(s => new ValueTuple<SampleStatus, string?>(s.Status, s.Number)).SingleAsync()));
        Assert.Equal(HttpStatusCode.NotFound, (await operatorClient.GetAsync(draftPage)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await inspector.GetAsync(draftPage + "/print")).StatusCode);
        var submitted = await inspector.PostFormAsync(draftPage, [], draftPage + "?handler=Submit");
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        Assert.Equal((SampleStatus.Submitted, $"JZ-{today.Year}-000002"), await factory.QueryAsync((db, _) => db.Samples.Where(s => s.Id == draftId).Select(s => new ValueTuple<SampleStatus, string?>(s.Status, s.Number)).SingleAsync()));
    }
}
