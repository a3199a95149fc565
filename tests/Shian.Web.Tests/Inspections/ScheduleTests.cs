using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shian.Data;
using Shian.Registry;
using Shian.Risk;

namespace Shian.Web.Tests.Inspections;

/// <summary>The routine inspection schedule: planned from grades, spread by township, coverage and overdue visits.</summary>
public sealed class ScheduleTests(ShianWebFactory factory) : IClassFixture<ShianWebFactory>
{
    [Fact]
    public async Task The_office_plans_the_year_from_the_grades_and_each_township_sees_its_coverage()
    {
        int expected;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ShianDb>();
            var sample = await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "imports", "businesses-sample.csv"));
            Assert.Empty((await BusinessImport.ImportAsync(db, sample, "s.csv", false, TimeProvider.System)).Errors);
            await RiskRegrade.RunAsync(db, "test", DateTime.UtcNow);
            var sheets = await RiskSheetSet.LoadAsync(db, DateOnly.FromDateTime(DateTime.UtcNow));
            var graded = await db.RiskGrades.Where(g => g.SupersededAt == null).Join(db.Businesses, g => g.BusinessId, b => b.Id, (g, b) => new { g.Grade, b.Category }).ToListAsync();
            expected = graded.Sum(g => sheets.RequiredInspections(g.Grade, g.Category));
            Assert.True(expected >= 3, "the sample's graded businesses need inspections");
        }

        using var department = await factory.SignedInAsync("department");
        var refused = await department.PostFormAsync("/inspections/schedule", new() { ["Year"] = "2020" });
        Assert.Contains("/account/access-denied", refused.Headers.Location?.OriginalString);

        using var office = await factory.SignedInAsync("office");
        var generated = await (await office.PostFormAsync("/inspections/schedule?year=2020", new() { ["Year"] = "2020" })).Content.ReadAsStringAsync();
        Assert.Contains($"已为 2020 年安排 {expected} 次检查", generated);
        // Generating again replaces the plan rather than adding to it.
        await office.PostFormAsync("/inspections/schedule?year=2020", new() { ["Year"] = "2020" });
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            Assert.Equal(expected, await scope.ServiceProvider.GetRequiredService<ShianDb>().PlannedInspections.CountAsync(p => p.Year == 2020));
        }

        // 2020 is over: every planned visit is due and, with none recorded, overdue.
        var page = await office.GetStringAsync("/inspections/schedule?year=2020");
        var yuyang = Regex.Match(page, "<tr data-township=\"渔阳镇\">.*?</tr>", RegexOptions.Singleline).Value;
        Assert.Contains("<span class=\"tag bad\">", yuyang);
        Assert.Contains("蓟州区渔阳镇老王家常菜馆", page);

        // The township officer of 文昌街道 sees only that township's row.
        using var township = await factory.SignedInAsync("township");
        var own = await township.GetStringAsync("/inspections/schedule?year=2020");
        Assert.Contains("data-township=\"文昌街道\"", own);
        Assert.DoesNotContain("data-township=\"渔阳镇\"", own);
        Assert.DoesNotContain("data-testid=\"generate\"", own);
        // A year not planned says so.
        Assert.Contains("尚未生成检查计划", await office.GetStringAsync("/inspections/schedule?year=2031"));
    }
}
