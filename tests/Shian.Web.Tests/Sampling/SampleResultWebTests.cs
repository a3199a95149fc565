using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using Shian.Data;
using Shian.Organization;
using Shian.Registry;
using Shian.Risk;
using Shian.Sampling;
using Shian.Tests.Sampling;

namespace Shian.Web.Tests.Sampling;

/// <summary>
/// Laboratory results from the sample's page and from a workbook: implausible values and self-contradicting judgements are
/// refused with nothing stored; a workbook with any bad row (unknown number, another lab's sample, not received, reported,
/// a bad value) changes nothing; a good one records every sample at once; a failure adds one sampling risk factor and
/// regrades the business, and results corrected to 合格 take it back.
/// </summary>
public sealed class SampleResultWebTests(ShianWebFactory factory) : IClassFixture<ShianWebFactory>
{
    private static readonly string Businesses = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "imports", "businesses-sample.csv"));
    private const string ImportPage = "/sampling/samples/import";

    private sealed record Seeded(Guid Lab, Guid OtherLab, Dictionary<string, Sample> Samples);

    private static int next;

    /// <summary>Samples of the demo lab (received ×3, reported, submitted) and one of another lab, from the registry's businesses.</summary>
    private async Task<Seeded> SeedAsync()
    {
        return await factory.QueryAsync(async db =>
        {
            if (!await db.Businesses.AnyAsync())
            {
                Assert.Empty((await BusinessImport.ImportAsync(db, Encoding.UTF8.GetBytes(Businesses), "s.csv", false, TimeProvider.System)).Errors);
            }
            var businesses = await db.Businesses.OrderBy(b => b.Name).Take(3).ToListAsync();
            var lab = await db.Units.Where(u => u.Name == "区食品检验检测中心（演示）").Select(u => u.Id).SingleAsync();
            var other = await db.Units.Where(u => u.Name == "另一检测机构").Select(u => (Guid?)u.Id).SingleOrDefaultAsync();
            if (other is null)
            {
                var unit = new Unit { JurisdictionId = await db.Jurisdictions.Select(j => j.Id).SingleAsync(), Name = "另一检测机构", Kind = UnitKind.Laboratory };
                db.Units.Add(unit);
                other = unit.Id;
            }
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            Sample Make(string key, SampleStatus status, Guid laboratory, Business business) => new SampleBuilder(new Sample
            {
                Id = Guid.CreateVersion7(), BusinessId = business.Id, TownshipId = business.TownshipId, BusinessName = business.Name, SampleName = "样品" + key,
                FoodCategoryCode = "32", SampledOn = today.AddDays(-10), LaboratoryId = laboratory, SamplingUnitId = laboratory,
                Number = $"JZ-2099-{Interlocked.Increment(ref next) + Math.Abs(factory.GetHashCode() % 1000) * 100:D6}", CreatedAt = DateTime.UtcNow, CreatedBy = "test",
            }) switch
            {
                var b when status == SampleStatus.Submitted => b.Submitted().Sample,
                var b when status == SampleStatus.Received => b.Received(today.AddDays(-8)).Sample,
                var b => b.Received(today.AddDays(-8)).Reported(today).Sample,
            };
            var samples = new Dictionary<string, Sample>
            {
                ["A"] = Make("A", SampleStatus.Received, lab, businesses[0]),
                ["B"] = Make("B", SampleStatus.Received, lab, businesses[1]),
                ["C"] = Make("C", SampleStatus.Received, other.Value, businesses[2]),
                ["D"] = Make("D", SampleStatus.Reported, lab, businesses[2]),
                ["E"] = Make("E", SampleStatus.Submitted, lab, businesses[2]),
            };
            SampleBuilder.AddTo(db, [.. samples.Values]);
            await db.SaveChangesAsync();
            return new Seeded(lab, other.Value, samples);
        });
    }

    private static byte[] Workbook(params (string Number, string Item, string Value, string Unit, string Limit, string Judgement)[] rows)
    {
        using var stream = new MemoryStream();
        stream.SaveAs(rows.Select(r => new Dictionary<string, object?>
        {
            ["抽样单编号"] = r.Number, ["样品名称"] = "", ["检验项目"] = r.Item, ["检验结果"] = r.Value, ["单位"] = r.Unit, ["标准限值"] = r.Limit,
            ["检验依据"] = "GB 2763", ["单项判定"] = r.Judgement,
        }));
        return stream.ToArray();
    }

    private static Task<HttpResponseMessage> UploadAsync(HttpClient client, byte[] file) =>
        client.PostFilesAsync(ImportPage, [], [("Upload", "结果.xlsx", file)], ImportPage);

    private Task<int> ItemCountAsync(params Sample[] samples)
    {
        var ids = samples.Select(s => s.Id).ToList();
        return factory.QueryAsync(db => db.SampleTestItems.CountAsync(i => ids.Contains(i.SampleId)));
    }

    [Fact]
    public async Task A_workbook_with_any_bad_row_changes_nothing_and_a_good_one_records_every_sample()
    {
        var (lab, _, s) = await SeedAsync();
        var (a, b, c, d, e) = (s["A"], s["B"], s["C"], s["D"], s["E"]);
        using var labClient = await factory.SignedInAsync("lab");

        // The template lists the lab's received samples, not another lab's nor those not received or reported.
        var template = await labClient.GetAsync(ImportPage + "?handler=Template");
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", template.Content.Headers.ContentType?.MediaType);
        using (var stream = new MemoryStream(await template.Content.ReadAsByteArrayAsync()))
        {
            var numbers = stream.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().Select(r => r["抽样单编号"]?.ToString()).ToList();
            Assert.Contains(a.Number, numbers);
            Assert.Contains(b.Number, numbers);
            Assert.DoesNotContain(c.Number, numbers);
            Assert.DoesNotContain(d.Number, numbers);
            Assert.DoesNotContain(e.Number, numbers);
        }

        // One implausible value among good rows: the report names row and column, nothing is stored.
        var bad = await (await UploadAsync(labClient, Workbook(
            (a.Number!, "铅（以Pb计）", "0.05", "mg/kg", "≤0.2", "合格"),
            (b.Number!, "毒死蜱", "0.3", "mg/kg", "≤0.1", "不合格"),
            (b.Number!, "水分", "130", "g/100g", "≤14.5", "合格")))).Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"import-errors\"", bad);
        Assert.Contains("<td class=\"num\">4</td><td>检验结果</td>", bad);
        Assert.Contains("超出单位 g/100g 的合理范围", bad);
        Assert.Equal(0, await ItemCountAsync(a, b));
        Assert.Equal(SampleStatus.Received, await factory.QueryAsync(db => db.Samples.Where(x => x.Id == a.Id).Select(x => x.Status).SingleAsync()));

        // Another lab's sample, one not received, one reported, an unknown number: each named, nothing stored.
        var foreign = await (await UploadAsync(labClient, Workbook(
            (a.Number!, "铅", "0.05", "mg/kg", "≤0.2", "合格"),
            (c.Number!, "铅", "0.05", "mg/kg", "≤0.2", "合格"),
            (d.Number!, "铅", "0.05", "mg/kg", "≤0.2", "合格"),
            (e.Number!, "铅", "0.05", "mg/kg", "≤0.2", "合格"),
            ("JZ-2098-999999", "铅", "0.05", "mg/kg", "≤0.2", "合格"),
            (a.Number!, "镉", "0.01", "mg/kg", "≤0.1", "")))).Content.ReadAsStringAsync();
        Assert.Contains($"抽样单 {c.Number} 不是送本机构检验的样品", foreign);
        Assert.Contains($"抽样单 {d.Number} 已出具报告", foreign);
        Assert.Contains($"抽样单 {e.Number} 的样品尚未接收", foreign);
        Assert.Contains("系统中没有抽样单 JZ-2098-999999", foreign);
        Assert.Contains("请选择单项判定", foreign);
        Assert.Equal(1, await ItemCountAsync(a, b, c, d, e)); // D's own reported item only

        // A good file: both samples recorded at once; the failure adds one sampling risk factor and grades the business.
        var good = await (await UploadAsync(labClient, Workbook(
            (a.Number!, "铅（以Pb计）", "0.05", "mg/kg", "≤0.2", "合格"),
            (a.Number!, "镉（以Cd计）", "未检出", "mg/kg", "≤0.1", "合格"),
            (b.Number!, "毒死蜱", "0.3", "mg/kg", "≤0.1", "不合格"),
            (b.Number!, "菌落总数", "1.2e4", "CFU/g", "", "合格")))).Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"import-done\"", good);
        var stored = await factory.QueryAsync(db => db.Samples.Where(x => x.Id == a.Id || x.Id == b.Id).ToDictionaryAsync(x => x.Id, x => (x.Status, x.Conclusion)));
        Assert.Equal((SampleStatus.Tested, SampleConclusion.Passed), stored[a.Id]);
        Assert.Equal((SampleStatus.Tested, SampleConclusion.Failed), stored[b.Id]);
        Assert.Equal(4, await ItemCountAsync(a, b));
        var factor = Assert.Single(await factory.QueryAsync(db => db.RiskFactors.Where(f => f.BusinessId == b.BusinessId).ToListAsync()));
        Assert.Equal((SampleResults.RiskItemCode, SampleResults.RiskSource, SampleResults.RiskPoints), (factor.ItemCode, factor.Source, factor.Points));
        Assert.Contains(b.Number!, factor.Reason);
        Assert.Empty(await factory.QueryAsync(db => db.RiskFactors.Where(f => f.Reason.Contains(a.Number!)).ToListAsync()));
        var grade = await factory.QueryAsync(db => db.RiskGrades.Where(g => g.BusinessId == b.BusinessId && g.SupersededAt == null).SingleOrDefaultAsync());
        Assert.NotNull(grade);
        Assert.Contains("\"sampling\"", grade.Breakdown);

        // Entered again (still failing): replaced, still one factor. Corrected to 合格: the factor is taken back.
        await UploadAsync(labClient, Workbook((b.Number!, "毒死蜱", "0.25", "mg/kg", "≤0.1", "不合格")));
        Assert.Equal(1, await ItemCountAsync(b));
        Assert.Equal(1, await factory.QueryAsync(db => db.RiskFactors.CountAsync(f => f.BusinessId == b.BusinessId)));
        await UploadAsync(labClient, Workbook((b.Number!, "毒死蜱", "0.05", "mg/kg", "≤0.1", "合格")));
        Assert.Equal(SampleConclusion.Passed, await factory.QueryAsync(db => db.Samples.Where(x => x.Id == b.Id).Select(x => x.Conclusion).SingleAsync()));
        Assert.Equal(0, await factory.QueryAsync(db => db.RiskFactors.CountAsync(f => f.BusinessId == b.BusinessId)));
        var regraded = await factory.QueryAsync(db => db.RiskGrades.Where(g => g.BusinessId == b.BusinessId && g.SupersededAt == null).SingleAsync());
        Assert.DoesNotContain("\"sampling\"", regraded.Breakdown);

        // The office may import for any lab; an operator may not open the page.
        using var office = await factory.SignedInAsync("office");
        Assert.Contains("data-testid=\"import-done\"", await (await UploadAsync(office, Workbook((c.Number!, "铅", "0.05", "mg/kg", "≤0.2", "合格")))).Content.ReadAsStringAsync());
        Assert.Equal(1, await ItemCountAsync(c));
        using var operatorClient = await factory.SignedInAsync("operator");
        var denied = await operatorClient.GetAsync(ImportPage);
        Assert.True(denied.StatusCode == HttpStatusCode.Forbidden || (denied.Headers.Location?.OriginalString ?? "").Contains("access-denied"), denied.StatusCode.ToString());
        Assert.NotEqual(lab, Guid.Empty);
    }

    [Fact]
    public async Task The_sample_page_refuses_an_implausible_value_and_a_pass_above_the_limit()
    {
        var (_, _, s) = await SeedAsync();
        var a = s["A"];
        using var labClient = await factory.SignedInAsync("lab");
        var page = $"/sampling/samples/{a.Id}";
        var range = await (await labClient.PostFormAsync(page, new()
        {
            ["Items[0].Name"] = "铅（以Pb计）", ["Items[0].Value"] = "2000000", ["Items[0].Unit"] = "mg/kg", ["Items[0].Limit"] = "≤0.2", ["Items[0].Judgement"] = "Fail",
        }, page + "?handler=Results")).Content.ReadAsStringAsync();
        Assert.Contains("检验项目“铅（以Pb计）”的结果 2000000 超出单位 mg/kg 的合理范围", range);
        var contradiction = await (await labClient.PostFormAsync(page, new()
        {
            ["Items[0].Name"] = "苯甲酸", ["Items[0].Value"] = "1.5", ["Items[0].Unit"] = "g/kg", ["Items[0].Limit"] = "≤ 1.0", ["Items[0].Judgement"] = "Pass",
        }, page + "?handler=Results")).Content.ReadAsStringAsync();
        Assert.Contains("超过限值 ≤ 1.0，不能判定为合格", contradiction);
        Assert.Equal(0, await ItemCountAsync(a));
        Assert.Equal(SampleStatus.Received, await factory.QueryAsync(db => db.Samples.Where(x => x.Id == a.Id).Select(x => x.Status).SingleAsync()));

        // A failure entered on the page feeds the risk grading the same way.
        var failed = await labClient.PostFormAsync(page, new()
        {
            ["Items[0].Name"] = "苯甲酸", ["Items[0].Value"] = "1.5", ["Items[0].Unit"] = "g/kg", ["Items[0].Limit"] = "≤1.0", ["Items[0].Judgement"] = "Fail",
        }, page + "?handler=Results");
        Assert.Equal(HttpStatusCode.Redirect, failed.StatusCode);
        Assert.Equal(1, await factory.QueryAsync(db => db.RiskFactors.CountAsync(f => f.BusinessId == a.BusinessId && f.Source == SampleResults.RiskSource && f.Reason.Contains(a.Number!))));
    }
}
