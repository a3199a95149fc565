using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Shian.Common;
using Shian.Data;
using Shian.Registry;

namespace Shian.Web.Public;

/// <summary>
/// 许可证核验: what a consumer sees after scanning the QR code on a certificate — is this licence genuine and current,
/// and whose is it. Only what the certificate itself shows; nothing about the operator's people.
/// </summary>
[AllowAnonymous]
public class LicenceCheckModel(ShianDb db, TimeProvider clock) : PageModel
{
    public sealed record View(AuthorisationKind Kind, string Number, string Business, string CreditCode, string Address, string Scope,
        DateOnly IssuedOn, DateOnly? ExpiresOn, string Authority, LicenceStatus Status, DateOnly? StatusChangedOn, bool Current, bool Expired);

    public View? Licence { get; private set; }

    /// <summary>The holder is on the serious-violation list today: the public sees it.</summary>
    public bool SeriousViolator { get; private set; }

    public async Task<IActionResult> OnGetAsync(string code)
    {
        var today = ShianTime.LocalDate(clock.GetUtcNow().UtcDateTime);
        var found = await db.Licences.AsNoTracking().Where(l => l.PublicCode == code)
            .Join(db.Businesses, l => l.BusinessId, b => b.Id, (l, b) => new { Licence = l, b.Id, b.Name, b.CreditCode, b.Address })
            .FirstOrDefaultAsync();
        if (found is null)
        {
            return NotFound();
        }
        var l = found.Licence;
        SeriousViolator = await Shian.Credit.CreditFlags.IsListedAsync(db, found.Id, today);
        Licence = new View(l.Kind, l.Number, found.Name, found.CreditCode, found.Address, l.Scope, l.IssuedOn, l.ExpiresOn, l.Authority, l.Status,
            l.StatusChangedOn, l.IsCurrent(today), l.ExpiresOn < today);
        return Page();
    }
}
