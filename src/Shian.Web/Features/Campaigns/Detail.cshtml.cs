using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Shian.Accounts;
using Shian.Campaigns;
using Shian.Common;
using Shian.Data;
using Shian.Registry;
using Shian.Web.Infrastructure;

namespace Shian.Web.Features.Campaigns;

/// <summary>
/// A campaign's progress: the businesses in its scope that the reader may see (a township's staff their township's),
/// how many were inspected for it within its period, the results, per township; the in-scope list as a workbook, and
/// on the page (with 开始检查 for those who inspect while it runs). A township's staff open only campaigns touching their township.
/// </summary>
[Authorize(Policy = Policies.Staff)]
public class DetailModel(ShianDb db, CurrentUser user, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public Campaign Campaign { get; private set; } = null!;
    public CampaignStatus Status { get; private set; }
    public CampaignProgress Progress { get; private set; } = null!;
    public IReadOnlyDictionary<Guid, string> TownshipNames { get; private set; } = new Dictionary<Guid, string>();

    /// <summary>The office may change it (while it has not ended).</summary>
    public bool CanEdit { get; private set; }

    /// <summary>The reader does field work and the campaign runs today: each business in scope offers 开始检查.</summary>
    public bool CanInspect { get; private set; }

    /// <summary>At most this many in-scope businesses are listed on the page (the workbook has them all).</summary>
    public const int ListedMax = 200;

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await LoadAsync(id)) return NotFound();
        return Page();
    }

    /// <summary>导出: every in-scope business the reader may see, with whether it was inspected for the campaign.</summary>
    public async Task<IActionResult> OnGetExportAsync(Guid id)
    {
        if (!await LoadAsync(id)) return NotFound();
        string Result(Shian.Inspections.InspectionResult? r) => r is { } x ? l["Campaigns.Result." + x].Value : "";
        return Export.Of(Progress.Businesses)
            .Column("Campaigns.Business", r => r.Business.Name).Column("Registry.CreditCode", r => r.Business.CreditCode)
            .Column("Registry.Township", r => TownshipNames.GetValueOrDefault(r.Business.TownshipId, "")).Column("Registry.Address", r => r.Business.Address)
            .Column("Campaigns.Inspected", r => r.Inspected ? l["Common.Yes"].Value : l["Common.No"].Value).Column("Campaigns.Export.Inspections", r => r.Inspections)
            .Column("Campaigns.Export.LastResult", r => Result(r.LastResult))
            .Xlsx(l, $"{Campaign.Name}.xlsx", l["Campaigns.Export.Sheet"]);
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        if (await db.Campaigns.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id) is not { } campaign) return false;
        var scope = await user.ScopeAsync();
        // A campaign that does not touch the reader's township is not shown (as if it did not exist).
        if (!campaign.VisibleTo(scope)) return false;
        Campaign = campaign;
        Status = campaign.StatusOn(ShianTime.LocalDate(clock.GetUtcNow().UtcDateTime));
        CanEdit = Status is CampaignStatus.Planned or CampaignStatus.Running && await HttpContext.MeetsAsync(Policies.Office);
        CanInspect = Status == CampaignStatus.Running && scope.Level is AccessLevel.Jurisdiction or AccessLevel.Township
            && await HttpContext.MeetsAsync(Policies.Inspect);
        Progress = await CampaignProgress.LoadAsync(db, campaign, scope);
        TownshipNames = await db.Townships.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Name);
        return true;
    }
}
