using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shian.Common;
using Shian.Data;
using Shian.Inspections;
using Shian.Plans;
using Shian.Registry;
using Shian.Risk;

namespace Shian.Web.Tests.Plans;

/// <summary>A computed target shows the value Shian measures from its own records, for the district and for a township.</summary>
public sealed class ComputedIndicatorTests(ShianWebFactory factory) : IClassFixture<ShianWebFactory>
{
    [Fact]
    public async Task The_indicators_page_and_dashboard_show_inspection_coverage_measured_from_the_schedule()
    {
        var today = ShianTime.LocalDate(DateTime.UtcNow);
        Guid thisYear, lastYear;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ShianDb>();
            var wenchang = await db.Townships.Where(t => t.Name == "文昌街道").Select(t => t.Id).SingleAsync();
            var xiaying = await db.Townships.Where(t => t.Name == "下营镇").Select(t => t.Id).SingleAsync();
            Business Make(string name, Guid township) => new()
            {
                Name = name, CreditCode = ("CI" + Guid.NewGuid().ToString("N")).ToUpperInvariant()[..18], Address = "1号", TownshipId = township,
                Category = BusinessCategory.Caterer, Subtype = "restaurant", Scale = BusinessScale.Small, CreatedAt = DateTime.UtcNow,
            };
            var a = Make("计算指标甲", wenchang);
            var b = Make("计算指标乙", xiaying);
            db.Businesses.AddRange(a, b);
            PlannedInspection Visit(Business business, int year, int month, int visit, bool done) => new()
            {
                Id = Guid.CreateVersion7(), Year = year, BusinessId = business.Id, TownshipId = business.TownshipId, Month = month, Visit = visit,
                Grade = RiskLevel.C, DoneOn = done ? new DateOnly(year, month, 5) : null,
            };
            // This year, due by January: 文昌街道 one done of two, 下营镇 its one done → district 2 of 3, 文昌街道 1 of 2.
            db.PlannedInspections.AddRange(Visit(a, today.Year, 1, 1, true), Visit(a, today.Year, 1, 2, false), Visit(b, today.Year, 1, 1, true));
            // Last year every visit was done by its year end.
            db.PlannedInspections.AddRange(Visit(a, today.Year - 1, 12, 1, true));
            thisYear = AddPlan(db, today.Year);
            lastYear = AddPlan(db, today.Year - 1);
            await db.SaveChangesAsync();
        }

        using var office = await factory.SignedInAsync("office");
        var page = await office.GetStringAsync($"/plans/{thisYear}/indicators");
        Assert.Contains("66.7", Row(page, "inspection.coverage"));
        Assert.Contains($"系统计算，截至 {today:yyyy-MM-dd}", Row(page, "inspection.coverage"));
        Assert.Contains("有风险", Row(page, "inspection.coverage")); // target 100%, the year is not over
        // A past year is measured as of its last day.
        var past = await office.GetStringAsync($"/plans/{lastYear}/indicators");
        Assert.Contains("100", Row(past, "inspection.coverage"));
        Assert.Contains($"截至 {today.Year - 1}-12-31", Row(past, "inspection.coverage"));
        Assert.Contains("tag ok", Row(past, "inspection.coverage")); // 达标
        // The dashboard judges it the same way.
        Assert.Contains("66.7", await office.GetStringAsync($"/plans/{thisYear}/dashboard"));

        // The township officer of 文昌街道 also sees their own township measured.
        using var township = await factory.SignedInAsync("township");
        var own = await township.GetStringAsync($"/plans/{thisYear}/indicators");
        Assert.Contains("66.7", Row(own, "inspection.coverage"));
        Assert.Contains(">50<", Row(own, "inspection.coverage"));
    }

    private static Guid AddPlan(ShianDb db, int year)
    {
        var plan = new Plan { Id = Guid.CreateVersion7(), Year = year, Title = $"{year}年计算指标测试计划", ImportedAt = DateTime.UtcNow, SourceText = "x", SourceHash = Guid.NewGuid().ToString("N") };
        var task = new PlanTask { PlanId = plan.Id, Number = 7, Label = "七", Section = "一", Title = "风险分级检查", Text = "按风险等级开展日常检查" };
        task.Indicators.Add(new PlanIndicator
        {
            Order = 0, Text = "检查覆盖率达到100%", Subject = "检查覆盖率", Comparator = ">=", Value = 100, Unit = "%",
            Kind = IndicatorKind.Computed, Metric = InspectionCoverage.MetricName,
        });
        plan.Tasks.Add(task);
        db.Plans.Add(plan);
        return plan.Id;
    }

    private static string Row(string html, string metric)
    {
        var start = html.IndexOf($"data-metric=\"{metric}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no row for {metric}");
        return html[start..html.IndexOf("</tr>", start, StringComparison.Ordinal)];
    }
}
