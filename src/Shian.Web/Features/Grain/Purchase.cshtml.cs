using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Shian.Common;
using Shian.Data;
using Shian.Grain;
using Shian.Inspections;
using Shian.Registry;
using Shian.Web.Infrastructure;

namespace Shian.Web.Features.Grain;

/// <summary>
/// 粮食收购企业检查: the grain purchase enterprises (registry sub-type <c>grain-purchase</c>, which the office sets on the
/// business's edit page), this year's coverage against the 5% floor, and the checks. Editors record a check.
/// </summary>
[Authorize(Policy = Policies.Grain)]
public class PurchaseModel(ShianDb db, CurrentUser user, TimeProvider clock, IAuthorizationService authorization, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed record Row(Guid Id, DateOnly Date, string Business, string Inspectors, InspectionResult Result, bool SiloRecordsRequired, string Findings);

    public sealed class CheckInput
    {
        public Guid Business { get; set; }
        public DateOnly? Date { get; set; }
        public string? Inspectors { get; set; }
        public string? Findings { get; set; }
        public InspectionResult? Result { get; set; }
        public bool SiloRecordsRequired { get; set; }
    }

    [BindProperty] public CheckInput Input { get; set; } = new();
    public IReadOnlyList<Business> Enterprises { get; private set; } = [];
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public int Checked { get; private set; }
    public int Required { get; private set; }
    public bool MayEdit { get; private set; }
    public DateOnly Today { get; private set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnGetExportAsync()
    {
        await LoadAsync();
        return Export.Of(Rows)
            .Column("Grain.Purchase.Date", r => r.Date.ToString("yyyy-MM-dd")).Column("Grain.Purchase.Enterprise", r => r.Business)
            .Column("Grain.Purchase.Inspectors", r => r.Inspectors).Column("Grain.Purchase.Result", r => l.Term(r.Result))
            .Column("Grain.Purchase.SiloRecords", r => r.SiloRecordsRequired ? l["Common.Yes"].Value : l["Common.No"].Value)
            .Column("Grain.Purchase.Findings", r => r.Findings)
            .Xlsx(l, "grain-purchase-checks.xlsx", l["Grain.Purchase.Title"]);
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var scope = await user.ScopeAsync();
        if (!(await GrainRights.ForAsync(User, user, authorization)).MayAdd) return Forbid();
        await LoadAsync();
        var target = Enterprises.FirstOrDefault(b => b.Id == Input.Business);
        if (target is null) return NotFound();
        ModelState.Clear();
        var (check, errors) = GrainPurchaseCheck.Create(target.Id, target.TownshipId, (await GrainRights.ForAsync(User, user, authorization)).NewRecordUnit,
            new GrainPurchaseCheck.Input(Input.Date, Input.Inspectors, Input.Findings, Input.Result, Input.SiloRecordsRequired), Today, user.Name, ShianTime.UtcNow(clock));
        foreach (var (field, problem) in errors) ModelState.AddProblem($"Input.{field}", problem, l);
        if (check is null) return Page();
        db.GrainPurchaseChecks.Add(check);
        await db.SaveChangesAsync();
        return Redirect($"{GrainRoutes.Purchase}?saved=1");
    }

    private async Task LoadAsync()
    {
        var scope = await user.ScopeAsync();
        MayEdit = (await GrainRights.ForAsync(User, user, authorization)).MayAdd;
        Today = ShianTime.LocalDate(ShianTime.UtcNow(clock));
        Enterprises = await db.Businesses.AsNoTracking().VisibleTo(scope)
            .Where(b => b.Subtype == GrainPurchaseCheck.Subtype && b.Status != BusinessStatus.Closed).OrderBy(b => b.Name).ToListAsync();
        (Checked, _) = await GrainMetrics.PurchaseChecksAsync(db, scope, Today);
        Required = GrainPurchaseCheck.Required(Enterprises.Count);
        var yearStart = new DateOnly(Today.Year, 1, 1);
        var checks = await db.GrainPurchaseChecks.AsNoTracking().VisibleTo(scope).Where(c => c.Date >= yearStart)
            .OrderByDescending(c => c.Date).Take(500).ToListAsync();
        var ids = checks.Select(c => c.BusinessId).Distinct().ToList(); // at most the 500 checks shown
        var names = await db.Businesses.Where(b => ids.Contains(b.Id)).ToDictionaryAsync(b => b.Id, b => b.Name);
        Rows = checks.Select(c => new Row(c.Id, c.Date, names.GetValueOrDefault(c.BusinessId, ""), c.Inspectors, c.Result, c.SiloRecordsRequired, c.Findings)).ToList();
    }
}
