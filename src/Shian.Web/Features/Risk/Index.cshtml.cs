using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Shian.Audit;
using Shian.Common;
using Shian.Data;
using Shian.Registry;
using Shian.Risk;
using Shian.Web.Infrastructure;

namespace Shian.Web.Features.Risk;

/// <summary>
/// 风险分级: how the active businesses this user may see are graded, per township and category, with the sheets in
/// force. The office regrades everyone from here.
/// </summary>
[Authorize(Policy = Policies.Supervision)]
public class IndexModel(ShianDb db, CurrentUser user, IAuthorizationService authorization, IAuditActor actor, TimeProvider clock) : PageModel
{
    public sealed record Row(Guid TownshipId, string Township, BusinessCategory Category, IReadOnlyDictionary<RiskLevel, int> Grades, int Ungraded)
    {
        public int Total => Grades.Values.Sum() + Ungraded;
    }

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public IReadOnlyList<RiskSheet> Sheets { get; private set; } = [];

    /// <summary>The stored version of each sheet in force, to link to its page.</summary>
    public IReadOnlyDictionary<(string Name, int Version), Guid> SheetIds { get; private set; } = new Dictionary<(string, int), Guid>();
    public bool IsOffice { get; private set; }
    public RiskRegrade.Result? Regraded { get; private set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostRegradeAsync()
    {
        if (!(await authorization.AuthorizeAsync(User, Policies.Office)).Succeeded)
        {
            return Forbid();
        }
        Regraded = await RiskRegrade.RunAsync(db, actor.Name, ShianTime.UtcNow(clock), ct: HttpContext.RequestAborted);
        await LoadAsync();
        return Page();
    }

    /// <summary>The business list filtered to one cell of the table.</summary>
    public static string LinkTo(Row row, RiskLevel? grade) =>
        $"{Registry.RegistryRoutes.Businesses}?township={row.TownshipId}&category={row.Category}&status=Active" + (grade is { } g ? $"&grade={g}" : "");

    private async Task LoadAsync()
    {
        IsOffice = (await authorization.AuthorizeAsync(User, Policies.Office)).Succeeded;
        Sheets = (await RiskSheetSet.LoadAsync(db, ShianTime.LocalDate(ShianTime.UtcNow(clock)))).Sheets;
        SheetIds = (await db.RiskSheets.AsNoTracking().Select(s => new { s.Name, s.Version, s.Id }).ToListAsync())
            .ToDictionary(s => (s.Name, s.Version), s => s.Id);
        var scope = await user.ScopeAsync();
        // A business belongs to no unit, so a unit's scope sees them all; Apply would test Business.UnitId, which EF
        // cannot translate (it is not mapped), so that level is answered here.
        var businesses = db.Businesses.AsNoTracking().VisibleTo(scope);
        // Two grouped queries: the active businesses per cell, and the current grades per cell and grade (from the grades'
        // index on SupersededAt to each business by its key); the rest of a cell is ungraded. One query left-joining every
        // business to its grade looked each grade up business by business: about 1 s at 100,000 businesses on SQLite.
        var active = businesses.Where(b => b.Status == BusinessStatus.Active);
        var totals = await active.GroupBy(b => new { b.TownshipId, b.Category })
            .Select(cell => new { cell.Key.TownshipId, cell.Key.Category, Count = cell.Count() })
            .ToListAsync();
        var graded = await (
                from g in db.RiskGrades.Where(g => g.SupersededAt == null)
                join b in active on g.BusinessId equals b.Id
                group g by new { b.TownshipId, b.Category, g.Grade } into cell
                select new { cell.Key.TownshipId, cell.Key.Category, cell.Key.Grade, Count = cell.Count() })
            .ToListAsync();
        var gradedByCell = graded.ToLookup(c => (c.TownshipId, c.Category));
        var townships = await db.Townships.AsNoTracking().Select(t => new { t.Id, t.Code, t.Name }).ToDictionaryAsync(t => t.Id);
        Rows = totals
            .Select(cell => (cell, Grades: gradedByCell[(cell.TownshipId, cell.Category)].ToList()))
            .Select(x => new Row(x.cell.TownshipId, townships.GetValueOrDefault(x.cell.TownshipId)?.Name ?? "", x.cell.Category,
                Enum.GetValues<RiskLevel>().ToDictionary(l => l, l => x.Grades.Where(c => c.Grade == l).Sum(c => c.Count)),
                x.cell.Count - x.Grades.Sum(c => c.Count)))
            .OrderBy(r => townships.GetValueOrDefault(r.TownshipId)?.Code, StringComparer.Ordinal).ThenBy(r => r.Category)
            .ToList();
    }
}
