using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Shian.Common;
using Shian.Data;
using Shian.Web.Infrastructure;

namespace Shian.Web.Features.Common;

/// <summary>
/// 从通知导入: an administrator pastes the State Council's holiday notice; the page shows each date it read with the
/// line it came from, and stores them only on confirmation, all or none. Confirmation reads the pasted text again rather
/// than trusting a list sent back by the browser.
/// </summary>
[Authorize(Policy = Policies.Admin)]
public class CalendarNoticeModel(ShianDb db, IStringLocalizer<SharedResource> l) : PageModel
{
    /// <summary>A notice is about 2,000 characters; anything far longer is not one.</summary>
    private const int MaxTextLength = 50_000;

    [BindProperty] public string? Text { get; set; }
    [BindProperty] public int? Year { get; set; }

    public HolidayNotice? Notice { get; private set; }

    /// <summary>What is stored today for the notice's dates, to show what confirmation replaces.</summary>
    public IReadOnlyDictionary<DateOnly, CalendarDay> Stored { get; private set; } = new Dictionary<DateOnly, CalendarDay>();

    /// <summary>Stored days of the notice's year that it does not name; confirmation leaves them as they are.</summary>
    public IReadOnlyList<CalendarDay> NotInNotice { get; private set; } = [];

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostPreviewAsync()
    {
        if (Read() is { } notice)
        {
            Notice = notice;
            await LoadStoredAsync(notice);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostConfirmAsync()
    {
        if (Read() is not { } notice)
        {
            return Page();
        }
        var dates = notice.Days.Select(d => d.Date).ToList();
        var existing = await db.CalendarDays.Where(d => dates.Contains(d.Date)).ToDictionaryAsync(d => d.Date);
        foreach (var day in notice.ToCalendarDays())
        {
            if (existing.TryGetValue(day.Date, out var stored))
            {
                stored.Kind = day.Kind;
                stored.Name = day.Name;
            }
            else
            {
                db.CalendarDays.Add(day);
            }
        }
        await db.SaveChangesAsync();
        return Redirect(notice.Year is { } year ? CommonRoutes.CalendarOf(year) : CommonRoutes.Calendar);
    }

    private HolidayNotice? Read()
    {
        if (string.IsNullOrWhiteSpace(Text))
        {
            ModelState.AddModelError(nameof(Text), l["Validation.Required", l["CalendarNotice.Text"]]);
            return null;
        }
        if (Text.Length > MaxTextLength)
        {
            ModelState.AddModelError(nameof(Text), l["CalendarNotice.TooLong", MaxTextLength]);
            return null;
        }
        var notice = HolidayNoticeParser.Parse(Text, Year);
        foreach (var problem in notice.Problems)
        {
            ModelState.AddProblem(nameof(Text), problem.ToProblem(), l);
        }
        return notice.Ok ? notice : null;
    }

    private async Task LoadStoredAsync(HolidayNotice notice)
    {
        var first = new DateOnly(notice.Year!.Value, 1, 1);
        var last = new DateOnly(notice.Year.Value, 12, 31);
        var dates = notice.Days.Select(d => d.Date).ToList();
        var stored = await db.CalendarDays.AsNoTracking()
            .Where(d => dates.Contains(d.Date) || (d.Date >= first && d.Date <= last))
            .OrderBy(d => d.Date).ToListAsync();
        Stored = stored.Where(d => dates.Contains(d.Date)).ToDictionary(d => d.Date);
        NotInNotice = stored.Where(d => !dates.Contains(d.Date)).ToList();
    }
}
