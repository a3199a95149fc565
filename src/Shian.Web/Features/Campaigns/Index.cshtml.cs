using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Shian.Campaigns;
using Shian.Common;
using Shian.Data;
using Shian.Web.Infrastructure;

namespace Shian.Web.Features.Campaigns;

/// <summary>专项行动: the campaigns, newest first, with their period and status; a township's staff see those touching their township.</summary>
[Authorize(Policy = Policies.Staff)]
public class IndexModel(ShianDb db, CurrentUser user, TimeProvider clock) : PageModel
{
    public sealed record Row(Guid Id, string Name, CampaignKind Kind, DateOnly From, DateOnly To, CampaignStatus Status, string Checklist);

    public IReadOnlyList<Row> Campaigns { get; private set; } = [];

    /// <summary>The office plans campaigns.</summary>
    public bool MayPlan { get; private set; }

    public async Task OnGetAsync()
    {
        MayPlan = await HttpContext.MeetsAsync(Policies.Office);
        var today = ShianTime.LocalDate(clock.GetUtcNow().UtcDateTime);
        var scope = await user.ScopeAsync();
        var campaigns = await db.Campaigns.AsNoTracking().OrderByDescending(c => c.From).ThenBy(c => c.Name).ToListAsync();
        // A township's staff see the campaigns that touch their township (campaigns are few: filtered here, not in SQL).
        Campaigns = campaigns.Where(c => c.VisibleTo(scope)).Select(c => new Row(c.Id, c.Name, c.Kind, c.From, c.To, c.StatusOn(today), c.Checklist)).ToList();
    }
}
