using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shian.Accounts;
using Shian.Common;
using Shian.Data;
using Shian.Organization;
using Shian.Registry;
using Shian.Sampling;
using Shian.Tests.Sampling;

namespace Shian.Web.Tests.Sampling;

/// <summary>
/// 承检机构考核 on worked 2020 examples: late receipts, reports in time among those due, reports overdue today, failed
/// results re-tested elsewhere and overturned — per laboratory, a laboratory seeing only its own; and on the results page.
/// </summary>
public sealed class LaboratoryPerformanceTests(ShianWebFactory factory) : IClassFixture<ShianWebFactory>
{
    private static readonly string Businesses = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "imports", "businesses-sample.csv"));

    [Fact]
    public async Task Each_laboratory_is_measured_on_its_own_samples()
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

        Sample Received(DateOnly on, int lateDays, int? reportAfterWorkingDays, Guid laboratory, bool failed = false)
        {
            // Sampled early enough that receipt on that day is lateDays working days past the 5-working-day limit.
            var sampledOn = on;
            while (calendar.WorkingDaysBetween(calendar.AddWorkingDays(sampledOn, Sample.DaysToLaboratory), on) < lateDays)
            {
                sampledOn = sampledOn.AddDays(-1);
            }
            var received = new SampleBuilder(new Sample
            {
                Id = Guid.CreateVersion7(), BusinessId = business.Id, TownshipId = business.TownshipId, BusinessName = business.Name, SampleName = "大米",
                SampledOn = sampledOn, LaboratoryId = laboratory, SamplingUnitId = laboratory, Number = $"JZ-2020-{Random.Shared.Next(1, 999999):D6}",
                CreatedAt = DateTime.UtcNow, CreatedBy = "test",
            }, calendar).Received(on);
            return (reportAfterWorkingDays is { } d
                ? received.Reported(calendar.AddWorkingDays(on, d), [failed ? SampleBuilder.FailingItem() : SampleBuilder.PassingItem()])
                : received).Sample;
        }
        var overturned = Received(new DateOnly(2020, 9, 28), 0, 10, lab, failed: true);
        var upheld = Received(new DateOnly(2020, 9, 28), 0, 12, lab, failed: true);
        SampleBuilder.AddTo(db,
            overturned, upheld,
            Received(new DateOnly(2020, 9, 28), 2, 21, lab),       // received two days late, reported a day late
            Received(new DateOnly(2020, 9, 28), 0, null, lab),     // due 2 November, still no report: overdue now
            Received(new DateOnly(2020, 11, 20), 0, null, lab),    // not due yet
            Received(new DateOnly(2019, 12, 2), 0, 5, lab),        // last year's
            Received(new DateOnly(2020, 9, 28), 0, 3, otherLab.Id));
        // The case opened on the day of the report, a re-inspection requested and accepted at the other lab, and its result.
        SampleFailure Retested(Sample s, bool passed)
        {
            var served = s.ReportedOn!.Value;
            var f = SampleFailures.CaseOf(s, calendar, SampleBuilder.At(served), "test")!;
            Assert.Null(f.RequestReinspection("复检", served.AddDays(1), calendar, SampleBuilder.At(served.AddDays(1)), "operator"));
            Assert.Null(f.AcceptReinspection(otherLab.Id, served.AddDays(2), calendar, SampleBuilder.At(served.AddDays(2)), "office"));
            var report = SampleBuilder.Pdf(FileOwners.SampleReinspectionReport, f.Id, SampleBuilder.At(served.AddDays(5)));
            db.StoredFiles.Add(report);
            Assert.Null(f.RecordReinspection(passed, report, SampleBuilder.At(served.AddDays(5)), "lab2"));
            return f;
        }
        db.SampleFailures.AddRange(Retested(overturned, passed: true), Retested(upheld, passed: false));
        await db.SaveChangesAsync();

        var district = new AccessScope(AccessLevel.Jurisdiction, null, null, new HashSet<Guid>());
        var rows = await LaboratoryPerformance.ComputeAsync(db, district, 2020, today);
        var own = Assert.Single(rows, r => r.LaboratoryId == lab);
        Assert.Equal((5, 1, 4, 2, 1, 2, 1), (own.Received, own.ReceivedLate, own.ReportsDue, own.ReportsInTime, own.OverdueNow, own.Retested, own.Overturned));
        Assert.Equal(50.0m, own.InTimePercent);
        var other = Assert.Single(rows, r => r.LaboratoryId == otherLab.Id);
        Assert.Equal((1, 1, 0), (other.ReportsDue, other.ReportsInTime, other.Retested));
        // A laboratory's users see only their own row.
        Assert.Equal([otherLab.Id], (await LaboratoryPerformance.ComputeAsync(db, new AccessScope(AccessLevel.Unit, otherLab.Id, null, new HashSet<Guid>()), 2020, today))
            .Select(r => r.LaboratoryId));

        var office = await factory.SignedInAsync("office");
        var page = await office.GetStringAsync("/sampling/results?year=2020");
        Assert.Contains($"data-lab=\"{lab}\"", page);
        Assert.Contains("另一检测机构", page);
    }
}
