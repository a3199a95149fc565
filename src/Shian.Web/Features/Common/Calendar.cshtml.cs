using System.Globalization;
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
/// 工作日历: the holidays and adjusted workdays (调休) of each year, entered from the State Council's notice. Every
/// statutory deadline is counted on this calendar.
/// </summary>
[Authorize(Policy = Policies.Admin)]
public class CalendarModel(ShianDb db, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)] public int Year { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? Start { get; set; }
    [BindProperty(SupportsGet = true)] public int? WorkingDays { get; set; }
    [BindProperty] public string? Lines { get; set; }

    public IReadOnlyList<int> Years { get; private set; } = [];
    public IReadOnlyList<CalendarDay> Days { get; private set; } = [];
    public DateOnly? Result { get; private set; }

    public async Task OnGetAsync()
    {
        await LoadAsync();
        if (Start is { } start && WorkingDays is { } n && Math.Abs(n) <= 3650)
        {
            Result = (await db.LoadCalendarAsync()).AddWorkingDays(start, n);
        }
    }

    /// <summary>Adds or replaces days, one per line as <c>date,holiday|workday,name</c>; all lines or none.</summary>
    public async Task<IActionResult> OnPostAddAsync()
    {
        var parsed = new List<CalendarDay>();
        var lines = (Lines ?? "").Replace("\r", "", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0)
            {
                continue;
            }
            var cells = line.Split([',', '，'], 3, StringSplitOptions.TrimEntries);
            if (cells.Length < 2 || !DateOnly.TryParseExact(cells[0], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                ModelState.AddModelError(nameof(Lines), l["Calendar.LineDate", i + 1, line]);
                continue;
            }
            CalendarDayKind? kind = cells[1].ToLowerInvariant() switch
            {
                "holiday" or "假" or "休" or "节假日" => CalendarDayKind.Holiday,
                "workday" or "班" or "调休" or "调休上班" => CalendarDayKind.AdjustedWorkday,
                _ => null,
            };
            if (kind is null)
            {
                ModelState.AddModelError(nameof(Lines), l["Calendar.LineKind", i + 1, cells[1]]);
                continue;
            }
            var weekend = date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
            if (kind == CalendarDayKind.AdjustedWorkday && !weekend)
            {
                ModelState.AddModelError(nameof(Lines), l["Calendar.LineWorkdayNotWeekend", i + 1, cells[0]]);
                continue;
            }
            if (parsed.Any(d => d.Date == date))
            {
                ModelState.AddModelError(nameof(Lines), l["Calendar.LineDuplicate", i + 1, cells[0]]);
                continue;
            }
            parsed.Add(new CalendarDay { Date = date, Kind = kind.Value, Name = cells.Length > 2 ? cells[2] : "" });
        }
        if (parsed.Count == 0 && ModelState.IsValid)
        {
            ModelState.AddModelError(nameof(Lines), l["Validation.Required", l["Calendar.Lines"]]);
        }
        if (!ModelState.IsValid)
        {
            await LoadAsync();
            return Page();
        }

        var dates = parsed.Select(d => d.Date).ToList();
        var existing = await db.CalendarDays.Where(d => dates.Contains(d.Date)).ToDictionaryAsync(d => d.Date);
        foreach (var day in parsed)
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
        return Redirect(CommonRoutes.CalendarOf(parsed[0].Date.Year));
    }

    public async Task<IActionResult> OnPostDeleteAsync(DateOnly date)
    {
        db.CalendarDays.RemoveRange(await db.CalendarDays.Where(d => d.Date == date).ToListAsync());
        await db.SaveChangesAsync();
        return Redirect(CommonRoutes.CalendarOf(date.Year));
    }

    private async Task LoadAsync()
    {
        var thisYear = ShianTime.LocalDate(clock.GetUtcNow().UtcDateTime).Year;
        var stored = (await db.CalendarDays.Select(d => d.Date).ToListAsync()).Select(d => d.Year).Distinct();
        if (Year is < 1949 or > 2100)
        {
            Year = thisYear;
        }
        Years = stored.Append(thisYear).Append(thisYear + 1).Append(Year).Distinct().Order().ToList();
        var first = new DateOnly(Year, 1, 1);
        var last = new DateOnly(Year, 12, 31);
        Days = await db.CalendarDays.AsNoTracking().Where(d => d.Date >= first && d.Date <= last).OrderBy(d => d.Date).ToListAsync();
    }
}
