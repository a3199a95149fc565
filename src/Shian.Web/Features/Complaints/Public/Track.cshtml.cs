using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Shian.Data;
using Shian.Web.Infrastructure;

namespace Shian.Web.Features.Complaints.Public;

/// <summary>
/// 进度查询: the submitter follows a complaint by its code — kind, dates, status and outcome only; never the description,
/// the handler, the informant or the reply's text. An unknown code and a malformed one get the same message (no oracle),
/// and the lookups are rate-limited per client address like the form.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimits.PublicComplaints)]
public class TrackModel(ShianDb db) : PageModel
{
    public string? Code { get; private set; }
    public ComplaintsApi.Tracked? Found { get; private set; }
    public bool Unknown { get; private set; }

    public async Task OnGetAsync(string? code)
    {
        Code = code?.Trim();
        if (string.IsNullOrEmpty(Code))
        {
            return;
        }
        Found = await ComplaintsApi.FindAsync(db, Code, HttpContext.RequestAborted);
        Unknown = Found is null;
    }
}
