using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shian.Common;
using Shian.Credit;
using Shian.Data;
using Shian.Inspections;
using Shian.Registry;
using Shian.Risk;
using Shian.Tests.Builders;

namespace Shian.Web.Tests.Credit;

internal static class CreditSample
{
    private static readonly string Sample = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "imports", "businesses-sample.csv"));

    public static Task<Guid> IdOfAsync(this ShianWebFactory factory, string name) =>
        factory.QueryAsync(db => db.Businesses.Where(b => b.Name.Contains(name)).Select(b => b.Id).SingleAsync());

    public static async Task EnsureSampleAsync(this ShianWebFactory factory)
    {
        if (await factory.QueryAsync(db => db.Businesses.AnyAsync(b => b.CreditCode == "91120119AY4CL12THD")))
        {
            return;
        }
        await using var scope = factory.Services.CreateAsyncScope();
        var (imported, errors) = await BusinessImport.ImportAsync(scope.ServiceProvider.GetRequiredService<ShianDb>(), Encoding.UTF8.GetBytes(Sample), "s.csv", false, TimeProvider.System);
        Assert.Empty(errors);
        Assert.Equal(4, imported);
    }
}

/// <summary>The serious-violation list through the web: listing, the flag wherever the business shows, early removal.</summary>
public sealed class SeriousViolationWebTests(ShianWebFactory factory) : IClassFixture<ShianWebFactory>
{
    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd");

    private async Task<HttpResponseMessage> ListAsync(HttpClient office, string business, DateOnly decided) =>
        await office.PostFormAsync("/credit/serious/new", new()
        {
            ["Input.Business"] = business, ["Input.Basis"] = "津市监罚〔2025〕7 号", ["Input.Provision"] = "《市场监督管理严重违法失信名单管理办法》第二条第一项",
            ["Input.DecidedOn"] = Day(decided),
        });

    private Task<RiskGrade> CurrentGradeAsync(Guid business) =>
        factory.QueryAsync(db => db.RiskGrades.AsNoTracking().SingleAsync(g => g.BusinessId == business && g.SupersededAt == null));

    [Fact]
    public async Task A_listed_business_is_graded_D_and_flagged_on_its_page_the_list_and_the_public_licence_check_and_cannot_leave_before_a_year()
    {
        await factory.EnsureSampleAsync();
        var restaurant = await factory.IdOfAsync("老王家常菜馆");
        var today = ShianTime.LocalDate(DateTime.UtcNow);
        var code = Licence.NewPublicCode();
        await factory.QueryAsync(db =>
        {
            db.Licences.Add(new Licence
            {
                BusinessId = restaurant, Kind = AuthorisationKind.BusinessLicence, Number = "JY21201190012345", IssuedOn = today.AddYears(-1),
                ExpiresOn = today.AddYears(4), PublicCode = code, CreatedAt = DateTime.UtcNow,
            });
            return db.SaveChangesAsync();
        });
        using var anonymous = factory.CreateClient(new() { AllowAutoRedirect = false });
        Assert.DoesNotContain("serious-flag", await anonymous.GetStringAsync($"/l/{code}"));

        using var office = await factory.SignedInAsync("office");
        Assert.DoesNotContain("serious-flag", await office.GetStringAsync($"/businesses/{restaurant}"));

        // Bad input: nothing stored, the field named.
        var unknown = await (await ListAsync(office, "不存在的饭店", today)).Content.ReadAsStringAsync();
        Assert.Contains("经营主体：未找到该统一社会信用代码或名称", unknown);
        var future = await (await ListAsync(office, "921201193BJ1XG612E", today.AddDays(1))).Content.ReadAsStringAsync();
        Assert.Contains("决定日期不能晚于今天", future);
        Assert.Equal(0, await factory.QueryAsync(db => db.SeriousViolations.CountAsync()));

        // Listed by credit code (lower case, as typed) a month ago: D at once, flagged everywhere.
        var saved = await ListAsync(office, "921201193bj1xg612e", today.AddDays(-30));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var detailUrl = saved.Headers.Location!.OriginalString;
        var listing = await factory.QueryAsync(db => db.SeriousViolations.AsNoTracking().SingleAsync());
        Assert.Equal((restaurant, today.AddDays(-30), today.AddDays(-30).AddYears(3).AddDays(-1)), (listing.BusinessId, listing.From, listing.To));
        var grade = await CurrentGradeAsync(restaurant);
        Assert.Equal((RiskLevel.D, true), (grade.Grade, grade.SeriousViolator));
        Assert.EndsWith(RiskRegrade.SeriousListing, grade.Reason); // 初次评定；严重违法失信名单: the restaurant had not been graded before
        var page = await office.GetStringAsync($"/businesses/{restaurant}");
        Assert.Contains("data-testid=\"serious-flag\">严重违法失信", page);
        Assert.Contains("data-testid=\"risk-grade\">D 级", page);
        Assert.Contains("data-testid=\"risk-serious-flag\">严重违法失信", page);
        var list = await office.GetStringAsync("/businesses?q=%E8%80%81%E7%8E%8B"); // 老王
        Assert.Contains("data-testid=\"serious-flag\">严重违法失信", list);
        Assert.DoesNotContain("serious-flag", await office.GetStringAsync("/businesses?q=%E9%91%AB%E6%BA%90")); // 鑫源 is not listed
        Assert.Contains("data-testid=\"serious-flag\">严重违法失信", await anonymous.GetStringAsync($"/l/{code}"));
        var register = await office.GetStringAsync("/credit/serious");
        Assert.Contains("老王家常菜馆", register);
        Assert.Contains("列入中", register);
        var csv = await office.GetByteArrayAsync("/credit/serious?handler=Export&format=csv");
        Assert.Contains("津市监罚〔2025〕7 号", Encoding.UTF8.GetString(csv));
        var xlsx = await office.GetAsync("/credit/serious?handler=Export");
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType?.MediaType);

        // Early removal before a year: refused in Chinese, nothing stored, still listed.
        var early = await office.PostFormAsync(detailUrl, new()
        {
            ["Input.ByOperator"] = "true", ["Input.Reason"] = "已缴纳罚款并整改", ["Input.FinePaid"] = "true",
        }, detailUrl + "?handler=Request");
        Assert.Equal(HttpStatusCode.OK, early.StatusCode);
        Assert.Contains($"列入未满 1 年，不得申请提前移出（最早可于 {Day(today.AddDays(-30).AddYears(1))} 申请）", await early.Content.ReadAsStringAsync());
        Assert.Equal(0, await factory.QueryAsync(db => db.SeriousViolationRemovals.CountAsync()));
        Assert.Null((await factory.QueryAsync(db => db.SeriousViolations.AsNoTracking().SingleAsync())).RemovedOn);
        Assert.Equal(RiskLevel.D, (await CurrentGradeAsync(restaurant)).Grade);
    }

    [Fact]
    public async Task After_a_year_an_approved_removal_with_its_credit_repair_ends_the_listing_and_regrades_and_only_the_office_decides()
    {
        await factory.EnsureSampleAsync();
        var supermarket = await factory.IdOfAsync("鑫源超市");
        var today = ShianTime.LocalDate(DateTime.UtcNow);
        using var office = await factory.SignedInAsync("office");
        var saved = await ListAsync(office, "天津市蓟州区鑫源超市有限公司", today.AddDays(-400)); // by its full name
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var detailUrl = saved.Headers.Location!.OriginalString;
        Assert.Equal(RiskLevel.D, (await CurrentGradeAsync(supermarket)).Grade);

        // Without a repair measure the request is refused, the field named.
        var noRepair = await office.PostFormAsync(detailUrl, new() { ["Input.Reason"] = "申请提前移出" }, detailUrl + "?handler=Request");
        Assert.Contains("信用修复：请至少选择一项已完成的修复措施", await noRepair.Content.ReadAsStringAsync());
        var requested = await office.PostFormAsync(detailUrl, new()
        {
            ["Input.ByOperator"] = "true", ["Input.Reason"] = "已履行处罚、消除危害后果", ["Input.FinePaid"] = "true", ["Input.PublicCommitment"] = "true",
            ["Input.RepairNote"] = "罚没款缴款书 No.123",
        }, detailUrl + "?handler=Request");
        Assert.Equal(HttpStatusCode.Redirect, requested.StatusCode);
        var removal = await factory.QueryAsync(db => db.SeriousViolationRemovals.AsNoTracking().SingleAsync());
        Assert.Equal((RemovalDecision.Pending, CreditRepair.FinePaid | CreditRepair.PublicCommitment, true), (removal.Decision, removal.Repair, removal.ByOperator));

        // Township staff and operators may not decide.
        var decide = new Dictionary<string, string> { ["removalId"] = removal.Id.ToString(), ["approve"] = "true" };
        using var township = await factory.SignedInAsync("township");
        var byTownship = await township.PostFormAsync("/credit/serious", new(decide), detailUrl + "?handler=Decide");
        Assert.True(byTownship.StatusCode == HttpStatusCode.Forbidden || byTownship.Headers.Location?.OriginalString.Contains("/account/access-denied") == true);
        using var operatorClient = await factory.SignedInAsync("operator");
        var byOperator = await operatorClient.PostFormAsync("/operator", new(decide), detailUrl + "?handler=Decide");
        Assert.True(byOperator.StatusCode == HttpStatusCode.Forbidden || byOperator.Headers.Location?.OriginalString.Contains("/account/access-denied") == true);
        Assert.Equal(RemovalDecision.Pending, (await factory.QueryAsync(db => db.SeriousViolationRemovals.AsNoTracking().SingleAsync())).Decision);

        var approved = await office.PostFormAsync(detailUrl, new(decide) { ["note"] = "经核查已完成信用修复" }, detailUrl + "?handler=Decide");
        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        var listing = await factory.QueryAsync(db => db.SeriousViolations.AsNoTracking().SingleAsync(v => v.BusinessId == supermarket));
        Assert.Equal((today, today.AddDays(-1)), (listing.RemovedOn, listing.To));
        var grade = await CurrentGradeAsync(supermarket);
        Assert.Equal((RiskLevel.A, false, RiskRegrade.SeriousListingEnded), (grade.Grade, grade.SeriousViolator, grade.Reason));
        Assert.DoesNotContain("serious-flag", await office.GetStringAsync($"/businesses/{supermarket}"));
        var detail = await office.GetStringAsync(detailUrl);
        Assert.Contains("data-testid=\"listing-status\">已提前移出", detail);
        Assert.Contains("已履行行政处罚（缴纳罚没款）、已作出信用承诺", detail);
        Assert.True(await factory.QueryAsync(db => db.AuditEntries.AnyAsync(a => a.Entity == nameof(SeriousViolationRemoval))));
    }
}

/// <summary>The caterers' red/black list: a draft from inspections by the rules, reviewed, approved, then public.</summary>
public sealed class RedBlackWebTests(ShianWebFactory factory) : IClassFixture<ShianWebFactory>
{
    [Fact]
    public async Task The_draft_follows_the_rules_is_not_public_until_approved_and_only_the_office_approves()
    {
        await factory.EnsureSampleAsync();
        var restaurant = await factory.IdOfAsync("老王家常菜馆");
        var farmStay = await factory.IdOfAsync("山里人家农家院");
        var today = ShianTime.LocalDate(DateTime.UtcNow);
        var month = new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
        DateTime On(DateOnly d) => d.ToDateTime(new TimeOnly(2, 0), DateTimeKind.Utc);
        await factory.QueryAsync(async db =>
        {
            var categories = await db.Businesses.Where(b => b.Id == restaurant || b.Id == farmStay).Select(b => new { b.Id, b.Category, b.TownshipId }).ToListAsync();
            Assert.All(categories, c => Assert.Equal(BusinessCategory.Caterer, c.Category));
            var team = await TestInspections.TeamAsync(db);
            Inspection Make(Guid business, DateOnly ended, InspectionResult result) =>
                TestInspections.Submitted(business, categories.Single(c => c.Id == business).TownshipId, result, On(ended), team);
            db.Inspections.AddRange(
                Make(restaurant, month.AddDays(3), InspectionResult.Conforming),
                Make(restaurant, month.AddMonths(-5), InspectionResult.BasicallyConforming),
                Make(restaurant, month.AddMonths(-12), InspectionResult.NonConforming), // before the 12-month window: does not count
                Make(farmStay, month.AddDays(10), InspectionResult.NonConforming),
                Make(farmStay, month.AddMonths(-11), InspectionResult.NonConforming), // the window's first month
                Make(farmStay, month.AddMonths(1).AddDays(1), InspectionResult.NonConforming)); // after the month: does not count
            await db.SaveChangesAsync();
            await RiskRegrade.RunAsync(db, "test", DateTime.UtcNow);
            return 0;
        });
        Assert.Equal(RiskLevel.A, await factory.QueryAsync(db => db.RiskGrades.Where(g => g.BusinessId == restaurant && g.SupersededAt == null).Select(g => g.Grade).SingleAsync()));

        using var anonymous = factory.CreateClient(new() { AllowAutoRedirect = false });
        Assert.Contains("暂无已发布的红黑榜", await anonymous.GetStringAsync("/public/redblack"));

        using var office = await factory.SignedInAsync("office");
        var generated = await office.PostFormAsync("/credit/redblack", new() { ["Month"] = month.ToString("yyyy-MM") }, "/credit/redblack?handler=Generate");
        Assert.Equal(HttpStatusCode.Redirect, generated.StatusCode);
        var detailUrl = generated.Headers.Location!.OriginalString;
        var entries = await factory.QueryAsync(db => db.RedBlackEntries.AsNoTracking().ToListAsync());
        Assert.Equal(
            [(restaurant, RedBlackSide.Red, "风险等级 A 级，近 12 个月检查 2 次均无不符合"), (farmStay, RedBlackSide.Black, "近 12 个月监督检查结果不符合 2 次")],
            entries.OrderBy(e => e.Side == RedBlackSide.Black).Select(e => (e.BusinessId, e.Side, e.Reason)));
        var draft = await office.GetStringAsync(detailUrl);
        Assert.Contains("草稿（未公开）", draft);

        // Not public as a draft.
        var publicDraft = await anonymous.GetStringAsync("/public/redblack?month=" + month.ToString("yyyy-MM"));
        Assert.Contains("暂无已发布的红黑榜", publicDraft);
        Assert.DoesNotContain("老王家常菜馆", publicDraft);

        // A township user may neither approve nor exclude.
        using var township = await factory.SignedInAsync("township");
        var byTownship = await township.PostFormAsync("/credit/redblack", [], detailUrl + "?handler=Approve");
        Assert.True(byTownship.StatusCode == HttpStatusCode.Forbidden || byTownship.Headers.Location?.OriginalString.Contains("/account/access-denied") == true);
        Assert.Equal(RedBlackListStatus.Draft, await factory.QueryAsync(db => db.RedBlackLists.Select(x => x.Status).SingleAsync()));

        // The office leaves the farm-stay off (a reason is required), then approves.
        var blackEntry = entries.Single(e => e.Side == RedBlackSide.Black);
        var noReason = await office.PostFormAsync(detailUrl, new() { ["entryId"] = blackEntry.Id.ToString(), ["exclude"] = "true" }, detailUrl + "?handler=Exclude");
        Assert.Contains("请填写剔除理由", WebUtility.HtmlDecode(await noReason.Content.ReadAsStringAsync()));
        var excluded = await office.PostFormAsync(detailUrl, new() { ["entryId"] = blackEntry.Id.ToString(), ["exclude"] = "true", ["reason"] = "复查已整改，待下月评定" }, detailUrl + "?handler=Exclude");
        Assert.Equal(HttpStatusCode.Redirect, excluded.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await office.PostFormAsync(detailUrl, [], detailUrl + "?handler=Approve")).StatusCode);

        var published = await anonymous.GetStringAsync("/public/redblack");
        Assert.Contains(month.ToString("yyyy-MM"), published);
        var red = Regex.Match(published, "data-testid=\"public-Red\">(.*?)</ul>", RegexOptions.Singleline).Groups[1].Value;
        Assert.Contains("蓟州区渔阳镇老王家常菜馆", red);
        Assert.Contains("渔阳镇北大街8号（渔阳镇）", red);
        Assert.Contains("风险等级 A 级", red);
        Assert.DoesNotContain("山里人家农家院", published); // left off on review

        // A published month is not regenerated.
        var again = await office.PostFormAsync("/credit/redblack", new() { ["Month"] = month.ToString("yyyy-MM") }, "/credit/redblack?handler=Generate");
        Assert.Contains("该月红黑榜已审定发布，不能修改", await again.Content.ReadAsStringAsync());
    }
}
