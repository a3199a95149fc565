using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shian.Accounts;
using Shian.Common;
using Shian.Data;
using Shian.Demo;
using Shian.Organization;
using Shian.Plans;
using Shian.Registry;
using Shian.Sampling;
using Shian.Tests.Sampling;

namespace Shian.Web.Tests.Sampling;

/// <summary>The demo's failure cases: one per failed reported sample, in every state, realistic dates, once.</summary>
public sealed class DemoSampleFailuresTests(ShianWebFactory factory) : IClassFixture<ShianWebFactory>
{
    [Fact]
    public async Task Failed_reported_samples_get_cases_in_every_state_and_a_second_run_adds_nothing()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShianDb>();
        var csv = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "imports", "businesses-sample.csv"));
        Assert.Empty((await BusinessImport.ImportAsync(db, Encoding.UTF8.GetBytes(csv), "s.csv", false, TimeProvider.System)).Errors);
        var business = await db.Businesses.FirstAsync();
        var lab = await db.Units.Where(u => u.Kind == UnitKind.Laboratory).Select(u => u.Id).FirstAsync();
        var unit = await db.Units.Where(u => u.Kind == UnitKind.Department).Select(u => u.Id).FirstAsync();
        db.Units.Add(new Unit { JurisdictionId = await db.Jurisdictions.Select(j => j.Id).SingleAsync(), Name = "演示复检机构", Kind = UnitKind.Laboratory });
        var today = new DateOnly(2026, 11, 20);
        // 24 failures reported over the year, one a week; a microbiological one, and a passed sample that gets no case.
        for (var i = 0; i < 25; i++)
        {
            var reported = today.AddDays(-7 * i);
            var micro = i == 3;
            SampleBuilder.AddTo(db, new SampleBuilder(new Sample
            {
                Number = $"JZ-2026-{i + 1:D6}", TaskSource = "演示", BusinessId = business.Id, TownshipId = business.TownshipId, BusinessName = business.Name,
                BusinessAddress = business.Address, FoodCategoryCode = "101", SampleName = "样品" + i, Specification = "1kg", BatchNumber = "B" + i, ShelfLife = "12个月",
                QuantityTaken = 4, BackupQuantity = 2, QuantityUnit = "袋", SampledOn = reported.AddDays(-20), SamplingUnitId = unit, LaboratoryId = lab,
                Sampler1 = "甲", Sampler2 = "乙", OperatorConfirmed = true, SignerName = "丙", CreatedAt = DateTime.UtcNow, CreatedBy = "demo",
            }).Reported(reported, [new() { Name = micro ? "菌落总数" : "铅（以Pb计）", Value = i == 24 ? "0.5" : "9", Unit = micro ? "CFU/g" : "mg/kg", Limit = "≤1",
                Judgement = i == 24 ? ItemJudgement.Pass : ItemJudgement.Fail }]).Sample);
        }
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();

        Assert.Equal(24, await DemoSampleFailures.RunAsync(db, today));
        db.ChangeTracker.Clear();
        Assert.Equal(0, await DemoSampleFailures.RunAsync(db, today));
        var cases = await db.SampleFailures.AsNoTracking().ToListAsync();
        Assert.Equal(24, cases.Count);
        Assert.Equal(24, await db.Notices.CountAsync());
        Assert.All(cases, c => Assert.Equal(c.NoticeServedOn.AddDays(90), c.DisposalDeadline));
        Assert.Contains(cases, c => c.Status == SampleFailureStatus.Completed && !c.CompletedLate);
        Assert.Contains(cases, c => c.IsOverdue(today) || c.CompletedLate);
        Assert.Contains(cases, c => c.Status == SampleFailureStatus.Disposing && !c.IsOverdue(today));
        Assert.True(cases.Count(c => c.Status == SampleFailureStatus.Completed && !c.CompletedLate) > cases.Count(c => c.IsOverdue(today) || c.CompletedLate));
        var reinspected = Assert.Single(cases, c => c.ReinspectionLaboratoryId is not null);
        Assert.NotEqual(lab, reinspected.ReinspectionLaboratoryId);
        Assert.Single(cases, c => c.Objection == ObjectionStatus.Upheld && c.Status == SampleFailureStatus.Withdrawn);
        Assert.All(cases.Where(c => c.Status == SampleFailureStatus.Completed), c => Assert.True(c.CompletedOn <= today && c.CompletedOn >= c.NoticeServedOn));
        var rate = await Metrics.ComputeAsync(db, new AccessScope(AccessLevel.Jurisdiction, null, null, new HashSet<Guid>()), SampleFailures.MetricName, today);
        Assert.InRange(rate!.Value, 1m, 99m);
    }
}
