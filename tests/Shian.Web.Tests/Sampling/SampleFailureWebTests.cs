using System.Net;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using Shian.Accounts;
using Shian.Common;
using Shian.Data;
using Shian.Organization;
using Shian.Plans;
using Shian.Registry;
using Shian.Sampling;
using Shian.Tests.Sampling;

namespace Shian.Web.Tests.Sampling;

/// <summary>
/// Failed samples: the report upload opens the case and tells the operator (notice and text message), whether the results
/// came from the sample's page or from the lab's workbook, and no page that is only read opens one; operators,
/// townships and laboratories see only theirs; a late re-inspection request is refused with nothing changed; the office
/// accepts and another laboratory, alone, enters the result; the disposal completes and the completion rate follows.
/// </summary>
public sealed class SampleFailureWebTests(ShianWebFactory factory) : IClassFixture<ShianWebFactory>
{
    private static readonly string Businesses = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "imports", "businesses-sample.csv"));
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF");
    private const string OtherPassword = "Test@2020pass";

    private static async Task AddUserAsync(IServiceProvider services, string name, string role, Guid? unit = null)
    {
        var users = services.GetRequiredService<UserManager<ShianUser>>();
        var user = new ShianUser { UserName = name, DisplayName = name, UnitId = unit, CreatedAt = DateTime.UtcNow };
        Assert.True((await users.CreateAsync(user, OtherPassword)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
    }

    /// <summary>A sample received by the lab the day after sampling, no results yet (walked through the transitions).</summary>
    private static Sample Received(Guid business, Guid township, Guid lab, Guid unit, string number, DateOnly sampledOn) =>
        new SampleBuilder(new Sample
        {
            Number = number, TaskSource = "区级监督抽检", BusinessId = business, TownshipId = township, BusinessName = "被抽样单位 " + number, BusinessAddress = "地址",
            ContactPhone = "13800001111", FoodCategoryCode = "101", SampleName = "小麦粉", Specification = "5kg/袋", BatchNumber = "A1", ShelfLife = "12个月",
            QuantityTaken = 4, BackupQuantity = 2, QuantityUnit = "袋", SampledOn = sampledOn, SamplingUnitId = unit, LaboratoryId = lab,
            Sampler1 = "张", Sampler2 = "李", OperatorConfirmed = true, SignerName = "刘", CreatedAt = DateTime.UtcNow, CreatedBy = "inspector",
        }, new WorkingDayCalendar(WorkingDayCalendar.BuiltInDays())).Received(sampledOn.AddDays(1)).Sample;

    private const string ImportPage = "/sampling/samples/import";

    private static byte[] Workbook(string number, string item, string value, string unit, string limit, string judgement)
    {
        using var stream = new MemoryStream();
        stream.SaveAs(new[]
        {
            new Dictionary<string, object?>
            {
                ["抽样单编号"] = number, ["样品名称"] = "", ["检验项目"] = item, ["检验结果"] = value, ["单位"] = unit, ["标准限值"] = limit,
                ["检验依据"] = "GB 5009.12", ["单项判定"] = judgement,
            },
        });
        return stream.ToArray();
    }

    [Fact]
    public async Task A_failed_report_opens_a_case_that_only_its_operator_township_and_drawn_laboratory_see_and_the_disposal_moves_the_rate()
    {
        var today = ShianTime.LocalDate(DateTime.UtcNow);
        var (lab, lab2, mine, other, townshipA, townshipB) = await factory.QueryAsync(async (db, services) =>
        {
            Assert.Empty((await BusinessImport.ImportAsync(db, Encoding.UTF8.GetBytes(Businesses), "s.csv", false, TimeProvider.System)).Errors);
            var mine = await db.Businesses.Where(b => b.Name.Contains("鑫源超市")).Select(b => b.Id).SingleAsync();
            var other = await db.Businesses.Where(b => b.Name.Contains("老王家常菜馆")).Select(b => b.Id).SingleAsync();
            var operatorId = await db.Users.Where(u => u.UserName == "operator").Select(u => u.Id).SingleAsync();
            db.OperatorBusinesses.Add(new OperatorBusiness { UserId = operatorId, BusinessId = mine });
            var townshipA = await db.Users.Where(u => u.UserName == "township").Select(u => u.TownshipId!.Value).SingleAsync();
            var townshipB = await db.Townships.Where(t => t.Id != townshipA).Select(t => t.Id).FirstAsync();
            var lab = await db.Units.Where(u => u.Name == "区食品检验检测中心（演示）").Select(u => u.Id).SingleAsync();
            var unit = await db.Units.Where(u => u.Kind == UnitKind.Department).Select(u => u.Id).FirstAsync();
            var lab2 = new Unit { JurisdictionId = await db.Jurisdictions.Select(j => j.Id).SingleAsync(), Name = "第二检测中心", Kind = UnitKind.Laboratory };
            db.Units.Add(lab2);
            // Both received by the lab, results still to come: mine entered on the sample's page, the other's imported.
            db.Samples.Add(Received(mine, townshipA, lab, unit, $"JZ-{today.Year}-000001", today.AddDays(-20)));
            db.Samples.Add(Received(other, townshipB, lab, unit, $"JZ-{today.Year}-000002", today.AddDays(-20)));
            await db.SaveChangesAsync();
            await AddUserAsync(services, "lab2", Roles.Laboratory, lab2.Id);
            var operator2 = new ShianUser { UserName = "operator2", DisplayName = "operator2", CreatedAt = DateTime.UtcNow };
            var users = services.GetRequiredService<UserManager<ShianUser>>();
            Assert.True((await users.CreateAsync(operator2, OtherPassword)).Succeeded);
            Assert.True((await users.AddToRoleAsync(operator2, Roles.Operator)).Succeeded);
            db.OperatorBusinesses.Add(new OperatorBusiness { UserId = operator2.Id, BusinessId = other });
            await db.SaveChangesAsync();
            return (lab, lab2.Id, mine, other, townshipA, townshipB);
        });
        var mineSample = await factory.QueryAsync((db, _) => db.Samples.Where(s => s.BusinessId == mine).Select(s => s.Id).SingleAsync());
        var otherSample = await factory.QueryAsync((db, _) => db.Samples.Where(s => s.BusinessId == other).Select(s => s.Id).SingleAsync());

        // The lab enters mine's results on its page and imports the other's: failed, but no report yet, so no case.
        using var labClient = await factory.SignedInAsync("lab");
        var samplePage = $"/sampling/samples/{mineSample}";
        Assert.Equal(HttpStatusCode.Redirect, (await labClient.PostFormAsync(samplePage, new()
        {
            ["Items[0].Name"] = "黄曲霉毒素B1", ["Items[0].Value"] = "12.5", ["Items[0].Unit"] = "μg/kg", ["Items[0].Limit"] = "≤5.0", ["Items[0].Judgement"] = "Fail",
        }, samplePage + "?handler=Results")).StatusCode);
        var imported = await (await labClient.PostFilesAsync(ImportPage, [], [("Upload", "结果.xlsx", Workbook($"JZ-{today.Year}-000002", "铅（以Pb计）", "0.5", "mg/kg", "≤0.2", "不合格"))], ImportPage)).Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"import-done\"", imported);
        Assert.Equal([SampleConclusion.Failed, SampleConclusion.Failed], await factory.QueryAsync((db, _) => db.Samples.Where(s => s.Id == mineSample || s.Id == otherSample).Select(s => s.Conclusion).ToListAsync()));
        Assert.False(await factory.QueryAsync((db, _) => db.SampleFailures.AnyAsync()));

        // The lab uploads the report: the case opens with its notice and text message, in the same request.
        Assert.Equal(HttpStatusCode.Redirect, (await labClient.PostFilesAsync(samplePage, [], [("Report", "报告.pdf", Pdf)], samplePage + "?handler=Report")).StatusCode);
        var failure = await factory.QueryAsync((db, _) => db.SampleFailures.AsNoTracking().SingleAsync(f => f.SampleId == mineSample));
        Assert.Equal((today, SampleFailureStatus.Disposing, today.AddDays(90)), (failure.NoticeServedOn, failure.Status, failure.DisposalDeadline));
        var calendar = await factory.QueryAsync((db, _) => db.LoadCalendarAsync());
        Assert.Equal(calendar.AddWorkingDays(today, 7), failure.RequestDeadline);
        Assert.Contains(factory.Sms.Sent, m => m.Phone == "13800001111" && m.Text.Contains(failure.SampleNumber) && m.Text.Contains("黄曲霉毒素B1"));
        var page = SampleFailures.Link(failure.Id);

        // The original lab does not see the case (only re-inspections drawn to it).
        Assert.Equal(HttpStatusCode.NotFound, (await labClient.GetAsync(page)).StatusCode);

        // The operator: the notice, unread, on 我的企业; opening the case reads it; the other business's case is not theirs.
        using var operatorClient = await factory.SignedInAsync("operator");
        var home = await operatorClient.GetStringAsync("/operator");
        Assert.Contains("抽检不合格通知", home);
        Assert.Contains("1 条未读", home);
        Assert.Contains(page, home);
        Assert.Contains("data-testid=\"request-reinspection\"", await operatorClient.GetStringAsync(page));
        Assert.Contains("0 条未读", await operatorClient.GetStringAsync("/operator"));
        var list = await operatorClient.GetStringAsync("/sampling/failures");
        Assert.Contains(failure.SampleNumber, list);
        Assert.DoesNotContain($"JZ-{today.Year}-000002", list);

        // The other business's results came from the workbook: its report upload opens its case the same way, with its
        // own notice and text message, for its own operator only.
        using var office = await factory.SignedInAsync("office");
        Assert.DoesNotContain($"JZ-{today.Year}-000002", await office.GetStringAsync("/sampling/failures"));
        var otherPage = $"/sampling/samples/{otherSample}";
        Assert.Equal(HttpStatusCode.Redirect, (await labClient.PostFilesAsync(otherPage, [], [("Report", "报告.pdf", Pdf)], otherPage + "?handler=Report")).StatusCode);
        var otherCase = await factory.QueryAsync((db, _) => db.SampleFailures.AsNoTracking().SingleAsync(f => f.BusinessId == other));
        Assert.Equal((today, "lab"), (otherCase.NoticeServedOn, otherCase.CreatedBy));
        Assert.Contains(factory.Sms.Sent, m => m.Phone == "13800001111" && m.Text.Contains(otherCase.SampleNumber) && m.Text.Contains("铅（以Pb计）"));
        Assert.Contains($"JZ-{today.Year}-000002", await office.GetStringAsync("/sampling/failures"));
        Assert.Equal(HttpStatusCode.NotFound, (await operatorClient.GetAsync(SampleFailures.Link(otherCase.Id))).StatusCode);
        using var operator2 = await factory.SignedInAsync("operator2", OtherPassword);
        Assert.Contains("1 条未读", await operator2.GetStringAsync("/operator"));
        Assert.Equal(HttpStatusCode.NotFound, (await operator2.GetAsync(page)).StatusCode);
        // The printed notice (告知书) follows the case's rules: its operator prints it, with the failed items and deadlines; another does not.
        var printed = await operatorClient.GetStringAsync(page + "/notice");
        Assert.Contains("不合格检验结论告知书", printed);
        Assert.Contains(System.Net.WebUtility.HtmlEncode(failure.FailedItems), printed);
        Assert.Contains(failure.RequestDeadline.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), printed);
        Assert.Equal(HttpStatusCode.NotFound, (await operator2.GetAsync(page + "/notice")).StatusCode);
        var foreign = await operator2.PostFormAsync(SampleFailures.Link(otherCase.Id), new() { ["Text"] = "理由" }, page + "?handler=Reinspect");
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Equal(ReinspectionStatus.None, await factory.QueryAsync((db, _) => db.SampleFailures.Where(f => f.Id == failure.Id).Select(f => f.Reinspection).SingleAsync()));

        // Township staff see their township's case only.
        using var township = await factory.SignedInAsync("township");
        var townshipList = await township.GetStringAsync("/sampling/failures");
        Assert.Contains(failure.SampleNumber, townshipList);
        Assert.DoesNotContain($"JZ-{today.Year}-000002", townshipList);
        Assert.Equal(HttpStatusCode.NotFound, (await township.GetAsync(SampleFailures.Link(otherCase.Id))).StatusCode);

        // A request after the 7th working day is refused, nothing changed.
        await factory.QueryAsync(async (db, _) =>
        {
            var late = await db.SampleFailures.SingleAsync(f => f.Id == otherCase.Id);
            Assert.Null(late.Serve(today.AddDays(-20), "test", calendar, today)); // served 20 days ago, as corrected on its page
            return await db.SaveChangesAsync();
        });
        var refused = await (await operator2.PostFormAsync(SampleFailures.Link(otherCase.Id), new() { ["Text"] = "检验方法有误" }, SampleFailures.Link(otherCase.Id) + "?handler=Reinspect")).Content.ReadAsStringAsync();
        Assert.Contains("已逾期", refused);
        var unchanged = await factory.QueryAsync((db, _) => db.SampleFailures.AsNoTracking().SingleAsync(f => f.Id == otherCase.Id));
        Assert.Equal((ReinspectionStatus.None, "", (DateTime?)null), (unchanged.Reinspection, unchanged.ReinspectionReason, unchanged.ReinspectionRequestedAt));

        // The operator requests re-inspection in time; the office accepts and the other laboratory is drawn.
        Assert.Equal(HttpStatusCode.Redirect, (await operatorClient.PostFormAsync(page, new() { ["Text"] = "对检验方法有异议，申请复检" }, page + "?handler=Reinspect")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await office.PostFormAsync(page, new() { ["Decision"] = "accept" }, page + "?handler=Decide")).StatusCode);
        failure = await factory.QueryAsync((db, _) => db.SampleFailures.AsNoTracking().SingleAsync(f => f.Id == failure.Id));
        Assert.Equal((ReinspectionStatus.Accepted, lab2), (failure.Reinspection, failure.ReinspectionLaboratoryId!.Value));
        Assert.Equal(calendar.AddWorkingDays(today, 10), failure.ReinspectionReportDeadline);

        // Only the drawn lab enters the result: the first lab and the operator cannot.
        Assert.Equal(HttpStatusCode.NotFound, (await labClient.PostFilesAsync(samplePage, new() { ["Decision"] = "passed" }, [("Upload", "复检.pdf", Pdf)], page + "?handler=ReinspectionResult")).StatusCode);
        var byOperator = await operatorClient.PostFilesAsync(page, new() { ["Decision"] = "passed" }, [("Upload", "复检.pdf", Pdf)], page + "?handler=ReinspectionResult");
        Assert.NotEqual(HttpStatusCode.OK, byOperator.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, byOperator.StatusCode); // access denied
        Assert.Contains("access-denied", byOperator.Headers.Location!.OriginalString);
        using var lab2Client = await factory.SignedInAsync("lab2", OtherPassword);
        var lab2List = await lab2Client.GetStringAsync("/sampling/failures");
        Assert.Contains(failure.SampleNumber, lab2List);
        Assert.DoesNotContain($"JZ-{today.Year}-000002", lab2List);
        Assert.Equal(HttpStatusCode.Redirect, (await lab2Client.PostFilesAsync(page, new() { ["Decision"] = "failed" }, [("Upload", "复检.pdf", Pdf)], page + "?handler=ReinspectionResult")).StatusCode);
        Assert.Equal(ReinspectionStatus.Failed, await factory.QueryAsync((db, _) => db.SampleFailures.Where(f => f.Id == failure.Id).Select(f => f.Reinspection).SingleAsync()));

        // sampling.disposal_completion: two cases served this year, none completed → 0%; the township completes its case → 50%.
        var district = new AccessScope(AccessLevel.Jurisdiction, null, null, new HashSet<Guid>());
        var thisYear = await factory.QueryAsync((db, _) => db.SampleFailures.CountAsync(f => f.NoticeServedOn.Year == today.Year));
        Assert.Equal(0m, await factory.QueryAsync((db, _) => Metrics.ComputeAsync(db, district, SampleFailures.MetricName, today)));
        var badMeasures = await township.PostFormAsync(page, new() { ["Measures.SalesStopped"] = "true", ["Measures.StoppedQuantity"] = "很多" }, page + "?handler=Measures");
        Assert.Contains("控制数量应为数字", await badMeasures.Content.ReadAsStringAsync());
        Assert.Null(await factory.QueryAsync((db, _) => db.SampleFailures.Where(f => f.Id == failure.Id).Select(f => f.MeasuresRecordedAt).SingleAsync()));
        Assert.Equal(HttpStatusCode.Redirect, (await township.PostFormAsync(page, new()
        {
            ["Measures.SalesStopped"] = "true", ["Measures.StoppedQuantity"] = "120", ["Measures.Recalled"] = "true", ["Measures.RecalledQuantity"] = "30",
            ["Measures.SupplierTraced"] = "某某面粉厂", ["Measures.CaseNumber"] = "区市监立〔2026〕15号", ["Measures.PenaltyAmount"] = "5000",
            ["Measures.PenaltyDecisionNumber"] = "区市监罚〔2026〕15号",
        }, page + "?handler=Measures")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await township.PostFilesAsync(page, [], [("Upload", "下架照片.pdf", Pdf)], page + "?handler=Evidence")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await township.PostFormAsync(page, new() { ["Text"] = "已下架召回，立案处罚" }, page + "?handler=Complete")).StatusCode);
        failure = await factory.QueryAsync((db, _) => db.SampleFailures.AsNoTracking().SingleAsync(f => f.Id == failure.Id));
        Assert.Equal((SampleFailureStatus.Completed, false), (failure.Status, failure.CompletedLate));
        Assert.Equal(Math.Round(100m / thisYear, 1), await factory.QueryAsync((db, _) => Metrics.ComputeAsync(db, district, SampleFailures.MetricName, today)));
        Assert.Equal(100.0m, await factory.QueryAsync((db, _) => Metrics.ComputeAsync(db, new AccessScope(AccessLevel.Township, null, townshipA, new HashSet<Guid>()), SampleFailures.MetricName, today)));
        Assert.Contains($"{Math.Round(100m / thisYear, 1):0.0}%", await office.GetStringAsync("/sampling/failures"));

        // The export: an xlsx of the cases the user sees.
        var export = await office.GetAsync("/sampling/failures?handler=Export");
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", export.Content.Headers.ContentType!.MediaType);
        // The sample's page links to its case.
        Assert.Contains(page, await office.GetStringAsync(samplePage));
        _ = townshipB;
    }
}
