using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Shian.Common;
using Shian.Data;
using Shian.Traceability;

namespace Shian.Web.Public;

/// <summary>
/// A short code from a label (<c>/t/{code}</c>): renders the lot's trace page in place (one request less on a phone),
/// the same page as its Digital Link address.
/// </summary>
[AllowAnonymous]
[OutputCache(PolicyName = TraceCache.Policy)]
public class TraceShortModel(ShianDb db, TimeProvider clock) : PageModel
{
    public TraceLookup.View? View { get; private set; }

    public async Task<IActionResult> OnGetAsync(string code)
    {
        var normalized = code.Trim().ToLowerInvariant();
        if (TraceCode.IsWellFormed(normalized)
            && await db.TraceCodes.AsNoTracking().Where(c => c.Code == normalized).Select(c => new { c.Gtin, c.Lot }).FirstOrDefaultAsync() is { } lot)
        {
            View = await TraceLookup.FindAsync(db, lot.Gtin, lot.Lot, null, ShianTime.LocalDate(ShianTime.UtcNow(clock)), HttpContext.RequestAborted);
        }
        if (View is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
        }
        return Page();
    }
}
