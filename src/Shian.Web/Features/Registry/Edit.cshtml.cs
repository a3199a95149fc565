using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Shian.Common;
using Shian.Data;
using Shian.Organization;
using Shian.Registry;
using Shian.Web.Infrastructure;

namespace Shian.Web.Features.Registry;

/// <summary>
/// Registering a business (/businesses/new) or correcting one. Every field is checked as the import checks it; only the
/// office may keep a credit code that fails its check, and must say why.
/// </summary>
[Authorize(Policy = Policies.RegistryEdit)]
public class EditModel(ShianDb db, CurrentUser user, IAuthorizationService authorization, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    /// <summary>Form field name of each column, so that an error lands next to its input.</summary>
    private static readonly Dictionary<string, string> Fields = new()
    {
        [BusinessInput.Columns.Name] = nameof(BusinessInput.Name), [BusinessInput.Columns.CreditCode] = nameof(BusinessInput.CreditCode),
        [BusinessInput.Columns.CreditCodeOverride] = nameof(BusinessInput.CreditCodeOverride),
        [BusinessInput.Columns.LegalRepresentative] = nameof(BusinessInput.LegalRepresentative), [BusinessInput.Columns.Address] = nameof(BusinessInput.Address),
        [BusinessInput.Columns.Township] = nameof(BusinessInput.Township), [BusinessInput.Columns.Subtype] = nameof(BusinessInput.Subtype),
        [BusinessInput.Columns.Scale] = nameof(BusinessInput.Scale), [BusinessInput.Columns.ContactName] = nameof(BusinessInput.ContactName),
        [BusinessInput.Columns.ContactPhone] = nameof(BusinessInput.ContactPhone), [BusinessInput.Columns.Status] = nameof(BusinessInput.Status),
        [BusinessInput.Columns.Tags] = nameof(BusinessInput.Tags), [BusinessInput.Columns.Latitude] = nameof(BusinessInput.Latitude),
        [BusinessInput.Columns.Longitude] = nameof(BusinessInput.Longitude),
    };

    [BindProperty] public BusinessInput Input { get; set; } = new();

    /// <summary>The tags ticked in the form (codes).</summary>
    [BindProperty] public List<string> TagCodes { get; set; } = [];

    public Guid? Id { get; private set; }
    /// <summary>The townships the form offers: a township-bound account's own only.</summary>
    public IReadOnlyList<Township> Townships { get; private set; } = [];
    private IReadOnlyList<Township> _allTownships = [];
    private RegistryRights _rights = null!;
    public bool MayOverride => _rights.MayOverrideCode;

    public async Task<IActionResult> OnGetAsync(Guid? id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        if (id is not null)
        {
            var b = await db.Businesses.AsNoTracking().SingleAsync(x => x.Id == id);
            Input = new BusinessInput
            {
                Name = b.Name, CreditCode = b.CreditCode, CreditCodeOverride = b.CreditCodeOverride, LegalRepresentative = b.LegalRepresentative,
                Address = b.Address, Township = _allTownships.First(t => t.Id == b.TownshipId).Code, Subtype = b.Subtype,
                Scale = b.Scale.ToString(), ContactName = b.ContactName, ContactPhone = b.ContactPhone, Status = b.Status.ToString(),
                Latitude = b.Latitude?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
                Longitude = b.Longitude?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
            };
            TagCodes = b.TagList.ToList();
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid? id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        // Build checks every field in the import's words; MVC's implicit "required" for non-nullable strings would
        // refuse optional fields left empty, in English.
        ModelState.Clear();
        Input.Tags = string.Join("|", TagCodes);
        var (built, errors) = Input.Build(_allTownships, MayOverride);
        foreach (var error in errors)
        {
            ModelState.AddProblem($"Input.{Fields[error.Field]}", error.Problem, l);
        }
        if (built is not null && !_rights.MayEditIn(built.TownshipId))
        {
            var name = _allTownships.First(t => t.Id == built.TownshipId).Name;
            ModelState.AddProblem("Input.Township", new Problem("Business.OutsideTownship", name), l);
        }
        if (built is not null)
        {
            var taken = await db.Businesses.Where(b => b.CreditCode == built.CreditCode && b.Id != id).Select(b => b.Name).FirstOrDefaultAsync();
            if (taken is not null)
            {
                ModelState.AddProblem("Input.CreditCode", new Problem("Business.CodeTaken", taken), l);
            }
        }
        if (built is null || !ModelState.IsValid)
        {
            return Page();
        }
        Business business;
        if (id is null)
        {
            business = Business.Register(built.Details, built.Status, clock.GetUtcNow().UtcDateTime);
        }
        else
        {
            business = await db.Businesses.SingleAsync(b => b.Id == id);
            var refused = business.UpdateDetails(built.Details) ?? (built.Status == business.Status ? null : business.ChangeStatus(built.Status));
            if (refused is not null)
            {
                // Nothing is saved: the tracked entity's half-applied change is dropped with the request.
                ModelState.AddProblem("Input.Status", refused, l);
                return Page();
            }
        }
        if (id is null)
        {
            db.Businesses.Add(business);
        }
        await db.SaveChangesAsync();
        return Redirect(RegistryRoutes.Business(business.Id));
    }

    private async Task<bool> LoadAsync(Guid? id)
    {
        Id = id;
        var scope = await user.ScopeAsync();
        _rights = await RegistryRights.ForAsync(User, user, authorization);
        _allTownships = await db.Townships.AsNoTracking().Where(t => t.Active).OrderBy(t => t.Code).ToListAsync();
        Townships = _rights.BoundTownship is { } own ? _allTownships.Where(t => t.Id == own).ToList() : _allTownships;
        // Editing a business outside one's township is refused by not finding it (it is not in one's view either).
        return id is null || await db.Businesses.VisibleTo(scope).AnyAsync(b => b.Id == id);
    }
}
