using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shian.Accounts;
using Shian.Data;
using Shian.Organization;
using Shian.Plans;
using Shian.Registry;
using Shian.Sampling;
using Shian.Tests.Sampling;
using Shian.Web.Tests.Plans;

namespace Shian.Web.Tests.Sampling;

/// <summary>
/// The pass rates on a small seeded year: only reported samples of the year count; 食用农产品 (by code, by name, or a code
/// under it) apart from 食品; a township sees its own. The seed plan's two sentences bind to the two specific metrics.
/// </summary>
public sealed class PassRateTests(ShianWebFactory factory) : IClassFixture<ShianWebFactory>
{
    private static readonly string Businesses = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "imports", "businesses-sample.csv"));

    [Fact]
    public async Task Pass_rates_count_reported_samples_agricultural_products_and_food_apart()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShianDb>();
        Assert.Empty((await BusinessImport.ImportAsync(db, Encoding.UTF8.GetBytes(Businesses), "s.csv", false, TimeProvider.System)).Errors);
        var businesses = await db.Businesses.OrderBy(b => b.Name).ToListAsync();
        var (here, there) = (businesses[0], businesses.First(b => b.TownshipId != businesses[0].TownshipId));
        var lab = await db.Units.Where(u => u.Kind == UnitKind.Laboratory).Select(u => u.Id).FirstAsync();
        var produce = await db.FoodCategories.SingleAsync(c => c.Name == "食用农产品");
        var vegetables = await db.FoodCategories.SingleAsync(c => c.ParentId == produce.Id && c.Name == "蔬菜");
        var grain = await db.FoodCategories.SingleAsync(c => c.Name == "粮食加工品");
        var n = 0;
        Sample Form(string category, SampleConclusion? conclusion, Business business, SampleStatus status = SampleStatus.Reported, int year = 2032) => new SampleBuilder(new Sample
        {
            BusinessId = business.Id, TownshipId = business.TownshipId, BusinessName = business.Name, SampleName = "样品", FoodCategoryCode = category,
            SampledOn = new DateOnly(year, 3, 2), Kind = SamplingKind.Supervision, Environment = SamplingEnvironment.Distribution, LaboratoryId = lab,
            SamplingUnitId = lab, Number = $"JZ-{year}-{++n:D6}", CreatedAt = DateTime.UtcNow, CreatedBy = "test",
        }).To(status, conclusion).Sample;
        const SampleConclusion ok = SampleConclusion.Passed, bad = SampleConclusion.Failed;
        SampleBuilder.AddTo(db,
            // 食用农产品: 3 of 4 passed (75%) — by code, by name, under 蔬菜, and an unknown 细类 code under 蔬菜.
            Form(produce.Code, ok, here), Form(produce.Name, ok, here), Form(vegetables.Code, bad, there), Form(vegetables.Code + "99", ok, there),
            // 食品: 4 of 5 passed (80%).
            Form(grain.Code, ok, here), Form(grain.Code, ok, here), Form(grain.Name, ok, there), Form("粮食加工品", bad, here), Form("不存在的类别", ok, there),
            // Not counted: tested but not reported, another year, no verdict.
            Form(produce.Code, bad, here, SampleStatus.Tested), Form(produce.Code, bad, here, year: 2031), Form(grain.Code, null, here, SampleStatus.Received));
        await db.SaveChangesAsync();

        var district = new AccessScope(AccessLevel.Jurisdiction, null, null, new HashSet<Guid>());
        var day = new DateOnly(2032, 12, 31);
        Assert.Equal(75.0m, await Metrics.ComputeAsync(db, district, SampleMetrics.PassRateAgricultural, day));
        Assert.Equal(80.0m, await Metrics.ComputeAsync(db, district, SampleMetrics.PassRateFood, day));
        Assert.Equal(77.8m, await Metrics.ComputeAsync(db, district, SampleMetrics.PassRate, day)); // 7 of 9
        Assert.Null(await Metrics.ComputeAsync(db, district, SampleMetrics.PassRate, new DateOnly(2032, 3, 1))); // before any sample
        var township = new AccessScope(AccessLevel.Township, null, here.TownshipId, new HashSet<Guid>());
        var mine = await db.Samples.CountAsync(s => s.TownshipId == here.TownshipId && s.SampledOn.Year == 2032 && s.Status == SampleStatus.Reported);
        var minePassed = await db.Samples.CountAsync(s => s.TownshipId == here.TownshipId && s.SampledOn.Year == 2032 && s.Status == SampleStatus.Reported && s.Conclusion == ok);
        Assert.Equal(Math.Round(100m * minePassed / mine, 1), await Metrics.ComputeAsync(db, township, SampleMetrics.PassRate, day));
        Assert.Null(await Metrics.ComputeAsync(db, AccessScope.Nothing, SampleMetrics.PassRate, day));

        // The statistics behind the results page: by category and agricultural/food.
        var stats = await SampleResultStatistics.ComputeAsync(db, district, 2032, day);
        Assert.Equal((9, 2), (stats.Total.Batches, stats.Total.Failed));
        Assert.Equal((4, 1), (stats.Agricultural.Batches, stats.Agricultural.Failed));
        Assert.Equal(4, stats.ByCategory.Single(r => r.Key == "粮食加工品").Batches);
        Assert.Equal(1, stats.ByCategory.Single(r => r.Key == "（未匹配分类）").Batches);
    }

    [Fact]
    public async Task The_seed_plans_pass_rate_sentences_bind_to_their_own_metrics()
    {
        var planId = await SeedPlan.EnsureAsync(factory);
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShianDb>();
        var tasks = await db.PlanTasks.Where(t => t.PlanId == planId).Select(t => t.Id).ToListAsync();
        var indicators = await db.PlanIndicators.Where(i => tasks.Contains(i.TaskId) && i.Subject.Contains("合格率"))
            .ToDictionaryAsync(i => i.Subject, i => i.Metric);
        Assert.Equal(SampleMetrics.PassRateAgricultural, indicators["主要农产品质量安全监测总体合格率"]);
        Assert.Equal(SampleMetrics.PassRateFood, indicators["食品安全抽检合格率"]);
        Assert.Equal(SampleMetrics.PassRate, Metrics.Match("抽检合格率", "%")?.Name); // the generic one still binds what is left
    }
}
