using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Shian.Audit;
using Shian.Common;
using Shian.Data;
using Shian.Registry;
using Shian.Risk;
using Shian.Web.Infrastructure;

namespace Shian.Web.Features.Risk;

/// <summary>
/// The office enters a dynamic risk factor by hand (an inspection finding, a failed sample, a complaint, a case) until
/// the modules that own those records feed them; the business is regraded at once.
/// </summary>
[Authorize(Policy = Policies.Office)]
public class FactorModel(ShianDb db, IAuditActor actor, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed class FactorInput
    {
        public string ItemCode { get; set; } = "";
        public decimal? Points { get; set; }
        public DateOnly? Date { get; set; }
        public string Reason { get; set; } = "";
    }

    public Business? Business { get; private set; }
    public RiskSheet? Sheet { get; private set; }

    [BindProperty] public FactorInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        Input.Date = ShianTime.LocalDate(ShianTime.UtcNow(clock));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        var now = ShianTime.UtcNow(clock);
        var item = Sheet?.DynamicItems.FirstOrDefault(i => i.Code == Input.ItemCode);
        if (item is null)
        {
            ModelState.AddModelError("Input.ItemCode", l["Validation.Invalid", l["Risk.Item"]]);
        }
        else if (Input.Points is not { } points || points <= 0 || points > item.MaxPoints)
        {
            ModelState.AddModelError("Input.Points", l["Risk.PointsRange", item.MaxPoints.ToString("0.##")]);
        }
        if (Input.Date is not { } date)
        {
            ModelState.AddModelError("Input.Date", l["Validation.Required", l["Risk.FactorDate"]]);
        }
        else if (date > ShianTime.LocalDate(now))
        {
            ModelState.AddModelError("Input.Date", l["Risk.DateInFuture"]);
        }
        var reason = Input.Reason.Trim();
        if (reason.Length is 0 or > 500)
        {
            ModelState.AddModelError("Input.Reason", l["Validation.Required", l["Risk.FactorReason"]]);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }

        db.RiskFactors.Add(new RiskFactor
        {
            BusinessId = id, ItemCode = item!.Code, Points = Input.Points!.Value, Date = Input.Date!.Value, Reason = reason,
            Source = RiskFactorSources.Manual, RecordedAt = now, RecordedBy = actor.Name,
        });
        await db.SaveChangesAsync();
        await RiskRegrade.RunAsync(db, actor.Name, now, id, HttpContext.RequestAborted);
        return Redirect(Registry.RegistryRoutes.Business(id));
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        Business = await db.Businesses.AsNoTracking().FirstOrDefaultAsync(b => b.Id == id);
        if (Business is null)
        {
            return false;
        }
        Sheet = (await RiskSheetSet.LoadAsync(db, ShianTime.LocalDate(ShianTime.UtcNow(clock)))).For(Business.Category);
        return true;
    }
}
