using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Shian.Accounts;
using Shian.Data;
using Shian.Registry;
using Shian.Traceability;
using Shian.Web.Infrastructure;

namespace Shian.Web.Features.Traceability;

/// <summary>
/// 批次追溯 search: a GTIN and lot open the lot; a GTIN alone lists the lots captured under it (those of visible
/// businesses' events for township staff and operators); any identifier (EPC URN, Digital Link, key) opens its page.
/// </summary>
[Authorize(Policy = Policies.Lots)]
public class LotSearchModel(ShianDb db, CurrentUser user, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Gtin { get; set; }
    [BindProperty(SupportsGet = true)] public string? Lot { get; set; }
    [BindProperty(SupportsGet = true)] public string? Key { get; set; }
    public IReadOnlyList<string> Lots { get; private set; } = [];
    public bool Searched { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var gtinText = (Gtin ?? "").Trim();
        var lot = (Lot ?? "").Trim();
        var key = (Key ?? "").Trim();
        if (key.Length > 0)
        {
            return Redirect(TraceabilityRoutes.Lot(TraceKey.Of(key)));
        }
        if (gtinText.Length == 0)
        {
            if (lot.Length > 0)
            {
                ModelState.AddProblem(nameof(Gtin), new("TraceProduct.GtinRequired"), l);
            }
            return Page();
        }
        if (Shian.Traceability.Gtin.Normalize(gtinText) is not { } gtin)
        {
            ModelState.AddProblem(nameof(Gtin), new("TraceProduct.GtinInvalid"), l);
            return Page();
        }
        if (lot.Length > 0)
        {
            return Redirect(TraceabilityRoutes.Lot(TraceKey.Lot(gtin, lot)));
        }
        Searched = true;
        var scope = await user.ScopeAsync(HttpContext.RequestAborted);
        var prefix = $"01/{gtin}/10/";
        var keys = db.EpcisEventEpcs.Where(x => x.Key.StartsWith(prefix));
        if (scope.Level is not (AccessLevel.Jurisdiction or AccessLevel.Unit))
        {
            var visible = db.Businesses.VisibleTo(scope).Select(b => b.Id);
            keys = keys.Where(x => db.EpcisEvents.Any(e => e.Id == x.EventId && visible.Contains(e.BusinessId)));
        }
        Lots = await keys.Select(x => x.Key).Distinct().OrderBy(k => k).Take(200).ToListAsync(HttpContext.RequestAborted);
        return Page();
    }

    /// <summary>The lot page's address: the key's segments escaped one by one (a lot code may hold any character).</summary>
}
