using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Shian.Common;
using Shian.Data;
using Shian.Traceability;

namespace Shian.Web.Public;

/// <summary>
/// The GS1 Digital Link resolver: what a consumer's phone opens from the QR code on a pack. <c>/01/{gtin}</c> (the
/// product), <c>/01/{gtin}/10/{lot}</c> (a lot) and <c>/01/{gtin}/21/{serial}</c> (one item); a GTIN of 8, 12, 13 or 14
/// digits; query strings (other GS1 attributes, campaign tags) ignored. An invalid GTIN or an unknown product or lot is
/// a friendly 404. Anonymous responses are cached briefly (<see cref="TraceCache"/>), evicted when a certificate changes.
/// </summary>
[AllowAnonymous]
[OutputCache(PolicyName = TraceCache.Policy)]
public class TraceModel(ShianDb db, TimeProvider clock) : PageModel
{
    public TraceLookup.View? View { get; private set; }

    public async Task<IActionResult> OnGetAsync(string gtin, string? ai, string? value)
    {
        string? lot = null, serial = null;
        switch (ai, value)
        {
            case (null, null):
                break;
            case ("10", { Length: > 0 } l):
                lot = l;
                break;
            case ("21", { Length: > 0 } s):
                serial = s;
                break;
            default:
                return TraceNotFound();
        }
        View = await TraceLookup.FindAsync(db, gtin, lot, serial, ShianTime.LocalDate(ShianTime.UtcNow(clock)), HttpContext.RequestAborted);
        return View is null ? TraceNotFound() : Page();
    }

    private IActionResult TraceNotFound()
    {
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }
}
