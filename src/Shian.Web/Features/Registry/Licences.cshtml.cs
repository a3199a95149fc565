using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Shian.Common;
using Shian.Data;
using Shian.Registry;
using Shian.Web.Infrastructure;

namespace Shian.Web.Features.Registry;

/// <summary>许可证到期提醒: the valid licences that expire within 30 or 90 days, soonest first, within the user's scope.</summary>
[Authorize(Policy = Policies.Supervision)]
public class LicencesModel(ShianDb db, CurrentUser user, IAuthorizationService authorization, TimeProvider clock) : PageModel
{
    public sealed record Row(Guid BusinessId, string Business, AuthorisationKind Kind, string Number, DateOnly ExpiresOn, int DaysLeft);

    /// <summary>30 or 90 (days); anything else reads as 90.</summary>
    [BindProperty(SupportsGet = true)] public int Within { get; set; } = 90;

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    /// <summary>May import licences (the registry editors).</summary>
    public bool CanImport { get; private set; }

    public async Task OnGetAsync()
    {
        Within = Within == 30 ? 30 : 90;
        CanImport = (await authorization.AuthorizeAsync(User, Policies.RegistryEdit)).Succeeded;
        var today = ShianTime.LocalDate(clock.GetUtcNow().UtcDateTime);
        var until = today.AddDays(Within);
        var businesses = db.Businesses.AsNoTracking().VisibleTo(await user.ScopeAsync());
        var rows = await db.Licences.AsNoTracking()
            .Where(l => l.Status == LicenceStatus.Valid && l.ExpiresOn != null && l.ExpiresOn >= today && l.ExpiresOn <= until)
            .Join(businesses, l => l.BusinessId, b => b.Id, (l, b) => new { b.Id, b.Name, l.Kind, l.Number, ExpiresOn = l.ExpiresOn!.Value })
            .OrderBy(x => x.ExpiresOn).Take(1000).ToListAsync();
        Rows = rows.Select(x => new Row(x.Id, x.Name, x.Kind, x.Number, x.ExpiresOn, x.ExpiresOn.DayNumber - today.DayNumber)).ToList();
    }
}
