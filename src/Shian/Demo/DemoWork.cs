using Microsoft.EntityFrameworkCore;
using Shian.Assessment;
using Shian.Data;
using Shian.Plans;

namespace Shian.Demo;

/// <summary>
/// The demo district's work: about 3,000 synthetic businesses with licences, a year of inspections so far, its 2020
/// plan (the district's real plan document, also carried into this year) and a township assessment scheme, so that a first look at the platform shows content rather than empty
/// pages. Each part only when none exists yet: the demo never touches a database in use.
/// </summary>
public static class DemoWork
{
    /// <summary>How many synthetic businesses the demo registers.</summary>
    public const int BusinessCount = 3000;

    public static async Task<bool> SeedAsync(ShianDb db, TimeProvider clock, CancellationToken ct = default)
    {
        if (!await db.Businesses.AnyAsync(ct))
        {
            var townships = await db.Townships.AsNoTracking().Where(t => t.Active).OrderBy(t => t.Code).ToListAsync(ct);
            var (businesses, licences) = DemoBusinesses.Generate(townships, BusinessCount, clock.GetUtcNow().UtcDateTime);
            db.Businesses.AddRange(businesses);
            db.Licences.AddRange(licences);
            // The demo operator runs the first licensed restaurant, so that 我的企业 has something to show.
            if (await db.Users.Where(u => u.UserName == Accounts.Roles.Operator).Select(u => (Guid?)u.Id).FirstOrDefaultAsync(ct) is { } operatorId)
            {
                var restaurant = businesses.First(b => b.Subtype == "restaurant" && licences.Any(l => l.BusinessId == b.Id));
                db.OperatorBusinesses.Add(new Accounts.OperatorBusiness { UserId = operatorId, BusinessId = restaurant.Id });
            }
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            // A year of findings for about one business in five, until the inspection and sampling modules record real ones.
            var random = new Random(2021);
            var today = Common.ShianTime.LocalDate(clock.GetUtcNow().UtcDateTime);
            (string Item, decimal Points, string Reason)[] findings =
            [
                ("inspection", 8, "日常检查：从业人员健康证明过期"), ("inspection", 12, "日常检查：原料索证索票不全，责令整改"),
                ("inspection", 20, "专项检查：使用超过保质期的原料"), ("sampling", 15, "抽检不合格：菌落总数超标"),
                ("sampling", 10, "抽检不合格：农药残留超标"), ("complaints", 5, "投诉属实：就餐环境卫生差"),
                ("complaints", 10, "投诉属实：食用后身体不适"), ("cases", 15, "立案查处：无证经营"),
            ];
            foreach (var business in businesses.Where(_ => random.Next(100) < 20))
            {
                foreach (var finding in Enumerable.Range(0, random.Next(1, 4)).Select(_ => findings[random.Next(findings.Length)]))
                {
                    db.RiskFactors.Add(new Risk.RiskFactor
                    {
                        BusinessId = business.Id, ItemCode = finding.Item, Points = finding.Points, Reason = finding.Reason,
                        Date = today.AddDays(-random.Next(1, 330)), Source = "demo", RecordedAt = clock.GetUtcNow().UtcDateTime, RecordedBy = "demo",
                    });
                }
            }
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            // Graded once with the seeded sheets, so that 风险分级 shows the register's spread.
            await Risk.RiskRegrade.RunAsync(db, "demo", clock.GetUtcNow().UtcDateTime, ct: ct);
            db.ChangeTracker.Clear();
            // Each township's inspectors and two teams, so that the schedule assigns its visits.
            await DemoTeams.SeedAsync(db, clock, ct);
            db.ChangeTracker.Clear();
            await Inspections.InspectionSchedule.GenerateAsync(db, today.Year, clock, ct);
            db.ChangeTracker.Clear();
            // The year's inspections so far, their rectification orders and campaigns.
            await DemoInspections.SeedAsync(db, clock, ct);
            db.ChangeTracker.Clear();
        }
        await DemoSchools.SeedAsync(db, clock, ct); // 陪餐 records and 明厨亮灶 statuses, once
        await DemoGrain.SeedAsync(db, clock, ct); // reserve silos and their tests, purchase checks, imported food checks, once
        await DemoTraceReporting.SeedAsync(db, clock, ct); // trace node enterprises' upload requirements, their events and the transparency log, once
        db.ChangeTracker.Clear();
        await DemoSampling.SeedAsync(db, clock, ct); // the year's sampling plans and samples with results, once (before any failure handling)
        db.ChangeTracker.Clear();
        await DemoOperatorSample.SeedAsync(db, clock.GetUtcNow().UtcDateTime, ct); // the demo operator's failed sample, notice two working days old
        db.ChangeTracker.Clear();
        // Failure cases (核查处置) for the failed samples reported so far that have none.
        await DemoSampleFailures.RunAsync(db, Common.ShianTime.LocalDate(clock.GetUtcNow().UtcDateTime), ct);
        // Last months' results announced, so that the public search has them.
        await DemoSamplingAnnouncements.RunAsync(db, Common.ShianTime.LocalDate(clock.GetUtcNow().UtcDateTime), ct);
        db.ChangeTracker.Clear();
        await DemoTrace.SeedAsync(db, clock, ct); // products, short codes, 合格证 with receipts, one lot's chain of custody, once
        db.ChangeTracker.Clear();
        await DemoRecall.SeedAsync(db, clock.GetUtcNow().UtcDateTime, ct); // a failed sample's lot with its genealogy and recall scope, once
        db.ChangeTracker.Clear();
        await DemoComplaints.SeedAsync(db, clock, ct); // the year's complaints and reports in every state, once
        db.ChangeTracker.Clear();
        if (await db.Plans.AnyAsync(ct))
        {
            return false;
        }
        using var stream = typeof(DemoWork).Assembly.GetManifestResourceStream("demo/plan-2020.txt")
            ?? throw new InvalidOperationException("The demo plan is missing from the assembly.");
        var text = await new StreamReader(stream).ReadToEndAsync(ct);
        var planId = await ImportPlanAsync(db, text, 2020, clock, ct);
        // The same document carried into this year, so that the targets Shian computes (inspection coverage,
        // rectification closure …) are measured on the demo's work of this year.
        var thisYear = Common.ShianTime.LocalDate(clock.GetUtcNow().UtcDateTime).Year;
        if (thisYear > 2020)
        {
            planId = await ImportPlanAsync(db, text.Replace("2020年", $"{thisYear}年", StringComparison.Ordinal), thisYear, clock, ct);
        }
        db.AssessmentSchemes.Add(new AssessmentScheme
        {
            PlanId = planId, Name = "乡镇街道食品安全工作考核", Subjects = AssessedSubjects.Townships,
            Criteria =
            [
                new() { Order = 0, Name = "进度报告按时报送", Points = 30, Source = CriterionSource.ReportTimeliness },
                new() { Order = 1, Name = "属地管理责任落实", Points = 40, Source = CriterionSource.Entered },
                new() { Order = 2, Name = "群众满意度", Points = 30, Source = CriterionSource.Entered },
            ],
        });
        await db.SaveChangesAsync(ct);
        return true;
    }

    private static async Task<Guid> ImportPlanAsync(ShianDb db, string text, int year, TimeProvider clock, CancellationToken ct)
    {
        var imported = await PlanImport.ImportAsync(db, PlanParser.Parse(text).Plan!, text, year, new Dictionary<string, Guid>(), new HashSet<string>(), clock, ct);
        return imported.PlanId ?? throw new InvalidOperationException($"The demo plan for {year} did not import: " + string.Join("; ", imported.Errors.Select(e => e.ToString())));
    }
}
