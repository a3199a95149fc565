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

namespace Shian.Web.Tests.Sampling;

/// <summary>
/// A plan's progress and the batches per 1,000 residents come from the forms handed in: drafts, other kinds and other
/// years do not count; a sub-category counts towards its allocated parent; the list page shows the total.
/// </summary>
public sealed class SamplingProgressWebTests(ShianWebFactory factory) : IClassFixture<ShianWebFactory>
{
    private static readonly string Businesses = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "imports", "businesses-sample.csv"));

    [Fact]
    public async Task Progress_and_batches_per_thousand_count_the_forms_handed_in()
    {
        SamplingPlan plan;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ShianDb>();
            Assert.Empty((await BusinessImport.ImportAsync(db, Encoding.UTF8.GetBytes(Businesses), "s.csv", false, TimeProvider.System)).Errors);
            var business = await db.Businesses.OrderBy(b => b.Name).FirstAsync();
            var lab = await db.Units.Where(u => u.Kind == UnitKind.Laboratory).Select(u => u.Id).FirstAsync();
            var produce = await db.FoodCategories.SingleAsync(c => c.Name == "食用农产品");
            var vegetables = await db.FoodCategories.FirstAsync(c => c.ParentId == produce.Id);
            var grain = await db.FoodCategories.SingleAsync(c => c.Name == "粮食加工品");
            plan = new SamplingPlan { Year = 2031, Kind = SamplingKind.Supervision, Name = "2031年监督抽检", Population = 10000, CreatedAt = DateTime.UtcNow, CreatedBy = "test" };
            db.SamplingPlans.Add(plan);
            plan.Allocations.Add(SamplingAllocation.For(plan.Id, AllocationDimension.Category, produce.Id.ToString(), 20));
            plan.Allocations.Add(SamplingAllocation.For(plan.Id, AllocationDimension.Township, business.TownshipId.ToString(), 10));
            plan.Allocations.Add(SamplingAllocation.For(plan.Id, AllocationDimension.Environment, nameof(SamplingEnvironment.Distribution), 40));
            var n = 0;
            Sample Form(string category, SampleStatus status, SamplingKind kind = SamplingKind.Supervision, int year = 2031) => new SampleBuilder(new Sample
            {
                BusinessId = business.Id, TownshipId = business.TownshipId, BusinessName = business.Name, SampleName = "样品", FoodCategoryCode = category,
                SampledOn = new DateOnly(year, 3, 2), Kind = kind, Environment = SamplingEnvironment.Distribution, LaboratoryId = lab, SamplingUnitId = lab,
                Number = status == SampleStatus.Draft ? null : $"JZ-{year}-{++n:D6}", CreatedAt = DateTime.UtcNow, CreatedBy = "test",
            }).To(status).Sample;
            SampleBuilder.AddTo(db,
                Form(vegetables.Code, SampleStatus.Submitted),            // a sub-category: counts towards 食用农产品
                Form(produce.Name, SampleStatus.Reported),                // the category written by name
                Form(grain.Code, SampleStatus.Received),                  // not allocated: counts in the total only
                Form(produce.Code, SampleStatus.Draft),                   // a draft is not a batch
                Form(produce.Code, SampleStatus.Submitted, SamplingKind.RiskMonitoring), // another kind's plan
                Form(produce.Code, SampleStatus.Submitted, year: 2030));  // another year
            db.JurisdictionPopulations.Add(new JurisdictionPopulation { JurisdictionId = await db.Jurisdictions.Select(j => j.Id).SingleAsync(), Year = 2031, Population = 2000 });
            await db.SaveChangesAsync();

            var progress = await SamplingPlanProgress.LoadAsync(db, plan);
            Assert.Equal(3, progress.Total);
            Assert.Equal(2, progress.ByCategory[produce.Id]);
            Assert.False(progress.ByCategory.ContainsKey(grain.Id));
            Assert.Equal(3, progress.ByTownship[business.TownshipId]);
            Assert.Equal(3, progress.ByEnvironment[SamplingEnvironment.Distribution]);

            // Every kind's forms of the year so far: four (the draft and last year's aside) per 2,000 residents → 2 per 1,000.
            var district = new AccessScope(AccessLevel.Jurisdiction, null, null, new HashSet<Guid>());
            Assert.Equal(2.00m, await Metrics.ComputeAsync(db, district, SamplingQuota.MetricName, new DateOnly(2031, 6, 30)));
            Assert.Equal(0m, await Metrics.ComputeAsync(db, district, SamplingQuota.MetricName, new DateOnly(2031, 3, 1))); // before any was taken
            Assert.Null(await Metrics.ComputeAsync(db, new AccessScope(AccessLevel.Township, null, business.TownshipId, new HashSet<Guid>()), SamplingQuota.MetricName, new DateOnly(2031, 6, 30)));
        }

        using var office = await factory.SignedInAsync("office");
        var list = await office.GetStringAsync("/sampling?year=2031");
        Assert.Contains("2031年监督抽检", list);
        Assert.Matches(@">\s*3\s*<", list[list.IndexOf("2031年监督抽检", StringComparison.Ordinal)..]);
    }
}
