using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Shian.Data;
using Shian.Registry;
using Shian.Web.Infrastructure;

namespace Shian.Web.Features.Registry;

/// <summary>
/// Recording a licence or filing of a business: its number checked against its kind and the business, its dates in
/// order. Warnings (another region, a type that does not fit) are shown and must be acknowledged.
/// </summary>
[Authorize(Policy = Policies.RegistryEdit)]
public class LicenceNewModel(ShianDb db, CurrentUser user, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public Business? Record { get; private set; }
    public IReadOnlyList<string> Warnings { get; private set; } = [];

    [BindProperty] public AuthorisationKind Kind { get; set; }
    [BindProperty] public string? Number { get; set; }
    [BindProperty] public string? Scope { get; set; }
    [BindProperty] public DateOnly? IssuedOn { get; set; }
    [BindProperty] public DateOnly? ExpiresOn { get; set; }
    [BindProperty] public string? Authority { get; set; }
    [BindProperty] public bool ByCommitment { get; set; }

    /// <summary>Set once the person has seen the warnings and keeps the licence anyway.</summary>
    [BindProperty] public bool WarningsSeen { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        Kind = Record!.Category == BusinessCategory.Producer ? AuthorisationKind.ProductionLicence : AuthorisationKind.BusinessLicence;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        if (!Enum.IsDefined(Kind))
        {
            ModelState.AddModelError(nameof(Kind), l["Validation.Invalid", l["Licence.Kind"]]);
            return Page();
        }
        if (IssuedOn is null)
        {
            ModelState.AddModelError(nameof(IssuedOn), l["Validation.Required", l["Licence.IssuedOn"]]);
            return Page();
        }
        var (errors, warnings) = Licence.Check(Kind, Number ?? "", IssuedOn.Value, ExpiresOn, Record!);
        foreach (var error in errors)
        {
            ModelState.AddProblem(nameof(Number), error, l);
        }
        var number = LicenceNumber.Normalize(Number ?? "");
        if (await db.Licences.AnyAsync(x => x.Number == number))
        {
            ModelState.AddModelError(nameof(Number), l["Licence.NumberTaken", number]);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        if (warnings.Count > 0 && !WarningsSeen)
        {
            Warnings = warnings.Select(l.Word).ToList();
            WarningsSeen = true;
            ModelState.Remove(nameof(WarningsSeen));
            return Page();
        }
        db.Licences.Add(new Licence
        {
            BusinessId = id, Kind = Kind, Number = number, Scope = Scope?.Trim() ?? "", IssuedOn = IssuedOn.Value, ExpiresOn = ExpiresOn,
            Authority = Authority?.Trim() ?? "", ByCommitment = ByCommitment, PublicCode = Licence.NewPublicCode(),
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync();
        return Redirect(RegistryRoutes.Business(id));
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        var scope = await user.ScopeAsync();
        Record = await db.Businesses.AsNoTracking().VisibleTo(scope).FirstOrDefaultAsync(b => b.Id == id);
        return Record is not null;
    }
}
