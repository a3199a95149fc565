using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Shian.Common;
using Shian.Data;
using Shian.Inspections;
using Shian.Rectification;
using Shian.Registry;
using Shian.Web.Infrastructure;

namespace Shian.Web.Features.Rectification;

/// <summary>责令整改: a supervisor issues an order on an inspection's findings, with the deadline in working days.</summary>
[Authorize(Policy = Policies.RegistryEdit)]
public class NewModel(ShianDb db, CurrentUser user, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public Inspection Inspection { get; private set; } = null!;
    public string Business { get; private set; } = "";
    public DateOnly? PreviewDeadline { get; private set; }

    /// <summary>The year's holidays are not entered: deadlines count Monday to Friday.</summary>
    public bool WeekdaysOnly { get; private set; }

    [BindProperty] public string? Requirements { get; set; }
    [BindProperty] public int? WorkingDays { get; set; } = RectificationOrder.DefaultWorkingDays;

    public async Task<IActionResult> OnGetAsync(Guid inspectionId)
    {
        if (!await LoadAsync(inspectionId))
        {
            return NotFound();
        }
        var calendar = await db.LoadCalendarAsync(HttpContext.RequestAborted);
        var today = ShianTime.LocalDate(ShianTime.UtcNow(clock));
        PreviewDeadline = calendar.AddWorkingDays(today, RectificationOrder.DefaultWorkingDays);
        WeekdaysOnly = !calendar.Covers(today.Year);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid inspectionId)
    {
        if (!await LoadAsync(inspectionId))
        {
            return NotFound();
        }
        var now = ShianTime.UtcNow(clock);
        var year = ShianTime.LocalDate(now).Year;
        var prefix = $"整改〔{year}〕";
        var sequence = await db.RectificationOrders.CountAsync(o => o.Number.StartsWith(prefix)) + 1;
        var calendar = await db.LoadCalendarAsync(HttpContext.RequestAborted);
        var (order, errors) = RectificationOrder.Issue(Inspection, Requirements, WorkingDays, calendar, now, user.Name, $"{prefix}{sequence:0000}");
        ModelState.AddProblems(errors, l);
        if (order is null)
        {
            return Page();
        }
        db.RectificationOrders.Add(order);
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        return Redirect(RectificationRoutes.Order(order.Id));
    }

    private async Task<bool> LoadAsync(Guid inspectionId)
    {
        var businesses = db.Businesses.VisibleTo(await user.ScopeAsync());
        var found = await db.Inspections.AsNoTracking().Where(i => i.Id == inspectionId)
            .Join(businesses, i => i.BusinessId, b => b.Id, (i, b) => new { Inspection = i, b.Name }).FirstOrDefaultAsync();
        if (found is null)
        {
            return false;
        }
        Inspection = found.Inspection;
        Business = found.Name;
        return true;
    }
}
