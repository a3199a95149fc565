using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shian.Common;
using Shian.Data;
using Shian.Registry;
using Shian.Risk;

namespace Shian.Web.Tests.Risk;

/// <summary>
/// Scoring sheet versions: the office issues a new version from the form or from JSON, bad versions are refused with
/// nothing stored, and the next regrade uses the new version and says so. Its own factory: it changes the sheets.
/// </summary>
public sealed class RiskSheetTests(ShianWebFactory factory) : IClassFixture<ShianWebFactory>
{
    private static readonly string Sample = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "imports", "businesses-sample.csv"));

    private Task<int> VersionsAsync() => factory.QueryAsync(db => db.RiskSheets.CountAsync(s => s.Name == RiskSheets.CateringName));

    [Fact]
    public async Task The_office_issues_a_new_version_and_the_regrade_uses_it()
    {
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            Assert.Empty((await BusinessImport.ImportAsync(scope.ServiceProvider.GetRequiredService<ShianDb>(), Encoding.UTF8.GetBytes(Sample), "s.csv", false, TimeProvider.System)).Errors);
        }
        using var office = await factory.SignedInAsync("office");
        await office.PostFormAsync("/risk", [], "/risk?handler=Regrade");
        var restaurant = await factory.QueryAsync(db => db.Businesses.Where(b => b.Name.Contains("老王家常菜馆")).Select(b => b.Id).SingleAsync());

        // From the sheet list to the catering sheet's page: version 1 in force with the national thresholds.
        var risk = await office.GetStringAsync("/risk");
        var link = Regex.Match(risk, "href=\"(/risk/sheets/[0-9a-f-]+)\">" + RiskSheets.CateringName).Groups[1].Value;
        Assert.NotEmpty(link);
        var page = await office.GetStringAsync(link);
        Assert.Contains("A 级 ≤ 30", page.Replace("&lt;", "<").Replace("&#x2264;", "≤"));
        Assert.Contains("data-testid=\"in-force\"", page);
        var today = ShianTime.LocalDate(DateTime.UtcNow).ToString("yyyy-MM-dd");
        Dictionary<string, string> Form(string a, string b, string c, string from) => new()
        {
            ["Input.ThresholdA"] = a, ["Input.ThresholdB"] = b, ["Input.ThresholdC"] = c,
            ["Input.InspectionsA"] = "1", ["Input.InspectionsB"] = "2", ["Input.InspectionsC"] = "3", ["Input.InspectionsD"] = "4",
            ["Input.WindowMonths"] = "12", ["Input.EffectiveFrom"] = from,
        };

        // Thresholds that do not rise, a date in the past, broken JSON: refused, no version added.
        var falling = await (await office.PostFormAsync(link, Form("40", "35", "60", today), link + "?handler=Version")).Content.ReadAsStringAsync();
        Assert.Contains("分级阈值应逐级递增", falling);
        var past = ShianTime.LocalDate(DateTime.UtcNow).AddDays(-1).ToString("yyyy-MM-dd");
        Assert.Contains("生效日期不得早于", await (await office.PostFormAsync(link, Form("10", "40", "55", past), link + "?handler=Version")).Content.ReadAsStringAsync());
        var json = await (await office.PostFormAsync(link, new() { ["Input.Json"] = "{\n  \"categories\": [\"Caterer\",\n}", ["Input.EffectiveFrom"] = today }, link + "?handler=Json"))
            .Content.ReadAsStringAsync();
        Assert.Contains("JSON 格式错误：第 3 行", json);
        Assert.Equal(1, await VersionsAsync());

        // Others may read the sheet but not issue one.
        using var township = await factory.SignedInAsync("township");
        Assert.Contains(RiskSheets.CateringName, await township.GetStringAsync(link));
        var refused = await township.PostFormAsync(link, Form("10", "40", "55", today), link + "?handler=Version");
        Assert.Contains("access-denied", refused.Headers.Location?.OriginalString ?? refused.StatusCode.ToString());
        Assert.Equal(1, await VersionsAsync());

        // A = at most 10 points: the restaurant's 11 points are now B, and the history names the new version.
        var issued = await office.PostFormAsync(link, Form("10", "40", "55", today), link + "?handler=Version");
        Assert.Equal(HttpStatusCode.Redirect, issued.StatusCode);
        var second = await office.GetStringAsync(issued.Headers.Location!.OriginalString);
        Assert.Contains("已发布第 2 版", second);
        Assert.Equal(2, await VersionsAsync());
        await office.PostFormAsync("/risk", [], "/risk?handler=Regrade");
        var current = await factory.QueryAsync(db => db.RiskGrades.SingleAsync(g => g.BusinessId == restaurant && g.SupersededAt == null));
        Assert.Equal((RiskLevel.B, 11m, 2), (current.Grade, current.Score, current.SheetVersion));
        Assert.Contains($"评分表：{RiskSheets.CateringName} 第 2 版", current.Reason);

        // A JSON version effective tomorrow is stored but not yet in force.
        var download = await office.GetStringAsync(link + "?handler=Json");
        Assert.Contains("\"thresholds\"", download);
        var tomorrow = ShianTime.LocalDate(DateTime.UtcNow).AddDays(1).ToString("yyyy-MM-dd");
        var scheduled = await office.PostFormAsync(link, new() { ["Input.Json"] = download, ["Input.EffectiveFrom"] = tomorrow }, link + "?handler=Json");
        Assert.Equal(HttpStatusCode.Redirect, scheduled.StatusCode);
        Assert.Contains("data-testid=\"scheduled\"", await office.GetStringAsync(scheduled.Headers.Location!.OriginalString));
        var inForce = await factory.QueryAsync(async db => (await RiskSheetSet.LoadAsync(db, ShianTime.LocalDate(DateTime.UtcNow))).For(BusinessCategory.Caterer)!.Version);
        Assert.Equal(2, inForce);
    }
}
