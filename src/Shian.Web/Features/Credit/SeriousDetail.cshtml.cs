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
using Shian.Risk;
using Shian.Web.Infrastructure;

namespace Shian.Web.Features.Credit;

/// <summary>
/// One listing: its basis and period, and the early-removal requests with their credit repair. The office records a
/// request (the operator's application or its own proposal) once the minimum period has passed, and approves or refuses
/// it; an approval ends the listing that day and regrades the business.
/// </summary>
[Authorize(Policy = Policies.Supervision)]
public class SeriousDetailModel(ShianDb db, CurrentUser user, IAuthorizationService authorization, IAuditActor actor, TimeProvider clock,
    CreditSettings settings, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed class RequestInput
    {
        public bool ByOperator { get; set; } = true;
        public string Reason { get; set; } = "";
        public bool FinePaid { get; set; }
        public bool Corrected { get; set; }
        public bool PublicCommitment { get; set; }
        public string RepairNote { get; set; } = "";
    }

    public SeriousViolation? Listing { get; private set; }
    public Business? Business { get; private set; }
    public IReadOnlyList<SeriousViolationRemoval> Removals { get; private set; } = [];

    /// <summary>The operator's credit-repair evidence, by request.</summary>
    public IReadOnlyList<(Guid Id, Guid RemovalId, string Name, long Length)> Evidence { get; private set; } = [];
    public SeriousViolationStatus Status { get; private set; }
    public DateOnly EarliestRemoval { get; private set; }
    public bool CanDecide { get; private set; }

    [BindProperty] public RequestInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostRequestAsync(Guid id)
    {
        if (!(await authorization.AuthorizeAsync(User, Policies.Office)).Succeeded)
        {
            return Forbid();
        }
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        var now = ShianTime.UtcNow(clock);
        var today = ShianTime.LocalDate(now);
        if (Listing!.RefuseRemovalRequest(today, settings) is { } refusal)
        {
            ModelState.AddProblem(string.Empty, refusal, l);
            return Page();
        }
        if (Removals.Any(r => r.Decision == RemovalDecision.Pending))
        {
            ModelState.AddModelError(string.Empty, l["Credit.RemovalPending"]);
            return Page();
        }
        var reason = Input.Reason.Trim();
        if (reason.Length is 0 or > 1000)
        {
            ModelState.AddModelError("Input.Reason", l["Validation.Required", l["Credit.RemovalReason"]]);
        }
        var repair = (Input.FinePaid ? CreditRepair.FinePaid : 0) | (Input.Corrected ? CreditRepair.Corrected : 0) | (Input.PublicCommitment ? CreditRepair.PublicCommitment : 0);
        if (repair == CreditRepair.None)
        {
            ModelState.AddModelError("Input.FinePaid", l["Credit.RepairRequired"]);
        }
        if (Input.RepairNote.Trim().Length > 1000)
        {
            ModelState.AddModelError("Input.RepairNote", l["Validation.Invalid", l["Credit.RepairNote"]]);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        db.SeriousViolationRemovals.Add(new SeriousViolationRemoval
        {
            SeriousViolationId = id, ByOperator = Input.ByOperator, Reason = reason, Repair = repair, RepairNote = Input.RepairNote.Trim(),
            RequestedOn = today, RequestedAt = now, RequestedBy = actor.Name, Decision = RemovalDecision.Pending,
        });
        await db.SaveChangesAsync();
        return Redirect(CreditRoutes.SeriousListing(id));
    }

    public async Task<IActionResult> OnPostDecideAsync(Guid id, Guid removalId, bool approve, string? note)
    {
        if (!(await authorization.AuthorizeAsync(User, Policies.Office)).Succeeded)
        {
            return Forbid();
        }
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        var removal = await db.SeriousViolationRemovals.FirstOrDefaultAsync(r => r.Id == removalId && r.SeriousViolationId == id);
        if (removal is null)
        {
            return NotFound();
        }
        var now = ShianTime.UtcNow(clock);
        var today = ShianTime.LocalDate(now);
        note = (note ?? "").Trim();
        if (removal.Decision != RemovalDecision.Pending)
        {
            ModelState.AddModelError(string.Empty, l["Credit.AlreadyDecided"]);
        }
        else if (approve && Listing!.RefuseRemovalRequest(today, settings) is { } refusal)
        {
            ModelState.AddProblem(string.Empty, refusal, l);
        }
        else if (!approve && note.Length == 0)
        {
            ModelState.AddModelError("note", l["Validation.Required", l["Credit.DecisionNote"]]);
        }
        else if (note.Length > 1000)
        {
            ModelState.AddModelError("note", l["Validation.Invalid", l["Credit.DecisionNote"]]);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        removal.Decision = approve ? RemovalDecision.Approved : RemovalDecision.Refused;
        removal.DecisionNote = note;
        removal.DecidedAt = now;
        removal.DecidedBy = actor.Name;
        if (approve)
        {
            var listing = await db.SeriousViolations.FirstAsync(v => v.Id == id);
            listing.RemoveEarly(today);
        }
        await db.SaveChangesAsync();
        if (approve)
        {
            await RiskRegrade.RunAsync(db, actor.Name, now, Listing!.BusinessId, HttpContext.RequestAborted);
        }
        return Redirect(CreditRoutes.SeriousListing(id));
    }

    /// <summary>An evidence file of one of this listing's requests, to staff who may see the listing.</summary>
    public async Task<IActionResult> OnGetFileAsync(Guid id, Guid file)
    {
        // Only a file of this listing's requests here; who may open it is the credit-repair rule's to say.
        var requests = db.SeriousViolationRemovals.Where(r => r.SeriousViolationId == id).Select(r => r.Id);
        if (!await db.StoredFiles.AnyAsync(f => f.Id == file && requests.Contains(f.OwnerId)))
        {
            return NotFound();
        }
        return (await FileRules.OpenAsync(HttpContext, file, null, FileOwners.CreditRepair)).ToActionResult();
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        Listing = await db.SeriousViolations.AsNoTracking().FirstOrDefaultAsync(v => v.Id == id);
        if (Listing is null)
        {
            return false;
        }
        Business = await db.Businesses.AsNoTracking().VisibleTo(await user.ScopeAsync()).FirstOrDefaultAsync(b => b.Id == Listing.BusinessId);
        if (Business is null)
        {
            return false;
        }
        Removals = await db.SeriousViolationRemovals.AsNoTracking().Where(r => r.SeriousViolationId == id).OrderBy(r => r.RequestedAt).ToListAsync();
        var removalIds = Removals.Select(r => r.Id).ToList();
        Evidence = (await db.StoredFiles.AsNoTracking().Where(f => f.OwnerKind == FileOwners.CreditRepair && removalIds.Contains(f.OwnerId))
            .OrderBy(f => f.UploadedAt).Select(f => new { f.Id, f.OwnerId, f.FileName, f.Length }).ToListAsync())
            .Select(f => (f.Id, f.OwnerId, f.FileName, f.Length)).ToList();
        var today = ShianTime.LocalDate(ShianTime.UtcNow(clock));
        Status = Listing.StatusOn(today);
        EarliestRemoval = Listing.EarliestRemoval(settings);
        CanDecide = (await authorization.AuthorizeAsync(User, Policies.Office)).Succeeded;
        return true;
    }
}
