using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Shian.Common;
using Shian.Data;
using Shian.Grain;
using Shian.Web.Infrastructure;

namespace Shian.Web.Features.Grain;

/// <summary>
/// 区级储备粮: the reserve silos the user may see, where each stands with this half-year's mandatory test, those missing
/// it (overdue, due soon) and those flagged for grain over food-safety limits not yet disposed of. Editors add silos.
/// </summary>
[Authorize(Policy = Policies.Grain)]
public class IndexModel(ShianDb db, CurrentUser user, TimeProvider clock, IAuthorizationService authorization, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed record Row(Guid Id, string Code, string DepotName, string Township, string GrainKind, decimal CapacityTonnes,
        decimal StockTonnes, int HarvestYear, DateOnly StoredSince, TestDueState State, DateOnly? LastTest, bool Flagged);

    public sealed class SiloInput
    {
        public string? Code { get; set; }
        public string? DepotName { get; set; }
        public Guid? TownshipId { get; set; }
        public string? GrainKind { get; set; }
        public decimal? CapacityTonnes { get; set; }
        public decimal? StockTonnes { get; set; }
        public int? HarvestYear { get; set; }
        public DateOnly? StoredSince { get; set; }
    }

    [BindProperty] public SiloInput Input { get; set; } = new();
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public IReadOnlyList<(Guid Id, string Name)> Townships { get; private set; } = [];
    public bool MayEdit { get; private set; }
    public HalfYear Half { get; private set; }
    public DateOnly Today { get; private set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnGetExportAsync()
    {
        await LoadAsync();
        return Export.Of(Rows)
            .Column("Grain.Code", r => r.Code).Column("Grain.Depot", r => r.DepotName).Column("Registry.Township", r => r.Township).Column("Grain.Kind", r => r.GrainKind)
            .Column("Grain.Capacity", r => r.CapacityTonnes).Column("Grain.StockTonnes", r => r.StockTonnes).Column("Grain.HarvestYear", r => r.HarvestYear)
            .Column("Grain.StoredSince", r => r.StoredSince.ToString("yyyy-MM-dd")).Column("Grain.LastTest", r => r.LastTest?.ToString("yyyy-MM-dd"))
            .WordedColumn(l["Grain.Export.HalfTest", Half.Name], r => l.Term(r.State))
            .Column("Grain.Export.Flagged", r => r.Flagged ? l["Common.Yes"].Value : l["Common.No"].Value)
            .Xlsx(l, "reserve-grain-silos.xlsx", l["Grain.Silos"]);
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var scope = await user.ScopeAsync();
        if (!(await GrainRights.ForAsync(User, user, authorization)).MayAdd)
        {
            return Forbid();
        }
        await LoadAsync();
        ModelState.Clear();
        var now = ShianTime.UtcNow(clock);
        var (silo, errors) = Silo.Create(new Silo.Input(Input.Code, Input.DepotName, Input.TownshipId, Input.GrainKind, Input.CapacityTonnes,
            Input.StockTonnes, Input.HarvestYear, Input.StoredSince), await (await GrainRights.ForAsync(User, user, authorization)).SiloOwnerAsync(db), Today, user.Name, now);
        foreach (var (field, problem) in errors)
        {
            ModelState.AddProblem($"Input.{field}", problem, l);
        }
        if (Input.TownshipId is { } t && Townships.All(x => x.Id != t))
        {
            ModelState.AddProblem("Input.TownshipId", new Problem("Grain.TownshipNotListed"), l);
        }
        if (silo is not null && await db.Silos.AnyAsync(s => s.Code == silo.Code))
        {
            ModelState.AddProblem("Input.Code", Silo.DuplicateCode(silo.Code), l);
        }
        if (silo is null || !ModelState.IsValid)
        {
            return Page();
        }
        db.Silos.Add(silo);
        await db.SaveChangesAsync();
        return Redirect($"{GrainRoutes.Silo(silo.Id)}?saved=1");
    }

    private async Task LoadAsync()
    {
        var scope = await user.ScopeAsync();
        MayEdit = (await GrainRights.ForAsync(User, user, authorization)).MayAdd;
        Today = ShianTime.LocalDate(ShianTime.UtcNow(clock));
        Half = HalfYear.Of(Today);
        Townships = (await db.Townships.AsNoTracking().Where(t => t.IsTownship).OrderBy(t => t.Name).Select(t => new { t.Id, t.Name }).ToListAsync())
            .Select(t => (t.Id, t.Name)).ToList();
        var names = await db.Townships.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Name);
        var silos = await db.Silos.AsNoTracking().VisibleTo(scope).OrderBy(s => s.Code).ToListAsync();
        var ids = db.Silos.VisibleTo(scope).Select(s => s.Id); // a subquery: the silos are not sent back as parameters
        var tests = await db.GrainTests.AsNoTracking().Where(t => ids.Contains(t.SiloId))
            .Select(t => new { t.Id, t.SiloId, t.HalfYearCode, t.TestDate, t.SafetyPassed }).ToListAsync();
        var disposed = (await db.GrainDisposals.AsNoTracking().Where(d => ids.Contains(d.SiloId)).Select(d => d.TestId).ToListAsync()).ToHashSet();
        Rows = silos.Select(s =>
        {
            var own = tests.Where(t => t.SiloId == s.Id).ToList();
            return new Row(s.Id, s.Code, s.DepotName, names.GetValueOrDefault(s.TownshipId, ""), s.GrainKind, s.CapacityTonnes, s.StockTonnes,
                s.HarvestYear, s.StoredSince, GrainTestDue.State(own.Select(t => t.HalfYearCode).ToList(), s.StoredSince, Today),
                own.Count == 0 ? null : own.Max(t => t.TestDate), own.Any(t => !t.SafetyPassed && !disposed.Contains(t.Id)));
        }).ToList();
    }
}
