using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Shian.Accounts;
using Shian.Common;
using Shian.Data;
using Shian.Inspections;
using Shian.Rectification;
using Shian.Web.Infrastructure;

namespace Shian.Web.Features.Rectification;

/// <summary>
/// One rectification order: the operator answers it with evidence; the supervisors close it on a follow-up inspection
/// or escalate it to a case. Who may do what follows the order's business and the user's role.
/// </summary>
[Authorize(Policy = Policies.Rectification)]
public class OrderModel(ShianDb db, CurrentUser user, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed record FileLink(Guid Id, string Name, long Length);
    public sealed record FollowUp(Guid Id, DateTime At, InspectionResult? Result);

    public RectificationOrder Order { get; private set; } = null!;
    public string Business { get; private set; } = "";
    public IReadOnlyList<FileLink> Evidence { get; private set; } = [];
    public IReadOnlyList<FollowUp> FollowUps { get; private set; } = [];
    public bool IsOperator { get; private set; }
    public DateOnly Today { get; private set; }
    public string? Done { get; private set; }

    [BindProperty] public string? Text { get; set; }
    [BindProperty] public Guid? FollowUpId { get; set; }
    [BindProperty] public List<IFormFile> Files { get; set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, string? done)
    {
        Done = done;
        return await LoadAsync(id) ? Page() : NotFound();
    }

    /// <summary>The operator's answer, with up to five files of evidence (photos, invoices, certificates).</summary>
    public async Task<IActionResult> OnPostRespondAsync(Guid id)
    {
        if (!await LoadAsync(id, track: true))
        {
            return NotFound();
        }
        if (!IsOperator)
        {
            return Forbid();
        }
        var now = ShianTime.UtcNow(clock);
        // Files first: Respond changes the order, and a refused file must leave it as it was.
        var files = await Uploads.ReadAsync(Files, FileOwners.RectificationResponse, Order.Id, user.Name, now, ModelState, l, nameof(Files), HttpContext.RequestAborted);
        if (ModelState.IsValid && Order.Respond(Text, now, user.Name) is { } error)
        {
            ModelState.AddProblem(nameof(Text), error, l);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        db.StoredFiles.AddRange(files);
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        return Redirect($"{RectificationRoutes.Order(id)}?done=responded");
    }

    public async Task<IActionResult> OnPostCloseAsync(Guid id)
    {
        if (!await LoadAsync(id, track: true))
        {
            return NotFound();
        }
        if (IsOperator)
        {
            return Forbid();
        }
        var followUp = FollowUpId is { } f ? await db.Inspections.AsNoTracking().FirstOrDefaultAsync(i => i.Id == f) : null;
        var error = followUp is null ? l["Rectification.ChooseFollowUp"].Value : Order.Close(followUp, Text, ShianTime.UtcNow(clock), user.Name) is { } refused ? l.Word(refused) : null;
        if (error is not null)
        {
            ModelState.AddModelError(nameof(FollowUpId), error);
            return Page();
        }
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        return Redirect($"{RectificationRoutes.Order(id)}?done=closed");
    }

    public async Task<IActionResult> OnPostEscalateAsync(Guid id)
    {
        if (!await LoadAsync(id, track: true))
        {
            return NotFound();
        }
        if (IsOperator)
        {
            return Forbid();
        }
        if (Order.Escalate(Text, ShianTime.UtcNow(clock), user.Name) is { } error)
        {
            ModelState.AddProblem("EscalateText", error, l);
            return Page();
        }
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        return Redirect($"{RectificationRoutes.Order(id)}?done=escalated");
    }

    /// <summary>An evidence file, to whoever may see the order.</summary>
    public async Task<IActionResult> OnGetFileAsync(Guid id, Guid file)
    {
        return (await FileRules.OpenAsync(HttpContext, file, id, FileOwners.RectificationResponse)).ToActionResult();
    }

    private async Task<bool> LoadAsync(Guid id, bool track = false)
    {
        var scope = await user.ScopeAsync();
        var orders = db.RectificationOrders.VisibleTo(scope).Where(o => o.Id == id);
        if (await (track ? orders : orders.AsNoTracking()).FirstOrDefaultAsync() is not { } order)
        {
            return false; // not there, or not this user's to see: the same answer
        }
        Order = order;
        IsOperator = scope.Level == AccessLevel.OwnBusinesses;
        Today = ShianTime.LocalDate(ShianTime.UtcNow(clock));
        Business = await db.Businesses.Where(b => b.Id == order.BusinessId).Select(b => b.Name).SingleAsync();
        Evidence = await db.StoredFiles.AsNoTracking().Where(f => f.OwnerKind == FileOwners.RectificationResponse && f.OwnerId == id)
            .OrderBy(f => f.UploadedAt).Select(f => new FileLink(f.Id, f.FileName, f.Length)).ToListAsync();
        // Inspection times are entered to the minute: a follow-up begun in the minute the order went out counts.
        var issuedAt = order.IssuedAt.AddTicks(-(order.IssuedAt.Ticks % TimeSpan.TicksPerMinute));
        FollowUps = await db.Inspections.AsNoTracking()
            .Where(i => i.BusinessId == order.BusinessId && i.Id != order.InspectionId && i.Status == InspectionStatus.Submitted && i.StartedAt >= issuedAt)
            .OrderByDescending(i => i.StartedAt).Select(i => new FollowUp(i.Id, i.StartedAt, i.Result)).ToListAsync();
        return true;
    }
}
