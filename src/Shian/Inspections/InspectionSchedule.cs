using Microsoft.EntityFrameworkCore;
using Shian.Common;
using Shian.Data;
using Shian.Registry;
using Shian.Risk;

namespace Shian.Inspections;

/// <summary>
/// One routine inspection planned for a business in a month of the year (日常监督检查计划), from the minimum number its risk
/// grade requires. The inspections module marks it done when an inspection of the business is recorded.
/// </summary>
public class PlannedInspection
{
    public Guid Id { get; set; }
    public int Year { get; set; }
    public Guid BusinessId { get; set; }

    /// <summary>The township whose supervision team (市场监管所) carries it out.</summary>
    public Guid TownshipId { get; set; }

    public int Month { get; set; }

    /// <summary>1 … the number required for the year.</summary>
    public int Visit { get; set; }

    public RiskLevel Grade { get; set; }
    public DateOnly? DoneOn { get; set; }
}

/// <summary>
/// Spreads each business's required inspections over the year: visits of one business evenly apart, and the businesses
/// of a township phased so that its team's monthly load stays level.
/// </summary>
public static class InspectionSchedule
{
    public sealed record Need(Guid BusinessId, Guid TownshipId, RiskLevel Grade, int Required);

    public sealed record Slot(Guid BusinessId, Guid TownshipId, RiskLevel Grade, int Visit, int Month);

    public static IReadOnlyList<Slot> Spread(IEnumerable<Need> needs)
    {
        var slots = new List<Slot>();
        foreach (var township in needs.Where(n => n.Required > 0).GroupBy(n => n.TownshipId))
        {
            // Phase i/n moves each business's first visit along the year; with N visits a year they then fall 12/N months apart.
            var list = township.OrderBy(n => n.BusinessId).ToList();
            for (var i = 0; i < list.Count; i++)
            {
                var need = list[i];
                var phase = (double)i / list.Count;
                for (var visit = 0; visit < need.Required; visit++)
                {
                    var month = (int)Math.Floor((visit + phase) * 12 / need.Required) + 1;
                    slots.Add(new Slot(need.BusinessId, need.TownshipId, need.Grade, visit + 1, Math.Clamp(month, 1, 12)));
                }
            }
        }
        return slots;
    }

    /// <summary>
    /// Plans the year for every active, graded business (replacing the visits not yet done). Returns the number planned.
    /// </summary>
    public static async Task<int> GenerateAsync(ShianDb db, int year, TimeProvider clock, CancellationToken ct = default)
    {
        var today = ShianTime.LocalDate(clock.GetUtcNow().UtcDateTime);
        var sheets = await RiskSheetSet.LoadAsync(db, today, ct);
        var graded = await db.RiskGrades.AsNoTracking().Where(g => g.SupersededAt == null)
            .Join(db.Businesses.Where(b => b.Status == BusinessStatus.Active), g => g.BusinessId, b => b.Id,
                (g, b) => new { b.Id, b.TownshipId, b.Category, g.Grade })
            .ToListAsync(ct);
        var done = await db.PlannedInspections.Where(p => p.Year == year && p.DoneOn != null)
            .GroupBy(p => p.BusinessId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var needs = graded.Select(b => new Need(b.Id, b.TownshipId, b.Grade,
            Math.Max(0, sheets.RequiredInspections(b.Grade, b.Category) - done.GetValueOrDefault(b.Id))));
        var slots = Spread(needs);

        // One SaveChanges: the old plan goes and the new one comes in the same transaction.
        db.PlannedInspections.RemoveRange(await db.PlannedInspections.Where(p => p.Year == year && p.DoneOn == null).ToListAsync(ct));
        db.PlannedInspections.AddRange(slots.Select(s => new PlannedInspection
        {
            Year = year, BusinessId = s.BusinessId, TownshipId = s.TownshipId, Month = s.Month, Visit = s.Visit + done.GetValueOrDefault(s.BusinessId), Grade = s.Grade,
        }));
        await db.SaveChangesAsync(ct);
        return slots.Count;
    }
}
