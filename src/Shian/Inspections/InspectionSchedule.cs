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

    /// <summary>
    /// The township team (<see cref="InspectionTeam"/>) that owns the business for the year; null while the township has
    /// no active team.
    /// </summary>
    public Guid? TeamId { get; set; }

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
    /// Gives each business of one township to one of the township's teams for the whole year, keeping every team's
    /// monthly load level. Businesses in <paramref name="keep"/> stay with their team when it is among
    /// <paramref name="teams"/> (a business already visited this year keeps who visited it). The others are taken most
    /// visits first, then by id; each goes to the team whose busiest month among the business's months is the quietest,
    /// ties going to the team with fewer visits in those months, then fewer in the year, then the one listed first.
    /// Whole businesses cannot always split every month evenly (three businesses visited in months 1+2, 2+3 and 1+3
    /// leave some month two apart for two teams); in practice the busiest and the quietest team of a month are at most
    /// one visit apart, occasionally two (the tests hold it to two). With no team nothing is assigned.
    /// </summary>
    /// <param name="slots">The township's planned visits (months 1–12).</param>
    /// <param name="teams">The township's active teams, in a stable order.</param>
    /// <returns>The team of each business.</returns>
    public static IReadOnlyDictionary<Guid, Guid> AssignTeams(IEnumerable<Slot> slots, IReadOnlyList<Guid> teams, IReadOnlyDictionary<Guid, Guid>? keep = null)
    {
        var assigned = new Dictionary<Guid, Guid>();
        if (teams.Count == 0)
        {
            return assigned;
        }
        var order = teams.Select((team, i) => (team, i)).ToDictionary(x => x.team, x => x.i);
        var load = new int[teams.Count, 13];
        var total = new int[teams.Count];
        var businesses = slots.GroupBy(s => s.BusinessId)
            .Select(g => (Id: g.Key, Months: g.Select(s => Math.Clamp(s.Month, 1, 12)).ToList()))
            .ToList();

        void Give(Guid business, List<int> months, int team)
        {
            assigned[business] = teams[team];
            total[team] += months.Count;
            foreach (var month in months)
            {
                load[team, month]++;
            }
        }

        foreach (var (id, months) in businesses)
        {
            if (keep is not null && keep.TryGetValue(id, out var kept) && order.TryGetValue(kept, out var team))
            {
                Give(id, months, team);
            }
        }
        foreach (var (id, months) in businesses.Where(b => !assigned.ContainsKey(b.Id)).OrderByDescending(b => b.Months.Count).ThenBy(b => b.Id))
        {
            var best = Enumerable.Range(0, teams.Count)
                .MinBy(t => (months.Max(m => load[t, m]), months.Sum(m => load[t, m]), total[t], t));
            Give(id, months, best);
        }
        return assigned;
    }

    /// <summary>
    /// Plans the year for every active, graded business (replacing the visits not yet done), each business's visits
    /// going to one of its township's active teams (<see cref="AssignTeams"/>). Returns the number planned.
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

        var teams = (await db.InspectionTeams.AsNoTracking().Where(t => t.Active && t.TownshipId != null)
                .Select(t => new { t.Id, TownshipId = t.TownshipId!.Value, t.Name }).ToListAsync(ct))
            .OrderBy(t => t.Name, StringComparer.Ordinal).ThenBy(t => t.Id)
            .GroupBy(t => t.TownshipId).ToDictionary(g => g.Key, g => (IReadOnlyList<Guid>)g.Select(t => t.Id).ToList());
        // A business visited this year stays with the team that visited it last.
        var keep = (await db.PlannedInspections.AsNoTracking().Where(p => p.Year == year && p.DoneOn != null && p.TeamId != null)
                .Select(p => new { p.BusinessId, p.DoneOn, p.Visit, TeamId = p.TeamId!.Value }).ToListAsync(ct))
            .GroupBy(p => p.BusinessId)
            .ToDictionary(g => g.Key, g => g.OrderBy(p => p.DoneOn).ThenBy(p => p.Visit).Last().TeamId);
        var teamOf = new Dictionary<Guid, Guid>();
        foreach (var township in slots.GroupBy(s => s.TownshipId))
        {
            foreach (var (business, team) in AssignTeams(township, teams.GetValueOrDefault(township.Key, []), keep))
            {
                teamOf[business] = team;
            }
        }

        // One SaveChanges: the old plan goes and the new one comes in the same transaction.
        db.PlannedInspections.RemoveRange(await db.PlannedInspections.Where(p => p.Year == year && p.DoneOn == null).ToListAsync(ct));
        db.PlannedInspections.AddRange(slots.Select(s => new PlannedInspection
        {
            Year = year, BusinessId = s.BusinessId, TownshipId = s.TownshipId, TeamId = teamOf.TryGetValue(s.BusinessId, out var team) ? team : null,
            Month = s.Month, Visit = s.Visit + done.GetValueOrDefault(s.BusinessId), Grade = s.Grade,
        }));
        await db.SaveChangesAsync(ct);
        return slots.Count;
    }
}
