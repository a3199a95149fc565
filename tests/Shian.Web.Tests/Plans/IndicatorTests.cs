using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shian.Data;
using Shian.Plans;

namespace Shian.Web.Tests.Plans;

/// <summary>Owning units report values of reported targets; the page shows actual, trend and status.</summary>
public sealed class IndicatorTests(ShianWebFactory factory) : IClassFixture<ShianWebFactory>
{
    private async Task<(Guid Plan, Guid Indicator)> IndicatorAsync(int task, int order = 0)
    {
        var plan = await SeedPlan.EnsureAsync(factory);
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShianDb>();
        var id = await db.PlanIndicators.Where(i => i.Order == order && db.PlanTasks.Any(t => t.Id == i.TaskId && t.PlanId == plan && t.Number == task)).Select(i => i.Id).SingleAsync();
        return (plan, id);
    }

    [Fact]
    public async Task The_owning_unit_reports_values_and_the_status_follows()
    {
        var (plan, marketIndicator) = await IndicatorAsync(12, 2); // 完成7家 … 追溯体系建设, owned by 区市场监管局
        using var department = await factory.SignedInAsync("department");
        var page = await department.GetStringAsync($"/plans/{plan}/indicators");
        Assert.Contains("暂无数据", page);

        var bad = await department.PostFormAsync($"/plans/{plan}/indicators", new() { ["IndicatorId"] = marketIndicator.ToString(), ["Value"] = "七", ["AsOf"] = "2031-01-01", ["Evidence"] = "" });
        var badHtml = await bad.Content.ReadAsStringAsync();
        Assert.Contains("“七”不是有效的数值", badHtml);
        Assert.Contains("统计截止日期应在 2020 年内或次年", badHtml);
        Assert.Contains("请填写依据和佐证", badHtml);

        var low = await department.PostFormAsync($"/plans/{plan}/indicators", new() { ["IndicatorId"] = marketIndicator.ToString(), ["Value"] = "5", ["AsOf"] = "2020-09-30", ["Evidence"] = "已完成 5 家企业追溯系统验收" });
        Assert.Equal(HttpStatusCode.Redirect, low.StatusCode);
        Assert.Contains("未达标", await department.GetStringAsync($"/plans/{plan}/indicators")); // 2020 is over
        await department.PostFormAsync($"/plans/{plan}/indicators", new() { ["IndicatorId"] = marketIndicator.ToString(), ["Value"] = "7", ["AsOf"] = "2020-12-20", ["Evidence"] = "7 家企业全部验收" });
        var after = await department.GetStringAsync($"/plans/{plan}/indicators");
        Assert.Contains("5 → 7", after);
        Assert.Contains("达标 1 项", after);

        // Another unit's target is not the department's to report.
        var (_, farming) = await IndicatorAsync(4);
        var refused = await department.PostFormAsync($"/plans/{plan}/indicators", new() { ["IndicatorId"] = farming.ToString(), ["Value"] = "41", ["AsOf"] = "2020-12-01", ["Evidence"] = "x" });
        Assert.Contains("/account/access-denied", refused.Headers.Location?.OriginalString);

        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShianDb>();
        Assert.Equal(2, await db.IndicatorValues.CountAsync(v => v.IndicatorId == marketIndicator));
        Assert.False(await db.IndicatorValues.AnyAsync(v => v.IndicatorId == farming));

        // A corrected document may not silently change a target that has reported values.
        var corrected = SeedPlan.Text.Replace("完成7家食品生产企业", "完成8家食品生产企业", StringComparison.Ordinal);
        var result = await PlanImport.ImportAsync(db, PlanParser.Parse(corrected).Plan!, corrected, 2020, new Dictionary<string, Guid>(), new HashSet<string>(), TimeProvider.System);
        Assert.Equal(PlanImport.Outcome.Refused, result.Outcome);
        Assert.Equal("Plan.RevisionDropsMeasuredTargets", result.Errors[0].Code);
        // One stating every reported target the same way is accepted, and the values stay.
        var reworded = SeedPlan.Text.Replace("开展放心食品超市自我承诺活动。", "开展放心食品超市自我承诺活动和宣传。", StringComparison.Ordinal);
        var kept = await PlanImport.ImportAsync(db, PlanParser.Parse(reworded).Plan!, reworded, 2020, new Dictionary<string, Guid>(), new HashSet<string>(), TimeProvider.System);
        Assert.Equal(PlanImport.Outcome.Revised, kept.Outcome);
        Assert.Equal(2, await db.IndicatorValues.CountAsync(v => v.IndicatorId == marketIndicator));
    }
}
