using Microsoft.EntityFrameworkCore;
using Shian.Common;
using Shian.Data;
using Shian.Organization;
using Shian.Sampling;

namespace Shian.Demo;

/// <summary>
/// The demo operator's restaurant has a failed sample whose notice came two working days ago: fried dough sticks (油条)
/// over the aluminium limit, a chemical item, so the operator may still apply for re-inspection or object. It goes through
/// the same steps as the pages (submit, receipt, results, report, the case and its notice), once.
/// </summary>
public static class DemoOperatorSample
{
    public static async Task SeedAsync(ShianDb db, DateTime now, CancellationToken ct = default)
    {
        var businessId = await db.OperatorBusinesses.AsNoTracking().Join(db.Users.Where(u => u.UserName == Accounts.Roles.Operator), o => o.UserId, u => u.Id, (o, _) => o.BusinessId)
            .FirstOrDefaultAsync(ct);
        if (businessId == Guid.Empty || await db.SampleFailures.AnyAsync(f => f.BusinessId == businessId, ct)
            || await db.Businesses.AsNoTracking().FirstOrDefaultAsync(b => b.Id == businessId, ct) is not { } business)
        {
            return;
        }
        var lab = await db.Units.AsNoTracking().Where(u => u.Kind == UnitKind.Laboratory && u.Active).OrderBy(u => u.Name).Select(u => (Guid?)u.Id).FirstOrDefaultAsync(ct);
        var sampler = await db.Units.AsNoTracking().Where(u => u.Kind == UnitKind.Department && u.Active).OrderBy(u => u.Name.Contains("市场监管") ? 0 : 1)
            .Select(u => (Guid?)u.Id).FirstOrDefaultAsync(ct);
        var category = await db.FoodCategories.AsNoTracking().Where(c => c.Name == "米面及其制品（自制）").Select(c => c.Code).FirstOrDefaultAsync(ct);
        if (lab is null || sampler is null || category is null)
        {
            return;
        }
        var calendar = await db.LoadCalendarAsync(ct);
        var today = ShianTime.LocalDate(now);
        var reported = WorkingDaysBack(calendar, today, 2);
        var received = WorkingDaysBack(calendar, reported, 6);
        var sampled = WorkingDaysBack(calendar, received, 1);
        var sample = new Sample
        {
            Id = Guid.CreateVersion7(), TaskSource = $"{today.Year}年区级食品安全监督抽检计划", Kind = SamplingKind.Supervision, Environment = SamplingEnvironment.Catering,
            BusinessId = business.Id, TownshipId = business.TownshipId, BusinessName = business.Name, BusinessAddress = business.Address,
            CreditCode = business.CreditCode, ContactName = business.ContactName, ContactPhone = business.ContactPhone,
            FoodCategoryCode = category, SampleName = "油条", Brand = "/", Specification = "散装", ProductionDate = sampled, ShelfLife = "1天",
            Packaging = "散装", StorageCondition = "常温", BatchSize = 30, QuantityTaken = 2, BackupQuantity = 1, QuantityUnit = "kg",
            ProducerName = business.Name, ProducerAddress = business.Address, SampledOn = sampled, SamplingUnitId = sampler.Value, LaboratoryId = lab.Value,
            Sampler1 = "张队员", Sampler2 = "李队员", OperatorConfirmed = true, SignerName = "刘老板",
            CreatedAt = DemoTime.At(sampled), CreatedBy = "inspector",
        };
        var number = Sample.NextNumber(sampled.Year, await db.Samples.Where(s => s.Number != null).Select(s => s.Number).ToListAsync(ct));
        if ((sample.Submit(number, calendar, DemoTime.At(sampled)) ?? sample.Receive(received, calendar, DemoTime.At(received), "lab")) is { } refused)
        {
            throw new InvalidOperationException("The demo operator's sample was refused: " + refused);
        }
        db.Samples.Add(sample);
        await db.SaveChangesAsync(ct);
        var errors = await SampleResults.RecordAsync(db, sample,
        [
            new SampleTestItem { Name = "铝的残留量（干样品，以Al计）", Value = "268", Unit = "mg/kg", Limit = "≤100", MethodStandard = "GB 5009.182-2017", Judgement = ItemJudgement.Fail },
            new SampleTestItem { Name = "酸价（以脂肪计）（KOH）", Value = "1.8", Unit = "mg/g", Limit = "≤3", MethodStandard = "GB 5009.229-2016", Judgement = ItemJudgement.Pass },
            new SampleTestItem { Name = "过氧化值（以脂肪计）", Value = "0.12", Unit = "g/100g", Limit = "≤0.25", MethodStandard = "GB 5009.227-2016", Judgement = ItemJudgement.Pass },
        ], "lab", DemoTime.At(reported), ct);
        if (errors.Count > 0)
        {
            throw new InvalidOperationException("The demo operator's results were refused: " + string.Join("; ", errors.Values));
        }
        var report = DemoSampleFailures.Pdf($"检验报告 {number}.pdf", FileOwners.SampleReport, sample.Id, "lab", DemoTime.At(reported));
        // The report opens the case and its notice, as the upload does (no text message for the demo's history).
        if (await SampleResults.RecordReportAsync(db, null, sample, report, "lab", DemoTime.At(reported), ct) is { } notAttached)
        {
            throw new InvalidOperationException("The demo operator's report was refused: " + notAttached);
        }
    }

    private static DateOnly WorkingDaysBack(WorkingDayCalendar calendar, DateOnly from, int days)
    {
        var day = from;
        for (var n = 0; n < days;)
        {
            day = day.AddDays(-1);
            if (calendar.IsWorkingDay(day))
            {
                n++;
            }
        }
        return day;
    }
}
