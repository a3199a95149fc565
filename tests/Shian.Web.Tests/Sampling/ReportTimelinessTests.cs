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
/// sampling.report_timeliness on worked 2020 examples: a report in time counts for, a late one and one overdue and still
/// missing count against, one not yet due and one received in another year do not count; a lab sees only its samples.
/// </summary>
public sealed class ReportTimelinessTests(ShianWebFactory factory) : IClassFixture<ShianWebFactory>
{
    private static readonly string Businesses = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "imports", "businesses-sample.csv"));

    [Fact]
    public async Task Reports_within_20_working_days_among_those_due()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShianDb>();
        Assert.Empty((await BusinessImport.ImportAsync(db, Encoding.UTF8.GetBytes(Businesses), "s.csv", false, TimeProvider.System)).Errors);
        var business = await db.Businesses.OrderBy(b => b.Name).FirstAsync();
        var lab = await db.Units.Where(u => u.Kind == UnitKind.Laboratory).Select(u => u.Id).FirstAsync();
        var otherLab = new Unit { JurisdictionId = await db.Jurisdictions.Select(j => j.Id).SingleAsync(), Name = "另一检测机构", Kind = UnitKind.Laboratory };
        db.Units.Add(otherLab);
        await db.SaveChangesAsync();
        var calendar = await db.LoadCalendarAsync();
        var today = new DateOnly(2020, 12, 1);

        Sample Received(DateOnly on, int? reportAfterWorkingDays, Guid? laboratory = null)
        {
            var received = new SampleBuilder(new Sample
            {
                BusinessId = business.Id, TownshipId = business.TownshipId, BusinessName = business.Name, SampleName = "大米", SampledOn = on,
                LaboratoryId = laboratory ?? lab, SamplingUnitId = laboratory ?? lab,
                Number = $"JZ-{on.Year}-{Random.Shared.Next(1, 999999):D6}", CreatedAt = DateTime.UtcNow, CreatedBy = "test",
            }, calendar).Received(on);
            return (reportAfterWorkingDays is { } d ? received.Reported(calendar.AddWorkingDays(on, d)) : received).Sample;
        }
        // Received 2020-09-28: 29–30 (2), the National Day holiday, 9 and Saturday 10 October (4), then three full weeks (19)
        // and Monday 2 November (20).
        Assert.Equal(new DateOnly(2020, 11, 2), calendar.AddWorkingDays(new DateOnly(2020, 9, 28), 20));
        SampleBuilder.AddTo(db,
            Received(new DateOnly(2020, 9, 28), 20),                 // on the last day: in time
            Received(new DateOnly(2020, 9, 28), 21),                 // a day late
            Received(new DateOnly(2020, 9, 28), null),               // due 2 November, still no report: against
            Received(new DateOnly(2020, 11, 20), null),              // due in December: not counted yet
            Received(new DateOnly(2019, 12, 2), 5),                  // received last year: not this year's figure
            Received(new DateOnly(2020, 9, 28), 3, otherLab.Id));    // another lab's, in time
        await db.SaveChangesAsync();

        var district = new AccessScope(AccessLevel.Jurisdiction, null, null, new HashSet<Guid>());
        Assert.Equal(50.0m, await Metrics.ComputeAsync(db, district, SampleMetrics.ReportTimeliness, today));
        Assert.Equal(33.3m, await Metrics.ComputeAsync(db, new AccessScope(AccessLevel.Unit, lab, null, new HashSet<Guid>()), SampleMetrics.ReportTimeliness, today));
        Assert.Equal(100.0m, await Metrics.ComputeAsync(db, new AccessScope(AccessLevel.Unit, otherLab.Id, null, new HashSet<Guid>()), SampleMetrics.ReportTimeliness, today));
        Assert.Null(await Metrics.ComputeAsync(db, AccessScope.Nothing, SampleMetrics.ReportTimeliness, today));
        Assert.Contains(Metrics.All, m => m.Name == SampleMetrics.ReportTimeliness);
    }
}
