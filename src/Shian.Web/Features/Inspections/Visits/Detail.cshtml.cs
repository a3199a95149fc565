using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Shian.Accounts;
using Shian.Common;
using Shian.Data;
using Shian.Inspections;
using Shian.Web.Infrastructure;

namespace Shian.Web.Features.Inspections;

/// <summary>
/// 检查记录: one inspection with its items, notes, photos, inspectors and result; the notice that a rectification order is
/// required when an item failed; the operator's acknowledgement (签收). Staff see their township's, operators their own
/// businesses' — anything else is not found.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public class DetailModel(ShianDb db, CurrentUser user, TimeProvider clock, IAuthorizationService authorization, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed record ItemView(string Code, string Text, bool Key, ItemResult Result, string? Note, IReadOnlyList<Guid> Photos);

    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty(SupportsGet = true)] public string? Saved { get; set; }
    [BindProperty] public string? Comment { get; set; }

    public Inspection Record { get; private set; } = null!;
    public string BusinessName { get; private set; } = "";
    public IReadOnlyList<ItemView> Items { get; private set; } = [];
    public IReadOnlyList<string> InspectorNames { get; private set; } = [];
    public bool MayIssueRectification { get; private set; }
    public bool MayAcknowledge { get; private set; }
    public Guid? ComplaintId { get; private set; }

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    public async Task<IActionResult> OnPostAcknowledgeAsync()
    {
        if (!await LoadAsync())
        {
            return NotFound();
        }
        if (!MayAcknowledge)
        {
            return Forbid();
        }
        var tracked = await db.Inspections.SingleAsync(i => i.Id == Id);
        if (tracked.Acknowledge(user.Name, Comment, ShianTime.UtcNow(clock)) is { } error)
        {
            ModelState.AddProblem(nameof(Comment), error, l);
            return Page();
        }
        await db.SaveChangesAsync();
        return Redirect(InspectionsRoutes.Inspection(Id));
    }

    /// <summary>One photo of the inspection, to whoever may see the inspection.</summary>
    public async Task<IActionResult> OnGetPhotoAsync(Guid photo)
    {
        // Only a photo of this inspection's items here; who may open it is the inspection-photo rule's to say.
        var items = db.Inspections.Where(i => i.Id == Id).SelectMany(i => i.Items.Select(x => x.Id));
        if (!await db.StoredFiles.AnyAsync(f => f.Id == photo && items.Contains(f.OwnerId)))
        {
            return NotFound();
        }
        return (await FileRules.OpenAsync(HttpContext, photo, null, FileOwners.InspectionPhoto)).ToActionResult(inline: true);
    }

    private async Task<bool> LoadAsync()
    {
        var scope = await user.ScopeAsync();
        var record = await db.Inspections.AsNoTracking().VisibleTo(scope).Include(i => i.Items).Include(i => i.Inspectors)
            .FirstOrDefaultAsync(i => i.Id == Id);
        if (record is null)
        {
            return false;
        }
        Record = record;
        BusinessName = await db.Businesses.Where(b => b.Id == record.BusinessId).Select(b => b.Name).SingleAsync();
        var checklist = await Checklists.VersionAsync(db, record.ChecklistName, record.ChecklistVersion);
        var itemIds = record.Items.Select(i => i.Id).ToList();
        var photos = (await db.StoredFiles.AsNoTracking().Where(f => f.OwnerKind == FileOwners.InspectionPhoto && itemIds.Contains(f.OwnerId))
            .Select(f => new { f.Id, f.OwnerId }).ToListAsync()).ToLookup(f => f.OwnerId, f => f.Id);
        Items = record.Items.OrderBy(i => i.Order)
            .Select(i => new ItemView(i.Code, checklist?.FindItem(i.Code)?.Text ?? "", i.Key, i.Result, i.Note, photos[i.Id].ToList()))
            .ToList();
        var ids = record.Inspectors.Select(x => x.UserId).ToList();
        InspectorNames = (await db.Users.Where(u => ids.Contains(u.Id)).Select(u => u.DisplayName).ToListAsync()).Order(StringComparer.Ordinal).ToList();
        // The same rule as the page that issues the order, so the link never leads to "access denied".
        MayIssueRectification = record.Status == InspectionStatus.Submitted
            && (await authorization.AuthorizeAsync(User, Policies.RegistryEdit)).Succeeded;
        MayAcknowledge = scope.Level == AccessLevel.OwnBusinesses && scope.BusinessIds.Contains(record.BusinessId)
            && record.Status == InspectionStatus.Submitted && record.AcknowledgedAt is null;
        // The complaint this inspection was started for, when the user may see it (its log names the inspection).
        ComplaintId = await Shian.Complaints.ComplaintScope.VisibleTo(db.Complaints.AsNoTracking(), scope)
            .Where(c => c.Entries.Any(e => e.Kind == Shian.Complaints.ComplaintEntryKind.InspectionStarted && e.LinkedId == record.Id))
            .Select(c => (Guid?)c.Id).FirstOrDefaultAsync();
        return true;
    }
}
