using System.Globalization;
using System.Reflection;

namespace Shian.Common;

/// <summary>
/// Counts working days (工作日): Monday to Friday, minus public holidays, plus adjusted weekend workdays (调休).
/// Every statutory deadline is computed here. Immutable; build one from the stored <see cref="CalendarDay"/> rows.
/// </summary>
public sealed class WorkingDayCalendar
{
    private readonly Dictionary<DateOnly, CalendarDayKind> _exceptions;
    private readonly HashSet<int> _years;

    public WorkingDayCalendar(IEnumerable<CalendarDay> days)
    {
        _exceptions = new Dictionary<DateOnly, CalendarDayKind>();
        foreach (var day in days)
        {
            _exceptions[day.Date] = day.Kind;
        }
        _years = _exceptions.Keys.Select(d => d.Year).ToHashSet();
    }

    /// <summary>Years for which holidays have been entered; outside them only weekends are known.</summary>
    public IReadOnlySet<int> YearsCovered => _years;

    public bool Covers(int year) => _years.Contains(year);

    public bool IsWorkingDay(DateOnly date) => _exceptions.TryGetValue(date, out var kind)
        ? kind == CalendarDayKind.AdjustedWorkday
        : date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);

    /// <summary>
    /// The date <paramref name="workingDays"/> working days after <paramref name="start"/>; the start day itself is not
    /// counted (a 5-working-day limit from Monday 2020-09-28 ends on 2020-10-12). Zero returns the start;
    /// a negative count goes backwards.
    /// </summary>
    public DateOnly AddWorkingDays(DateOnly start, int workingDays)
    {
        var step = Math.Sign(workingDays);
        var remaining = Math.Abs(workingDays);
        var date = start;
        while (remaining > 0)
        {
            date = date.AddDays(step);
            if (IsWorkingDay(date))
            {
                remaining--;
            }
        }
        return date;
    }

    /// <summary>Working days strictly after <paramref name="from"/> up to and including <paramref name="to"/>.</summary>
    public int WorkingDaysBetween(DateOnly from, DateOnly to)
    {
        if (to < from)
        {
            return -WorkingDaysBetween(to, from);
        }
        var count = 0;
        for (var date = from.AddDays(1); date <= to; date = date.AddDays(1))
        {
            if (IsWorkingDay(date))
            {
                count++;
            }
        }
        return count;
    }

    /// <summary>
    /// The holidays and adjusted workdays that ship with Shian (mainland China, 2020, 2021 and 2026: the years whose notice
    /// docs/domain.md §10 verifies), read from its embedded CSV. Migration adds a year only where none is stored.
    /// </summary>
    public static IReadOnlyList<CalendarDay> BuiltInDays()
    {
        using var stream = typeof(WorkingDayCalendar).Assembly.GetManifestResourceStream("calendar/holidays-cn.csv")
            ?? throw new InvalidOperationException("The built-in holiday calendar is missing from the assembly.");
        using var reader = new StreamReader(stream);
        var days = new List<CalendarDay>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line.StartsWith('#') || line.StartsWith("date,", StringComparison.Ordinal))
            {
                continue;
            }
            var parts = line.Split(',', 3);
            days.Add(new CalendarDay
            {
                Date = DateOnly.ParseExact(parts[0], "yyyy-MM-dd", CultureInfo.InvariantCulture),
                Kind = parts[1] == "workday" ? CalendarDayKind.AdjustedWorkday : CalendarDayKind.Holiday,
                Name = parts[2],
            });
        }
        return days;
    }
}
