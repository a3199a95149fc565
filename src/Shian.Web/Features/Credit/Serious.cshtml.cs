using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Shian.Common;
using Shian.Credit;
using Shian.Data;
using Shian.Registry;
using Shian.Web.Infrastructure;

namespace Shian.Web.Features.Credit;

/// <summary>严重违法失信名单: every listing of a business this user may see, newest first, exported to Excel or CSV.</summary>
[Authorize(Policy = Policies.Supervision)]
public class SeriousModel(ShianDb db, CurrentUser user, IAuthorizationService authorization, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed record Row(Guid Id, Guid BusinessId, string Business, string CreditCode, string Township, string Basis, DateOnly DecidedOn,
        DateOnly From, DateOnly? To, SeriousViolationStatus Status, bool Pending);

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public bool CanAdd { get; private set; }

    /// <summary>Listings with an early-removal request waiting for the office's decision, among those this user sees.</summary>
    public int PendingCount { get; private set; }

    /// <summary>Only the listings with a request waiting.</summary>
    public bool PendingOnly { get; private set; }

    public async Task OnGetAsync(bool pending)
    {
        var rows = await LoadAsync();
        PendingCount = rows.Count(r => r.Pending);
        PendingOnly = pending;
        Rows = pending ? rows.Where(r => r.Pending).ToList() : rows;
        CanAdd = (await authorization.AuthorizeAsync(User, Policies.Office)).Succeeded;
    }

    public async Task<IActionResult> OnGetExportAsync(string? format)
    {
        var rows = await LoadAsync();
        var list = Export.Of(rows)
            .Column("Registry.Name", r => r.Business).Column("Registry.CreditCode", r => r.CreditCode).Column("Registry.Township", r => r.Township)
            .Column("Credit.Basis", r => r.Basis).Column("Credit.DecidedOn", r => r.DecidedOn.ToString("yyyy-MM-dd"))
            .Column("Credit.From", r => r.From.ToString("yyyy-MM-dd")).Column("Credit.To", r => r.To?.ToString("yyyy-MM-dd") ?? "")
            .Column("Common.Status", r => l["SeriousViolationStatus." + r.Status].Value);
        var name = l["Credit.SeriousTitle"].Value;
        return format == "csv" ? list.Csv(l, name + ".csv") : list.Xlsx(l, name + ".xlsx", name);
    }

    private async Task<List<Row>> LoadAsync()
    {
        var today = ShianTime.LocalDate(clock.GetUtcNow().UtcDateTime);
        var businesses = db.Businesses.AsNoTracking().VisibleTo(await user.ScopeAsync());
        var rows = await db.SeriousViolations.AsNoTracking()
            .Join(businesses, v => v.BusinessId, b => b.Id, (v, b) => new { v, b.Name, b.CreditCode, b.TownshipId })
            .Join(db.Townships, x => x.TownshipId, t => t.Id, (x, t) => new { x.v, x.Name, x.CreditCode, Township = t.Name })
            .OrderByDescending(x => x.v.From).Take(2000).ToListAsync();
        var ids = rows.Select(x => x.v.Id).ToList(); // at most the 2,000 listings shown
        var pending = (await db.SeriousViolationRemovals.AsNoTracking().Where(r => r.Decision == RemovalDecision.Pending && ids.Contains(r.SeriousViolationId))
            .Select(r => r.SeriousViolationId).ToListAsync()).ToHashSet();
        return rows.Select(x => new Row(x.v.Id, x.v.BusinessId, x.Name, x.CreditCode, x.Township, x.v.Basis, x.v.DecidedOn, x.v.From, x.v.To, x.v.StatusOn(today),
            pending.Contains(x.v.Id))).ToList();
    }
}
