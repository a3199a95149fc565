using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using Shian.Accounts;
using Shian.Common;
using Shian.Data;
using Shian.Grain;
using Shian.Inspections;
using Shian.Organization;
using Shian.Plans;
using Shian.Registry;
using Shian.Tests.Builders;

namespace Shian.Web.Tests.Grain;

/// <summary>
/// Reserve grain, purchase checks and imported food through the pages: the office adds a silo and its tests (bad input
/// refused by field with nothing stored), a failing mycotoxin flags the silo until its disposal; township staff read
/// their township's silos and cannot write; a department does not see another unit's silo; the metrics are computed
/// on a fixture of their own township; the exports read back.
/// </summary>
public sealed class GrainPagesTests(ShianWebFactory factory) : IClassFixture<ShianWebFactory>
{

    private static readonly DateOnly Today = ShianTime.LocalDate(DateTime.UtcNow);

    private static Dictionary<string, string> SiloForm(Guid township, string code, string capacity = "5000", string stock = "4200") => new()
    {
        ["Input.Code"] = code, ["Input.DepotName"] = "测试库点", ["Input.TownshipId"] = township.ToString(), ["Input.GrainKind"] = "小麦",
        ["Input.CapacityTonnes"] = capacity, ["Input.StockTonnes"] = stock, ["Input.HarvestYear"] = (Today.Year - 1).ToString(),
        ["Input.StoredSince"] = new DateOnly(Today.Year - 1, 8, 1).ToString("yyyy-MM-dd"),
    };

    private static Dictionary<string, string> TestForm(DateOnly date, string don = "300") => new()
    {
        ["Test.TestDate"] = date.ToString("yyyy-MM-dd"), ["Test.Laboratory"] = "区粮油质量检测站",
        ["Test.Values[moisture]"] = "12.1", ["Test.Values[impurity]"] = "0.6", ["Test.Values[unsound]"] = "4", ["Test.Values[fatty-acid]"] = "20",
        ["Test.Values[don]"] = don, ["Test.Values[afb1]"] = "1", ["Test.Values[zen]"] = "10", ["Test.Values[cd]"] = "0.02", ["Test.Values[pb]"] = "0.05",
    };

    [Fact]
    public async Task The_office_keeps_a_silo_record_a_failing_test_flags_it_until_disposed_and_township_staff_only_read()
    {
        var township = await factory.QueryAsync(db => db.Users.Where(u => u.UserName == "township").Select(u => u.TownshipId!.Value).SingleAsync());
        using var office = await factory.SignedInAsync("office");

        // Refused: stock over capacity, nothing stored.
        var refused = await office.PostFormAsync("/grain", SiloForm(township, "T-GR-01", capacity: "100", stock: "120"));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("实际库存（吨）：不能超过仓容 100 吨。", await refused.Content.ReadAsStringAsync());
        Assert.False(await factory.QueryAsync(db => db.Silos.AnyAsync(s => s.Code == "T-GR-01")));

        var saved = await office.PostFormAsync("/grain", SiloForm(township, "T-GR-01"));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var silo = await factory.QueryAsync(db => db.Silos.SingleAsync(s => s.Code == "T-GR-01"));
        var page = $"/grain/silos/{silo.Id}";

        // A test dated before the grain was stored is refused, naming the field; nothing stored.
        var early = await office.PostFormAsync(page, TestForm(silo.StoredSince.AddDays(-1)), $"{page}?handler=Test");
        Assert.Contains("检验日期：不能早于入仓日期", await early.Content.ReadAsStringAsync());
        Assert.False(await factory.QueryAsync(db => db.GrainTests.AnyAsync(t => t.SiloId == silo.Id)));
        Assert.Contains(silo.Id.ToString(), await office.GetStringAsync("/grain")); // listed as missing this half-year

        Assert.Equal(HttpStatusCode.Redirect, (await office.PostFormAsync(page, TestForm(Today, don: "1500"), $"{page}?handler=Test")).StatusCode);
        var test = await factory.QueryAsync(db => db.GrainTests.Include(t => t.Items).SingleAsync(t => t.SiloId == silo.Id));
        Assert.False(test.SafetyPassed);
        Assert.True(test.QualityPassed);
        Assert.Equal(HalfYear.Of(Today).Code, test.HalfYearCode);
        Assert.Equal((1000m, Judgement.Fail), (test.Items.Single(i => i.Code == "don").Limit!.Value, test.Items.Single(i => i.Code == "don").Judgement));
        var record = await office.GetStringAsync(page);
        Assert.Contains("data-testid=\"flagged\"", record);

        // A second test in the same half-year is refused.
        var twice = await office.PostFormAsync(page, TestForm(Today), $"{page}?handler=Test");
        Assert.Contains("已有检验记录", await twice.Content.ReadAsStringAsync());
        Assert.Equal(1, await factory.QueryAsync(db => db.GrainTests.CountAsync(t => t.SiloId == silo.Id)));

        // Disposal: a negative quantity refused, then recorded; the flag goes.
        var disposal = new Dictionary<string, string>
        {
            ["Disposal.Test"] = test.Id.ToString(), ["Disposal.Method"] = "转作饲料", ["Disposal.Date"] = Today.ToString("yyyy-MM-dd"), ["Disposal.QuantityTonnes"] = "-3",
        };
        Assert.Contains("处置数量（吨）：必须大于 0。", await (await office.PostFormAsync(page, disposal, $"{page}?handler=Disposal")).Content.ReadAsStringAsync());
        Assert.False(await factory.QueryAsync(db => db.GrainDisposals.AnyAsync(d => d.SiloId == silo.Id)));
        disposal["Disposal.QuantityTonnes"] = "300";
        Assert.Equal(HttpStatusCode.Redirect, (await office.PostFormAsync(page, disposal, $"{page}?handler=Disposal")).StatusCode);
        Assert.DoesNotContain("data-testid=\"flagged\"", await office.GetStringAsync(page));

        // Township staff of the silo's township read it, without forms, and cannot post.
        using var townshipUser = await factory.SignedInAsync("township");
        var read = await townshipUser.GetStringAsync(page);
        Assert.Contains("T-GR-01", read);
        Assert.DoesNotContain("data-testid=\"test-form\"", read);
        Assert.DoesNotContain("data-testid=\"silo-form\"", await townshipUser.GetStringAsync("/grain"));
        var forbidden = await townshipUser.PostFormAsync("/grain", SiloForm(township, "T-GR-02"));
        Assert.NotEqual(HttpStatusCode.OK, forbidden.StatusCode);
        Assert.DoesNotContain("/grain/silos/", forbidden.Headers.Location?.ToString() ?? "");
        Assert.False(await factory.QueryAsync(db => db.Silos.AnyAsync(s => s.Code == "T-GR-02")));

        // Operators never reach the pages.
        using var op = await factory.SignedInAsync("operator");
        Assert.NotEqual(HttpStatusCode.OK, (await op.GetAsync("/grain")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await op.GetAsync(page)).StatusCode);

        // The export reads back.
        var xlsx = await office.GetByteArrayAsync("/grain?handler=Export");
        var rows = new MemoryStream(xlsx).Query(useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        var row = rows.Single(r => (string)r["仓房编号"] == "T-GR-01");
        Assert.Equal("已检验", row[$"{HalfYear.Of(Today).Name}检验"]);
        Assert.Equal("否", row["超标待处置"]);
    }

    [Fact]
    public async Task A_department_neither_sees_nor_tests_a_silo_of_another_unit()
    {
        var (silo, marketUnit) = await factory.QueryAsync(async db =>
        {
            var market = await db.Users.Where(u => u.UserName == "department").Select(u => u.UnitId!.Value).SingleAsync();
            var other = await db.Units.Where(u => u.Id != market && u.Kind == UnitKind.Department).Select(u => u.Id).FirstAsync();
            var township = await db.Townships.Where(t => t.IsTownship).Select(t => t.Id).FirstAsync();
            var s = Silo.Create(new Silo.Input("T-GR-UNIT", "粮食中心库", township, "玉米", 3000, 2000, Today.Year - 1, new DateOnly(Today.Year - 1, 10, 1)),
                other, Today, "t", DateTime.UtcNow).Silo!;
            db.Silos.Add(s);
            await db.SaveChangesAsync();
            return (s, market);
        });
        using var department = await factory.SignedInAsync("department");
        Assert.DoesNotContain("T-GR-UNIT", await department.GetStringAsync("/grain"));
        Assert.Equal(HttpStatusCode.NotFound, (await department.GetAsync($"/grain/silos/{silo.Id}")).StatusCode);
        using var office = await factory.SignedInAsync("office");
        Assert.Contains("T-GR-UNIT", await office.GetStringAsync($"/grain/silos/{silo.Id}"));

        // The department's own silo belongs to its unit.
        var township = await factory.QueryAsync(db => db.Townships.Where(t => t.IsTownship).Select(t => t.Id).FirstAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await department.PostFormAsync("/grain", SiloForm(township, "T-GR-MKT"))).StatusCode);
        Assert.Equal(marketUnit, await factory.QueryAsync(db => db.Silos.Where(s => s.Code == "T-GR-MKT").Select(s => s.UnitId).SingleAsync()));
    }

    [Fact]
    public async Task Imports_refuse_a_malformed_customs_number_and_failed_goods_are_returned_with_evidence()
    {
        var business = await factory.QueryAsync(async db =>
        {
            var b = new Business
            {
                Id = Guid.NewGuid(), Name = "测试进口食品贸易有限公司", CreditCode = ("IM" + Guid.NewGuid().ToString("N")).ToUpperInvariant()[..18], Address = "港口路1号",
                TownshipId = await db.Townships.Where(t => t.IsTownship).Select(t => t.Id).FirstAsync(), Category = BusinessCategory.Seller, Subtype = "supermarket",
                Scale = BusinessScale.Small, CreatedAt = DateTime.UtcNow, Tags = Business.JoinTags(["imported-food"]),
            };
            db.Businesses.Add(b);
            await db.SaveChangesAsync();
            return b.Id;
        });
        using var office = await factory.SignedInAsync("office");
        var form = new Dictionary<string, string>
        {
            ["Input.Business"] = business.ToString(), ["Input.Product"] = "测试进口奶粉", ["Input.OriginCountry"] = "新西兰",
            ["Input.DeclarationNumber"] = "0202" + Today.Year + "10000123", ["Input.CertificateNumber"] = "120000026000123", ["Input.QuantityKg"] = "500",
            ["Input.Date"] = Today.ToString("yyyy-MM-dd"), ["Input.Result"] = "Failed",
        };
        var bad = await office.PostFormAsync("/grain/imports", form);
        Assert.Contains("报关单号：应为 18 位数字。", await bad.Content.ReadAsStringAsync());
        Assert.False(await factory.QueryAsync(db => db.ImportedFoodChecks.AnyAsync(c => c.BusinessId == business)));
        form["Input.DeclarationNumber"] = "0202" + Today.Year + "1000012345";
        Assert.Equal(HttpStatusCode.Redirect, (await office.PostFormAsync("/grain/imports", form)).StatusCode);
        var check = await factory.QueryAsync(db => db.ImportedFoodChecks.SingleAsync(c => c.BusinessId == business));

        var dispose = new Dictionary<string, string>
        {
            ["Disposal.Check"] = check.Id.ToString(), ["Disposal.Method"] = "Returned", ["Disposal.Date"] = Today.ToString("yyyy-MM-dd"),
            ["Disposal.QuantityKg"] = "500", ["Disposal.Witness"] = "蓟州海关 王关员",
        };
        var noEvidence = await office.PostFilesAsync("/grain/imports", dispose, [], "/grain/imports?handler=Dispose");
        Assert.Contains("证明材料：请上传退运或销毁的证明文件。", await noEvidence.Content.ReadAsStringAsync());
        Assert.False(await factory.QueryAsync(db => db.ImportedFoodChecks.Where(c => c.Id == check.Id).Select(c => c.DisposalDate != null).SingleAsync()));
        var pdf = "%PDF-1.4\n%test\n"u8.ToArray();
        Assert.Equal(HttpStatusCode.Redirect, (await office.PostFilesAsync("/grain/imports", dispose, [("Evidence", "退运证明.pdf", pdf)], "/grain/imports?handler=Dispose")).StatusCode);
        Assert.Equal(ImportDisposalMethod.Returned, await factory.QueryAsync(db => db.ImportedFoodChecks.Where(c => c.Id == check.Id).Select(c => c.DisposalMethod).SingleAsync()));
        Assert.Equal(pdf, await office.GetByteArrayAsync($"/grain/imports?handler=Evidence&check={check.Id}"));

        var rows = new MemoryStream(await office.GetByteArrayAsync("/grain/imports?handler=Export")).Query(useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        var row = rows.Single(r => (string)r["产品"] == "测试进口奶粉");
        Assert.Equal(("退运", "蓟州海关 王关员"), ((string)row["处置方式"], (string)row["见证人"]));
    }

    [Fact]
    public async Task The_metrics_count_the_fixture_of_their_own_township()
    {
        var township = await factory.QueryAsync(async db =>
        {
            var jurisdiction = await db.Townships.Select(t => t.JurisdictionId).FirstAsync();
            var t = new Township { Id = Guid.NewGuid(), JurisdictionId = jurisdiction, Code = "129999931", Name = "测试粮食镇", Kind = "镇" };
            db.Townships.Add(t);
            var now = DateTime.UtcNow;
            var silos = Enumerable.Range(1, 4).Select(i => Silo.Create(new Silo.Input($"T-MET-{i}", "测试库", t.Id, "小麦", 1000, 500, Today.Year - 1, new DateOnly(Today.Year - 1, 8, 1)), null, Today, "t", now).Silo!).ToList();
            db.Silos.AddRange(silos);
            var values = new Dictionary<string, decimal?> { ["moisture"] = 12, ["impurity"] = 0.5m, ["unsound"] = 3, ["fatty-acid"] = 20, ["don"] = 100, ["afb1"] = 1, ["zen"] = 5, ["cd"] = 0.01m, ["pb"] = 0.01m };
            db.GrainTests.Add(GrainTest.Create(silos[0], new GrainTest.Input(Today, "站", values), Today, "t", now).Test!);
            // Last half-year's test does not count for this one.
            db.GrainTests.Add(GrainTest.Create(silos[1], new GrainTest.Input(HalfYear.Of(Today).Previous.To, "站", values), Today, "t", now).Test!);
            Business Purchaser(int i, BusinessStatus status = BusinessStatus.Active) => new Business
            {
                Id = Guid.NewGuid(), Name = $"测试粮食收购站{i}", CreditCode = ("GP" + Guid.NewGuid().ToString("N")).ToUpperInvariant()[..18], Address = "粮站路",
                TownshipId = t.Id, Category = BusinessCategory.GrainEnterprise, Subtype = GrainPurchaseCheck.Subtype, Scale = BusinessScale.Small, CreatedAt = now,
            }.InStatus(status);
            var purchasers = Enumerable.Range(1, 3).Select(i => Purchaser(i)).Append(Purchaser(9, BusinessStatus.Closed)).ToList();
            db.Businesses.AddRange(purchasers);
            db.GrainPurchaseChecks.Add(GrainPurchaseCheck.Create(purchasers[0].Id, t.Id, null, new GrainPurchaseCheck.Input(Today, "张三", null, InspectionResult.Conforming, true), Today, "t", now).Check!);
            db.GrainPurchaseChecks.Add(GrainPurchaseCheck.Create(purchasers[0].Id, t.Id, null, new GrainPurchaseCheck.Input(Today, "李四", null, InspectionResult.Conforming, false), Today, "t", now).Check!);
            db.GrainPurchaseChecks.Add(GrainPurchaseCheck.Create(purchasers[1].Id, t.Id, null, new GrainPurchaseCheck.Input(new DateOnly(Today.Year - 1, 12, 1), "王五", null, InspectionResult.Conforming, false), Today, "t", now).Check!);
            var number = "0202" + Today.Year + "1000012345";
            ImportedFoodCheck Import(ImportResult result) => ImportedFoodCheck.Create(purchasers[2].Id, t.Id, null,
                new ImportedFoodCheck.Input("测试进口食品", "澳大利亚", number, "1", 10, Today, false, false, result), Today, "t", now).Check!;
            var failed = Enumerable.Range(0, 3).Select(_ => Import(ImportResult.Failed)).ToList();
            Assert.Empty(failed[0].Dispose(ImportDisposalMethod.Destroyed, Today, 10, "见证人", true, Today, "t"));
            db.ImportedFoodChecks.AddRange(failed);
            db.ImportedFoodChecks.Add(Import(ImportResult.Passed));
            await db.SaveChangesAsync();
            return t.Id;
        });
        var scope = new AccessScope(AccessLevel.Township, null, township, new HashSet<Guid>());
        var values = await factory.QueryAsync(async db => (
            await Metrics.ComputeAsync(db, scope, GrainMetrics.ReserveTestCompletion, Today),
            await Metrics.ComputeAsync(db, scope, GrainMetrics.PurchaseCheckRate, Today),
            await Metrics.ComputeAsync(db, scope, GrainMetrics.ImportedFailedDisposalRate, Today),
            await Metrics.ComputeAsync(db, AccessScope.Nothing, GrainMetrics.PurchaseCheckRate, Today)));
        Assert.Equal((25.0m, 33.3m, 33.3m, (decimal?)null), (values.Item1!.Value, values.Item2!.Value, values.Item3!.Value, values.Item4));
    }
}
