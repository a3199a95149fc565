using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Shian.Accounts;
using Shian.Common;
using Shian.Data;
using Shian.Sampling;
using Shian.Web.Infrastructure;
using Shian.Web.Public;

namespace Shian.Web.Features.Sampling;

/// <summary>
/// One announcement: its samples as the public will see them, the office's approval (never by the drafter) that publishes
/// it with its number and date, withdrawal with a reason, and the workbook of its public columns.
/// </summary>
[Authorize(Policy = Policies.SamplingPublish)]
public class AnnouncementsDetailModel(ShianDb db, CurrentUser user, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public SamplingAnnouncement Announcement { get; private set; } = null!;
    public IReadOnlyList<SamplingPublicRow> Rows { get; private set; } = [];
    public bool IsOffice { get; private set; }
    public bool CanApprove { get; private set; }

    [BindProperty] public string? Reason { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await LoadAsync(id, track: false))
        {
            return NotFound();
        }
        await LoadRowsAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostApproveAsync(Guid id)
    {
        if (!await LoadAsync(id, track: true))
        {
            return NotFound();
        }
        var now = ShianTime.UtcNow(clock);
        var today = ShianTime.LocalDate(now);
        var next = await SamplingPublication.NextSequenceAsync(db, today.Year, HttpContext.RequestAborted);
        if (Announcement.Approve(user.Name, IsOffice, next, now, today) is { } error)
        {
            return await RefuseAsync(error);
        }
        try
        {
            await db.SaveChangesAsync(HttpContext.RequestAborted);
        }
        catch (DbUpdateException)
        {
            // Two approvals at the same moment: the unique number keeps them apart.
            return await RefuseAsync(new Problem("SamplingAnnouncement.NumberTaken"));
        }
        return Redirect(SamplingRoutes.Announcement(id));
    }

    public async Task<IActionResult> OnPostWithdrawAsync(Guid id)
    {
        if (!await LoadAsync(id, track: true))
        {
            return NotFound();
        }
        if (!IsOffice)
        {
            return Forbid();
        }
        if (Announcement.Withdraw((Reason ?? "").Trim(), user.Name, ShianTime.UtcNow(clock)) is { } error)
        {
            ModelState.AddProblem(nameof(Reason), error, l);
            await LoadRowsAsync();
            return Page();
        }
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        return Redirect(SamplingRoutes.Announcement(id));
    }

    /// <summary>The announcement's public columns as a workbook.</summary>
    public async Task<IActionResult> OnGetExportAsync(Guid id)
    {
        if (!await LoadAsync(id, track: false))
        {
            return NotFound();
        }
        await LoadRowsAsync();
        var name = Announcement.Number ?? l["AnnouncementStatus." + Announcement.Status].Value;
        return ExcelExport.File($"{Announcement.Title} {name}.xlsx", SamplingPublicRow.Sheet(name, Rows, l));
    }

    private async Task<IActionResult> RefuseAsync(Problem error)
    {
        ModelState.AddProblem("", error, l);
        db.ChangeTracker.Clear();
        await LoadAsync(Announcement.Id, track: false);
        await LoadRowsAsync();
        return Page();
    }

    private async Task<bool> LoadAsync(Guid id, bool track)
    {
        var scope = await user.ScopeAsync();
        var query = AnnouncementsModel.Visible(db, scope).Include(a => a.Entries).Where(a => a.Id == id);
        if (await (track ? query : query.AsNoTracking()).FirstOrDefaultAsync() is not { } found)
        {
            return false;
        }
        Announcement = found;
        IsOffice = await HttpContext.MeetsAsync(Policies.Office);
        CanApprove = IsOffice && found.Status == AnnouncementStatus.Draft && found.CreatedBy != user.Name;
        return true;
    }

    private async Task LoadRowsAsync()
    {
        var ids = Announcement.Entries.OrderBy(e => e.Order).Select(e => e.SampleId).ToList();
        var announcement = Announcement.Id;
        var samples = await db.Samples.AsNoTracking()
            .Where(s => db.SamplingAnnouncementEntries.Any(e => e.AnnouncementId == announcement && e.SampleId == s.Id)).ToDictionaryAsync(s => s.Id);
        Rows = await SamplingPublicRow.LoadAsync(db,
            ids.Where(samples.ContainsKey).Select(i => (samples[i], Announcement.Number, Announcement.PublishedOn)).ToList(), HttpContext.RequestAborted);
    }
}
