using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Shian.Data;
using Shian.Traceability;
using Shian.Web.Infrastructure;

namespace Shian.Web.Features.Traceability;

/// <summary>
/// The printable 合格证: one card per copy (第 k/N 份 for a per-package certificate), each with the verify QR code; sized to
/// fit a 58/80 mm phone-connected printer one per strip, or several per A4 page.
/// </summary>
[Authorize(Policy = Policies.Traceability)]
public class CertificatesPrintModel(ShianDb db, CurrentUser user) : PageModel
{
    public ProduceCertificate Certificate { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var found = await db.ProduceCertificates.VisibleTo(await user.ScopeAsync()).AsNoTracking().FirstOrDefaultAsync(c => c.Id == id);
        if (found is null)
        {
            return NotFound();
        }
        Certificate = found;
        return Page();
    }
}
