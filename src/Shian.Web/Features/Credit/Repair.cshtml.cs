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

/// <summary>
/// 信用修复申请: an operator's own serious-violation listings (only the businesses linked to the account), when early
/// removal may first be asked for, and the requests with their credit-repair evidence and the office's decisions. The
/// operator files a request once the minimum period has passed and none is waiting; the office decides on
/// <c>/credit/serious/{id}</c>.
/// </summary>
[Authorize(Policy = Policies.Operator)]
public class RepairModel(ShianDb db, CurrentUser user, TimeProvider clock, CreditSettings settings, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed record FileLink(Guid Id, Guid RemovalId, string Name, long Length);

    public sealed record Listing(SeriousViolation Violation, string Business, SeriousViolationStatus Status, DateOnly EarliestRemoval,
        IReadOnlyList<SeriousViolationRemoval> Removals)
    {
        public bool CanRequest => Status == SeriousViolationStatus.Listed && Removals.All(r => r.Decision != RemovalDecision.Pending);
    }

    public sealed class RequestInput
    {
        public Guid ListingId { get; set; }
        public string Reason { get; set; } = "";
        public bool FinePaid { get; set; }
        public bool Corrected { get; set; }
        public bool PublicCommitment { get; set; }
        public string RepairNote { get; set; } = "";
    }

    public IReadOnlyList<Listing> Listings { get; private set; } = [];
    public IReadOnlyList<FileLink> Files { get; private set; } = [];
    public DateOnly Today { get; private set; }
    public bool Done { get; private set; }

    [BindProperty] public RequestInput Input { get; set; } = new();
    [BindProperty] public List<IFormFile> Evidence { get; set; } = [];

    public async Task OnGetAsync(bool done)
    {
        Done = done;
        await LoadAsync();
    }

    public async Task<IActionResult> OnPostRequestAsync()
    {
        await LoadAsync();
        if (Listings.FirstOrDefault(x => x.Violation.Id == Input.ListingId) is not { } listing)
        {
            return NotFound(); // not there, or not this operator's: the same answer
        }
        var now = ShianTime.UtcNow(clock);
        var repair = (Input.FinePaid ? CreditRepair.FinePaid : 0) | (Input.Corrected ? CreditRepair.Corrected : 0)
            | (Input.PublicCommitment ? CreditRepair.PublicCommitment : 0);
        var (removal, errors) = SeriousViolationRemoval.Request(listing.Violation, listing.Removals.Any(r => r.Decision == RemovalDecision.Pending),
            byOperator: true, Input.Reason, repair, Input.RepairNote, Today, settings, now, user.Name);
        foreach (var (field, error) in errors)
        {
            ModelState.AddProblem(field.Length == 0 ? "" : field == nameof(SeriousViolationRemoval.Repair) ? "Input.FinePaid" : "Input." + field, error, l);
        }
        if (errors.Any(e => e.Field.Length == 0))
        {
            return Page(); // not allowed now: the files are not even read
        }
        var files = await Uploads.ReadAsync(Evidence, FileOwners.CreditRepair, removal?.Id ?? Guid.Empty, user.Name, now, ModelState, l, nameof(Evidence),
            HttpContext.RequestAborted);
        if (ModelState[nameof(Evidence)] is not { Errors.Count: > 0 } && files.Count == 0)
        {
            ModelState.AddModelError(nameof(Evidence), l["Credit.EvidenceRequired"]);
        }
        if (!ModelState.IsValid || removal is null)
        {
            return Page();
        }
        db.SeriousViolationRemovals.Add(removal);
        db.StoredFiles.AddRange(files);
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        return Redirect($"{CreditRoutes.Repair}?done=true");
    }

    /// <summary>An evidence file of one of this operator's requests.</summary>
    public async Task<IActionResult> OnGetFileAsync(Guid file)
    {
        return (await FileRules.OpenAsync(HttpContext, file, null, FileOwners.CreditRepair)).ToActionResult();
    }

    private async Task LoadAsync()
    {
        Today = ShianTime.LocalDate(ShianTime.UtcNow(clock));
        var businesses = db.Businesses.AsNoTracking().VisibleTo(await user.ScopeAsync());
        var listings = await db.SeriousViolations.AsNoTracking()
            .Join(businesses, v => v.BusinessId, b => b.Id, (v, b) => new { v, b.Name })
            .OrderByDescending(x => x.v.From).ToListAsync();
        var ids = listings.Select(x => x.v.Id).ToList();
        var removals = (await db.SeriousViolationRemovals.AsNoTracking().Where(r => ids.Contains(r.SeriousViolationId)).OrderBy(r => r.RequestedAt).ToListAsync())
            .ToLookup(r => r.SeriousViolationId);
        var removalIds = removals.SelectMany(g => g).Select(r => r.Id).ToList();
        Files = await db.StoredFiles.AsNoTracking().Where(f => f.OwnerKind == FileOwners.CreditRepair && removalIds.Contains(f.OwnerId))
            .OrderBy(f => f.UploadedAt).Select(f => new FileLink(f.Id, f.OwnerId, f.FileName, f.Length)).ToListAsync();
        Listings = listings.Select(x => new Listing(x.v, x.Name, x.v.StatusOn(Today), x.v.EarliestRemoval(settings), removals[x.v.Id].ToList())).ToList();
    }
}
