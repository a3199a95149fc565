using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Shian.Complaints;

namespace Shian.Web.Features.Complaints.Public;

/// <summary>
/// After filing: the tracking code, for writing down, and how to follow it. The code is only shown back, never looked up
/// here (the honeypot's decoy code gets the same page), so this page says nothing about which codes exist.
/// </summary>
[AllowAnonymous]
public class FiledModel : PageModel
{
    public string Code { get; private set; } = "";

    public IActionResult OnGet(string code)
    {
        if (TrackingCodes.Normalize(code) is not { } normalized)
        {
            return NotFound();
        }
        Code = TrackingCodes.Display(normalized);
        return Page();
    }
}
