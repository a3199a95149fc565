using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Shian.Data;
using Shian.Web.Infrastructure;

namespace Shian.Web.Public;

/// <summary>The public home page: what anyone sees without signing in. Later modules add published content here.</summary>
[AllowAnonymous]
public class IndexModel(ShianDb db, Frame frame) : PageModel
{
    public sealed record Summary(int Townships, int Units);

    public string PlatformName { get; private set; } = "";
    public Summary? Jurisdiction { get; private set; }

    public async Task OnGetAsync()
    {
        PlatformName = await frame.PlatformNameAsync();
        Jurisdiction = await db.Jurisdictions.AsNoTracking()
            .Select(j => new Summary(j.Townships.Count(t => t.Active && t.IsTownship), j.Units.Count(u => u.Active)))
            .FirstOrDefaultAsync();
    }
}
