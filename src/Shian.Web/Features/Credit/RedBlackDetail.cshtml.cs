using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Shian.Audit;
using Shian.Common;
using Shian.Credit;
using Shian.Data;
using Shian.Registry;
using Shian.Web.Infrastructure;

namespace Shian.Web.Features.Credit;

/// <summary>
/// One month's red/black list. Staff see the entries within their scope; the office reviews a draft — leaves an entry
/// off with a reason, or puts it back — and approves it, which publishes it on <c>/public/redblack</c>.
/// </summary>
[Authorize(Policy = Policies.Supervision)]
public class RedBlackDetailModel(ShianDb db, CurrentUser user, IAuthorizationService authorization, IAuditActor actor, TimeProvider clock,
    IStringLocalizer<SharedResource> l) : PageModel
{
    public RedBlackList? List { get; private set; }
    public IReadOnlyList<RedBlackEntry> Entries { get; private set; } = [];
    public bool CanReview { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostExcludeAsync(Guid id, Guid entryId, bool exclude, string? reason)
    {
        if (!(await authorization.AuthorizeAsync(User, Policies.Office)).Succeeded)
        {
            return Forbid();
        }
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        var entry = await db.RedBlackEntries.FirstOrDefaultAsync(e => e.Id == entryId && e.ListId == id);
        if (entry is null)
        {
            return NotFound();
        }
        reason = (reason ?? "").Trim();
        if (List!.Status != RedBlackListStatus.Draft)
        {
            ModelState.AddModelError(string.Empty, l["RedBlack.AlreadyPublished"]);
        }
        else if (exclude && reason.Length is 0 or > 500)
        {
            ModelState.AddModelError("reason", l["Validation.Required", l["RedBlack.ExcludedReason"]]);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        entry.Excluded = exclude;
        entry.ExcludedReason = exclude ? reason : "";
        await db.SaveChangesAsync();
        return Redirect(CreditRoutes.RedBlackList(id));
    }

    public async Task<IActionResult> OnPostApproveAsync(Guid id)
    {
        if (!(await authorization.AuthorizeAsync(User, Policies.Office)).Succeeded)
        {
            return Forbid();
        }
        var list = await db.RedBlackLists.FirstOrDefaultAsync(x => x.Id == id);
        if (list is null)
        {
            return NotFound();
        }
        if (!list.Approve(actor.Name, ShianTime.UtcNow(clock)))
        {
            await LoadAsync(id);
            ModelState.AddModelError(string.Empty, l["RedBlack.AlreadyPublished"]);
            return Page();
        }
        await db.SaveChangesAsync();
        return Redirect(CreditRoutes.RedBlackList(id));
    }

    /// <summary>
    /// The month's list (draft or approved) as a workbook, for the entries this user may see: side, business, its food
    /// business licence number, township, reason, and whether and why the office left it off.
    /// </summary>
    public async Task<IActionResult> OnGetExportAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        // A subquery, not the entries read above: a month's list sent back as parameters grows with the register.
        var ids = db.RedBlackEntries.Where(e => e.ListId == id).Select(e => e.BusinessId);
        var licences = (await db.Licences.AsNoTracking().Where(x => ids.Contains(x.BusinessId) && x.Kind == AuthorisationKind.BusinessLicence)
                .Select(x => new { x.BusinessId, x.Number, x.Status, x.IssuedOn }).ToListAsync())
            .GroupBy(x => x.BusinessId)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(x => x.Status == LicenceStatus.Valid).ThenByDescending(x => x.IssuedOn).First().Number);
        var rows = Entries.OrderBy(e => e.Side).ThenBy(e => e.Township, StringComparer.Ordinal).ThenBy(e => e.BusinessName, StringComparer.Ordinal);
        var name = $"{l["RedBlack.Title"].Value} {List!.Month:yyyy-MM}";
        var status = l["RedBlackListStatus." + List.Status].Value;
        return Export.Of(rows)
            .Column("RedBlack.Side", e => l["RedBlack." + e.Side].Value).Column("Credit.Business", e => e.BusinessName)
            .Column("RedBlack.LicenceNumber", e => licences.GetValueOrDefault(e.BusinessId, "")).Column("Registry.Township", e => e.Township)
            .Column("RedBlack.Reason", e => e.Reason).Column("RedBlack.Excluded", e => e.Excluded ? l["Common.Yes"].Value : l["Common.No"].Value)
            .Column("RedBlack.ExcludedReason", e => e.ExcludedReason)
            .Xlsx(l, $"{name}（{status}）.xlsx", List.Month.ToString("yyyy-MM"));
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        List = await db.RedBlackLists.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id);
        if (List is null)
        {
            return false;
        }
        var visible = db.Businesses.AsNoTracking().VisibleTo(await user.ScopeAsync()).Select(b => b.Id);
        Entries = await db.RedBlackEntries.AsNoTracking().Where(e => e.ListId == id && visible.Contains(e.BusinessId))
            .OrderBy(e => e.Side).ThenBy(e => e.BusinessName).ToListAsync();
        CanReview = List.Status == RedBlackListStatus.Draft && (await authorization.AuthorizeAsync(User, Policies.Office)).Succeeded;
        return true;
    }
}
