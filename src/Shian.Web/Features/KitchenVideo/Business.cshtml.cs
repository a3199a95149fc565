using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Shian.Accounts;
using Shian.Common;
using Shian.Data;
using Shian.KitchenVideo;
using Shian.Registry;
using Shian.Web.Infrastructure;

namespace Shian.Web.Features.KitchenVideo;

/// <summary>
/// 明厨亮灶 of one catering business: its status with history and its cameras. Staff with registry-edit rights over the
/// business (the office, departments, the township's inspectors) change the status and the cameras; the business's
/// operator sees them and reports a camera offline (an active kitchen becomes 故障). Outside one's scope: not found.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public class BusinessModel(ShianDb db, CurrentUser user, IAuthorizationService authorization, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }

    public Business Target { get; private set; } = null!;
    public KitchenVideoLink? Link { get; private set; }
    public bool MayEdit { get; private set; }
    public bool MayReport { get; private set; }
    public KitchenVideoStatus Status => Link?.Status ?? KitchenVideoStatus.None;

    [BindProperty] public string? CameraName { get; set; }
    [BindProperty] public string? CameraLocation { get; set; }
    [BindProperty] public string? CameraUrl { get; set; }

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    public async Task<IActionResult> OnPostStatusAsync(string? to, string? reason)
    {
        if (await EditableAsync() is { } refused) return refused;
        var link = Link ?? Add();
        var error = Enum.TryParse<KitchenVideoStatus>(to, ignoreCase: false, out var status)
            ? link.ChangeStatus(status, reason, user.Name, ShianTime.UtcNow(clock))
            : new Problem("KitchenVideo.StatusRequired");
        return await SaveOrShowAsync(error, "status");
    }

    public async Task<IActionResult> OnPostCameraAsync()
    {
        if (await EditableAsync() is { } refused) return refused;
        var link = Link ?? Add();
        var error = link.AddCamera(CameraName, CameraLocation, CameraUrl, user.Name, ShianTime.UtcNow(clock));
        return await SaveOrShowAsync(error, nameof(CameraUrl));
    }

    public async Task<IActionResult> OnPostRemoveCameraAsync(Guid camera)
    {
        if (await EditableAsync() is { } refused) return refused;
        var found = Link?.Cameras.FirstOrDefault(c => c.Id == camera);
        if (found is null) return NotFound();
        Link!.Cameras.Remove(found);
        return await SaveOrShowAsync(null, "");
    }

    public async Task<IActionResult> OnPostOnlineAsync(Guid camera)
    {
        if (await EditableAsync() is { } refused) return refused;
        return await SaveOrShowAsync(Link is null ? KitchenVideoLink.CameraMissing : Link.MarkOnline(camera), "");
    }

    /// <summary>The operator (or an editor) reports a camera offline.</summary>
    public async Task<IActionResult> OnPostOfflineAsync(Guid camera, string? note)
    {
        if (!await LoadAsync(tracked: true)) return NotFound();
        if (!MayReport && !MayEdit) return Forbid();
        return await SaveOrShowAsync(Link is null ? KitchenVideoLink.CameraMissing : Link.ReportOffline(camera, note, user.Name, ShianTime.UtcNow(clock)), "");
    }

    private KitchenVideoLink Add()
    {
        Link = KitchenVideoLink.For(Target.Id, Target.TownshipId, user.Name, ShianTime.UtcNow(clock));
        db.KitchenVideoLinks.Add(Link);
        return Link;
    }

    private async Task<IActionResult?> EditableAsync()
    {
        if (!await LoadAsync(tracked: true)) return NotFound();
        return MayEdit ? null : Forbid();
    }

    private async Task<IActionResult> SaveOrShowAsync(Problem? error, string field)
    {
        if (error is not null)
        {
            ModelState.AddProblem(field, error, l);
            db.ChangeTracker.Clear(); // nothing of a refused change is kept
            await LoadAsync();
            return Page();
        }
        await db.SaveChangesAsync(); // audited: the link, its history row and cameras
        return Redirect(KitchenVideoRoutes.Business(Id));
    }

    private async Task<bool> LoadAsync(bool tracked = false)
    {
        var scope = await user.ScopeAsync();
        var business = await db.Businesses.AsNoTracking().VisibleTo(scope).FirstOrDefaultAsync(b => b.Id == Id);
        if (business is null || !KitchenVideoCoverage.IsCatering(business))
        {
            return false;
        }
        Target = business;
        var links = tracked ? db.KitchenVideoLinks : db.KitchenVideoLinks.AsNoTracking();
        Link = await links.Include(l => l.Changes).Include(l => l.Cameras).FirstOrDefaultAsync(l => l.BusinessId == Id);
        MayEdit = scope.Level is AccessLevel.Jurisdiction or AccessLevel.Unit or AccessLevel.Township
            && (await authorization.AuthorizeAsync(User, Policies.RegistryEdit)).Succeeded;
        MayReport = scope.Level == AccessLevel.OwnBusinesses && scope.BusinessIds.Contains(Id);
        return true;
    }
}
