using System.Net;
using Microsoft.EntityFrameworkCore;
using Shian.Common;
using Shian.Credit;
using Shian.Inspections;
using Shian.Registry;
using Shian.Risk;
using Shian.Tests.Builders;

namespace Shian.Web.Tests.Credit;

/// <summary>The office issues a new version of the red/black rules; later drafts use it, approved months stay as they were.</summary>
public sealed class RedBlackRulesWebTests(ShianWebFactory factory) : IClassFixture<ShianWebFactory>
{
    internal static async Task AddInspectionAsync(ShianWebFactory factory, Guid business, DateOnly ended, InspectionResult result) =>
        await factory.QueryAsync(async db =>
        {
            var township = await db.Businesses.Where(b => b.Id == business).Select(b => b.TownshipId).SingleAsync();
            var at = ended.ToDateTime(new TimeOnly(2, 0), DateTimeKind.Utc);
            db.Inspections.Add(TestInspections.Submitted(business, township, result, at, await TestInspections.TeamAsync(db)));
            await db.SaveChangesAsync();
            await RiskRegrade.RunAsync(db, "test", DateTime.UtcNow);
            return 0;
        });

    private static Dictionary<string, string> Form(string month, string window = "12", string nonConforming = "2", string inspections = "1",
        string penalties = "0", string failedSamples = "1") => new()
        {
            ["Input.EffectiveMonth"] = month, ["Input.WindowMonths"] = window, ["Input.RedMaxGrade"] = "A", ["Input.RedMinInspections"] = inspections,
            ["Input.BlackMinNonConforming"] = nonConforming, ["Input.BlackIfSeriousViolator"] = "true", ["Input.BlackMinPenalties"] = penalties,
            ["Input.BlackMinFailedSamples"] = failedSamples,
        };

    [Fact]
    public async Task A_new_version_puts_a_caterer_on_the_next_months_black_list_and_leaves_the_approved_month_as_it_was()
    {
        await factory.EnsureSampleAsync();
        var farmStay = await factory.IdOfAsync("山里人家农家院");
        var today = ShianTime.LocalDate(DateTime.UtcNow);
        var thisMonth = new DateOnly(today.Year, today.Month, 1);
        var previous = thisMonth.AddMonths(-1);
        await AddInspectionAsync(factory, farmStay, previous.AddDays(2), InspectionResult.NonConforming); // once: not black under version 1 (2 needed)

        using var office = await factory.SignedInAsync("office");
        var generated = await office.PostFormAsync("/credit/redblack", new() { ["Month"] = previous.ToString("yyyy-MM") }, "/credit/redblack?handler=Generate");
        var previousUrl = generated.Headers.Location!.OriginalString;
        Assert.Equal(HttpStatusCode.Redirect, (await office.PostFormAsync(previousUrl, [], previousUrl + "?handler=Approve")).StatusCode);
        Assert.DoesNotContain(await factory.QueryAsync(db => db.RedBlackEntries.ToListAsync()), e => e.BusinessId == farmStay);

        var page = await office.GetStringAsync("/credit/redblack/rules");
        Assert.Contains("红榜：风险等级 A 级及以上，近 12 个月至少检查 1 次且无不符合", page);
        Assert.Contains("黑榜：近 12 个月监督检查结果不符合 2 次及以上，或列入严重违法失信名单", page);
        Assert.Contains("data-testid=\"version-state\">现行", page);

        // Refused, the field named, nothing stored: reaching back to the approved month, a window of 0, a black threshold of 0.
        var back = WebUtility.HtmlDecode(await (await office.PostFormAsync("/credit/redblack/rules", Form(previous.ToString("yyyy-MM"), nonConforming: "1"))).Content.ReadAsStringAsync());
        Assert.Contains($"生效月份：{previous:yyyy-MM} 的红黑榜已审定发布，新规则最早从 {thisMonth:yyyy-MM} 起生效", back);
        var bad = WebUtility.HtmlDecode(await (await office.PostFormAsync("/credit/redblack/rules", Form(thisMonth.ToString("yyyy-MM"), window: "0", nonConforming: "0", inspections: "-1"))).Content.ReadAsStringAsync());
        Assert.Contains("统计期（月）：应在 1 到 36 个月之间", bad);
        Assert.Contains("黑榜不符合次数：至少为 1", bad);
        Assert.Contains("红榜最少检查次数：应为 0 或更大的整数", bad);
        Assert.Equal(1, await factory.QueryAsync(db => db.RedBlackRules.CountAsync()));

        // Township staff may not issue rules.
        using var township = await factory.SignedInAsync("township");
        var byTownship = await township.GetAsync("/credit/redblack/rules");
        Assert.True(byTownship.StatusCode == HttpStatusCode.Forbidden || byTownship.Headers.Location?.OriginalString.Contains("/account/access-denied") == true);

        // Version 2: one non-conforming inspection is enough, from this month on.
        var issued = await office.PostFormAsync("/credit/redblack/rules", Form(thisMonth.ToString("yyyy-MM"), nonConforming: "1"));
        Assert.Equal(HttpStatusCode.Redirect, issued.StatusCode);
        var v2 = await factory.QueryAsync(db => db.RedBlackRules.AsNoTracking().SingleAsync(r => r.Version == 2));
        Assert.Equal(thisMonth, v2.EffectiveFrom);
        Assert.Contains("黑榜：近 12 个月监督检查结果不符合 1 次及以上", await office.GetStringAsync("/credit/redblack/rules"));

        var next = await office.PostFormAsync("/credit/redblack", new() { ["Month"] = thisMonth.ToString("yyyy-MM") }, "/credit/redblack?handler=Generate");
        Assert.Equal(HttpStatusCode.Redirect, next.StatusCode);
        var lists = await factory.QueryAsync(db => db.RedBlackLists.AsNoTracking().ToListAsync());
        var draft = lists.Single(x => x.Month == thisMonth);
        Assert.Equal((RedBlackListStatus.Draft, 2), (draft.Status, draft.RulesVersion));
        var entries = await factory.QueryAsync(db => db.RedBlackEntries.AsNoTracking().ToListAsync());
        var black = entries.Single(e => e.ListId == draft.Id && e.BusinessId == farmStay);
        Assert.Equal((RedBlackSide.Black, "近 12 个月监督检查结果不符合 1 次"), (black.Side, black.Reason));
        Assert.Contains("规则第 2 版", await office.GetStringAsync(next.Headers.Location!.OriginalString));

        // The approved month keeps its version and its entries; regenerating it is still refused.
        var approved = lists.Single(x => x.Month == previous);
        Assert.Equal((RedBlackListStatus.Published, 1), (approved.Status, approved.RulesVersion));
        Assert.DoesNotContain(entries, e => e.ListId == approved.Id && e.BusinessId == farmStay);
        var again = await office.PostFormAsync("/credit/redblack", new() { ["Month"] = previous.ToString("yyyy-MM") }, "/credit/redblack?handler=Generate");
        Assert.Contains("该月红黑榜已审定发布，不能修改", await again.Content.ReadAsStringAsync());
        Assert.True(await factory.QueryAsync(db => db.AuditEntries.AnyAsync(a => a.Entity == nameof(RedBlackRuleRecord))));
    }
}
