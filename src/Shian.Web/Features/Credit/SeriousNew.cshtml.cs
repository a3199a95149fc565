using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Shian.Audit;
using Shian.Common;
using Shian.Credit;
using Shian.Data;
using Shian.Registry;
using Shian.Risk;
using Shian.Web.Infrastructure;

namespace Shian.Web.Features.Credit;

/// <summary>
/// The office lists a business on the serious-violation list: the business by its credit code or exact name, the decision
/// and the provision. The listing runs for the configured period; the business is regraded at once (to D).
/// </summary>
[Authorize(Policy = Policies.Office)]
public class SeriousNewModel(ShianDb db, IAuditActor actor, TimeProvider clock, CreditSettings settings, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed class ListingInput
    {
        /// <summary>统一社会信用代码 or the exact name.</summary>
        public string Business { get; set; } = "";
        public string Basis { get; set; } = "";
        public string Provision { get; set; } = "";
        public DateOnly? DecidedOn { get; set; }
        public DateOnly? From { get; set; }
    }

    [BindProperty] public ListingInput Input { get; set; } = new();

    public int ListingYears => settings.ListingYears;

    public void OnGet(string? business)
    {
        Input.Business = business ?? "";
        Input.DecidedOn = ShianTime.LocalDate(ShianTime.UtcNow(clock));
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var now = ShianTime.UtcNow(clock);
        var term = Input.Business.Trim();
        Business? business = null;
        if (term.Length == 0)
        {
            ModelState.AddModelError("Input.Business", l["Validation.Required", l["Credit.Business"]]);
        }
        else
        {
            var code = CreditCode.Normalize(term);
            var found = await db.Businesses.AsNoTracking().Where(b => b.CreditCode == code || b.Name == term).Take(2).ToListAsync();
            if (found.Count == 1)
            {
                business = found[0];
            }
            else
            {
                ModelState.AddModelError("Input.Business", l[found.Count == 0 ? "Credit.BusinessNotFound" : "Credit.BusinessAmbiguous"]);
            }
        }
        var (listing, error) = SeriousViolation.Create(business?.Id ?? Guid.Empty, Input.Basis, Input.Provision, Input.DecidedOn, Input.From,
            ShianTime.LocalDate(now), settings, now, actor.Name);
        if (error is not null)
        {
            ModelState.AddProblem(string.Empty, error, l);
        }
        if (!ModelState.IsValid || listing is null || business is null)
        {
            return Page();
        }
        db.SeriousViolations.Add(listing);
        await db.SaveChangesAsync();
        await RiskRegrade.RunAsync(db, actor.Name, now, business.Id, HttpContext.RequestAborted);
        return Redirect(CreditRoutes.SeriousListing(listing.Id));
    }
}
