using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shian.Cli;
using Shian.Common;
using Shian.Credit;
using Shian.Data;
using Shian.Registry;
using Shian.Risk;

namespace Shian.Web.Tests.Risk;

/// <summary>
/// Risk grading through the web and the CLI on the four sample businesses: first grading, a dynamic factor entered by
/// the office, the serious-violation rule, and who may regrade.
/// </summary>
public sealed class RiskTests(ShianWebFactory factory) : IClassFixture<ShianWebFactory>
{
    private static readonly string Sample = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "imports", "businesses-sample.csv"));

    private Task<Guid> IdOfAsync(string name) => factory.QueryAsync(db => db.Businesses.Where(b => b.Name.Contains(name)).Select(b => b.Id).SingleAsync());

    private Task<List<RiskGrade>> HistoryAsync(Guid business) =>
        factory.QueryAsync(db => db.RiskGrades.AsNoTracking().Where(g => g.BusinessId == business).OrderBy(g => g.GradedAt).ThenBy(g => g.Id).ToListAsync());

    [Fact]
    public async Task Regrading_grades_the_registry_and_keeps_a_row_only_for_a_change_with_its_reason()
    {
        await EnsureSampleAsync();
        using var office = await factory.SignedInAsync("office");
        var page = await office.GetStringAsync("/risk");
        Assert.Contains("data-testid=\"regrade\"", page);
        Assert.Contains(RiskSheets.SellersName, page);
        Assert.Contains("A 级 1 次，B 级 2 次，C 级 3 次，D 级 4 次", page); // catering, Tianjin 2017

        // Restaurant 11, supermarket 28, farm-stay 9: all A; the cooperative has no sheet.
        var first = await (await office.PostFormAsync("/risk", [], "/risk?handler=Regrade")).Content.ReadAsStringAsync();
        Assert.Contains("已评定 3 个主体，其中 3 个等级或分数有变化；1 个主体无适用评分表", first);
        var supermarket = await IdOfAsync("鑫源超市");
        var graded = Assert.Single(await HistoryAsync(supermarket));
        Assert.Equal((RiskLevel.A, 28m, RiskRegrade.FirstGrading, RiskSheets.SellersName, 1), (graded.Grade, graded.Score, graded.Reason, graded.SheetName, graded.SheetVersion));
        Assert.Equal("office", graded.GradedBy);

        // The trail holds one entry for the run, not one per grade row, and the run's digest matches the stored rows.
        var run = await factory.QueryAsync(db => db.RiskRegradeRuns.AsNoTracking().OrderByDescending(r => r.At).FirstAsync());
        Assert.Equal((3, 3, 1, "office"), (run.Graded, run.Changed, run.WithoutSheet, run.By));
        Assert.Equal(RiskRegrade.Digest(await factory.QueryAsync(db => db.RiskGrades.AsNoTracking().Where(g => g.GradedAt == run.At).ToListAsync())), run.Digest);
        Assert.True(await factory.QueryAsync(db => db.AuditEntries.AnyAsync(a => a.Entity == nameof(RiskRegradeRun) && a.EntityId == run.Id.ToString())));
        Assert.False(await factory.QueryAsync(db => db.AuditEntries.AnyAsync(a => a.Entity == nameof(RiskGrade))));
        var tampered = await factory.QueryAsync(db => db.RiskGrades.AsNoTracking().Where(g => g.GradedAt == run.At).ToListAsync());
        tampered[0].Score += 1;
        Assert.NotEqual(run.Digest, RiskRegrade.Digest(tampered));

        // The table links each count to the business list filtered to it.
        var link = WebUtility.HtmlDecode(Regex.Match(first, "href=\"(/businesses\\?[^\"]*category=Seller[^\"]*grade=A)\"").Groups[1].Value);
        var listed = await office.GetStringAsync(link);
        Assert.Contains("共 1 条", listed);
        Assert.Contains("鑫源超市", listed);
        Assert.Contains("共 3 条", await office.GetStringAsync("/businesses?grade=A"));
        Assert.Contains("共 0 条", await office.GetStringAsync("/businesses?grade=D"));

        // Nothing changed, nothing added.
        Assert.Contains("其中 0 个等级或分数有变化", await (await office.PostFormAsync("/risk", [], "/risk?handler=Regrade")).Content.ReadAsStringAsync());
        Assert.Single(await HistoryAsync(supermarket));

        // A factor above the item's maximum is refused; a proper one regrades the business at once: 28 + 5 = 33 is B.
        var factorPage = $"/risk/factors/{supermarket}";
        var today = ShianTime.LocalDate(DateTime.UtcNow).ToString("yyyy-MM-dd");
        var tooMuch = await office.PostFormAsync(factorPage, new() { ["Input.ItemCode"] = "inspection", ["Input.Points"] = "25", ["Input.Date"] = today, ["Input.Reason"] = "x" });
        Assert.Contains("分值应大于 0 且不超过 20", await tooMuch.Content.ReadAsStringAsync());
        var saved = await office.PostFormAsync(factorPage, new() { ["Input.ItemCode"] = "inspection", ["Input.Points"] = "5", ["Input.Date"] = today, ["Input.Reason"] = "冷库温度记录缺失" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var business = await office.GetStringAsync(saved.Headers.Location!.OriginalString);
        Assert.Contains("data-testid=\"risk-grade\">B 级", business);
        Assert.Contains("动态因素：监督检查结果 0→5", business);
        Assert.Contains("冷库温度记录缺失", business);
        var history = await HistoryAsync(supermarket);
        Assert.Equal([RiskLevel.A, RiskLevel.B], history.Select(h => h.Grade));
        Assert.NotNull(history[0].SupersededAt);
        Assert.Null(history[1].SupersededAt);
        Assert.Equal(1, await factory.QueryAsync(db => db.RiskGrades.CountAsync(g => g.BusinessId == supermarket && g.SupersededAt == null)));
    }

    [Fact]
    public async Task Only_the_office_regrades_or_enters_factors()
    {
        await EnsureSampleAsync();
        var supermarket = await IdOfAsync("鑫源超市");
        using var township = await factory.SignedInAsync("township");
        var page = await township.GetStringAsync("/risk");
        Assert.DoesNotContain("data-testid=\"regrade\"", page);
        var refused = await township.PostFormAsync("/risk", [], "/risk?handler=Regrade");
        Assert.Contains("/account/access-denied", refused.Headers.Location?.OriginalString);
        Assert.Contains("/account/access-denied", (await township.GetAsync($"/risk/factors/{supermarket}")).Headers.Location?.OriginalString);
        Assert.DoesNotContain("data-testid=\"add-factor\"", await township.GetStringAsync($"/businesses/{supermarket}"));

        using var department = await factory.SignedInAsync("department");
        Assert.Contains("/account/access-denied", (await department.PostFormAsync("/risk", [], "/risk?handler=Regrade")).Headers.Location?.OriginalString);
        using var operatorClient = await factory.SignedInAsync("operator");
        Assert.Contains("/account/access-denied", (await operatorClient.GetAsync("/risk")).Headers.Location?.OriginalString);
    }

    private async Task EnsureSampleAsync()
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

/// <summary>The serious-violation rule through <c>shian risk regrade</c>, on a database of its own (it counts changes).</summary>
public sealed class RiskSeriousViolationTests(ShianWebFactory factory) : IClassFixture<ShianWebFactory>
{
    private static readonly string Sample = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "imports", "businesses-sample.csv"));

    private Task<Guid> IdOfAsync(string name) => factory.QueryAsync(db => db.Businesses.Where(b => b.Name.Contains(name)).Select(b => b.Id).SingleAsync());

    private Task<List<RiskGrade>> HistoryAsync(Guid business) =>
        factory.QueryAsync(db => db.RiskGrades.AsNoTracking().Where(g => g.BusinessId == business).OrderBy(g => g.GradedAt).ThenBy(g => g.Id).ToListAsync());

    [Fact]
    public async Task A_listed_serious_violator_goes_to_D_while_listed_when_the_cli_regrades()
    {
        await EnsureSampleAsync();
        var restaurant = await IdOfAsync("老王家常菜馆");
        var today = ShianTime.LocalDate(DateTime.UtcNow);
        var first = Regrade();
        Assert.Equal(ShianCli.Ok, first.Code);
        Assert.Contains("A 级：3", first.Out);
        Assert.Contains("无适用评分表、未评定：1", first.Out);
        Assert.Contains("已评定 3 个主体，3 个等级或分数有变化", first.Out);

        var listing = new SeriousViolation { BusinessId = restaurant, Basis = "津市监罚〔2020〕12 号", From = today.AddDays(-1), RecordedAt = DateTime.UtcNow, RecordedBy = "test" };
        await factory.QueryAsync(db => { db.SeriousViolations.Add(listing); return db.SaveChangesAsync(); });
        var listed = Regrade();
        Assert.Contains("D 级：1", listed.Out);
        Assert.Contains("1 个等级或分数有变化", listed.Out);
        var current = (await HistoryAsync(restaurant)).Single(g => g.SupersededAt is null);
        Assert.Equal((RiskLevel.D, 11m, true, RiskRegrade.SeriousListing), (current.Grade, current.Score, current.SeriousViolator, current.Reason)); // the score stays; the listing alone makes it D
        Assert.StartsWith("cli:", current.GradedBy);
        using var office = await factory.SignedInAsync("office");
        Assert.Contains("data-testid=\"risk-grade\">D 级", await office.GetStringAsync($"/businesses/{restaurant}"));

        // The listing ended yesterday: back to A.
        await factory.QueryAsync(db => db.SeriousViolations.Where(v => v.Id == listing.Id).ExecuteUpdateAsync(u => u.SetProperty(v => v.To, today.AddDays(-1))));
        Assert.Contains("A 级：3", Regrade().Out);
        Assert.Equal([RiskRegrade.FirstGrading, RiskRegrade.SeriousListing, RiskRegrade.SeriousListingEnded], (await HistoryAsync(restaurant)).Select(g => g.Reason));
    }

    private (int Code, string Out) Regrade()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = ShianCli.Run(["risk", "regrade", "--db", factory.Database.CliArgument], stdout, stderr);
        Assert.Equal("", stderr.ToString());
        return (code, stdout.ToString());
    }

    private async Task EnsureSampleAsync()
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
