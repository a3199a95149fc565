using System.Net;
using Microsoft.EntityFrameworkCore;
using Shian.Common;
using Shian.Credit;
using Shian.Sampling;
using Shian.Web.Tests.Sampling;

namespace Shian.Web.Tests.Credit;

/// <summary>Failed samples feed the red and black lists: a caterer with a failed batch in the window goes on the black draft.</summary>
public sealed class RedBlackSamplingWebTests(ShianWebFactory factory) : IClassFixture<ShianWebFactory>
{
    [Fact]
    public async Task A_caterer_with_a_failed_sample_goes_on_the_black_draft_but_risk_monitoring_does_not_count()
    {
        await factory.EnsureSampleAsync();
        var today = ShianTime.LocalDate(DateTime.UtcNow);
        var month = new DateOnly(today.Year, today.Month, 1);
        var restaurant = await factory.IdOfAsync("老王家常菜馆");
        var farmStay = await factory.IdOfAsync("山里人家农家院");
        await factory.AddSampleAsync("老王家常菜馆", "自制凉拌菜", SamplingKind.Supervision, SampleConclusion.Failed, "31", "JZ-2026-300001", today);
        await factory.AddSampleAsync("山里人家农家院", "监测用散装白酒", SamplingKind.RiskMonitoring, SampleConclusion.Failed, "15", "JZ-2026-300002", today);

        using var office = await factory.SignedInAsync("office");
        var generated = await office.PostFormAsync("/credit/redblack", new() { ["Month"] = month.ToString("yyyy-MM") }, "/credit/redblack?handler=Generate");
        Assert.Equal(HttpStatusCode.Redirect, generated.StatusCode);
        var entries = await factory.QueryAsync(db => db.RedBlackEntries.AsNoTracking().ToListAsync());
        var black = entries.Single(e => e.BusinessId == restaurant);
        Assert.Equal((RedBlackSide.Black, "近 12 个月抽检不合格 1 批次"), (black.Side, black.Reason));
        Assert.DoesNotContain(entries, e => e.BusinessId == farmStay && e.Side == RedBlackSide.Black);
        Assert.Contains("近 12 个月抽检不合格 1 批次", await office.GetStringAsync(generated.Headers.Location!.OriginalString));

        // The rules page shows the rule and refuses a negative threshold, naming the field.
        Assert.Contains("近 12 个月抽检不合格 1 批次及以上", await office.GetStringAsync("/credit/redblack/rules"));
        var bad = WebUtility.HtmlDecode(await (await office.PostFormAsync("/credit/redblack/rules", new()
        {
            ["Input.EffectiveMonth"] = month.AddMonths(1).ToString("yyyy-MM"), ["Input.WindowMonths"] = "12", ["Input.RedMaxGrade"] = "A",
            ["Input.RedMinInspections"] = "1", ["Input.BlackMinNonConforming"] = "2", ["Input.BlackIfSeriousViolator"] = "true",
            ["Input.BlackMinPenalties"] = "0", ["Input.BlackMinFailedSamples"] = "-1",
        })).Content.ReadAsStringAsync());
        Assert.Contains("黑榜抽检不合格批次：应为 0（不启用）或更大的整数", bad);
        Assert.Equal(1, await factory.QueryAsync(db => db.RedBlackRules.CountAsync()));
    }
}
