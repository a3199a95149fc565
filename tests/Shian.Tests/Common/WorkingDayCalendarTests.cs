using Shian.Common;

namespace Shian.Tests.Common;

public class WorkingDayCalendarTests
{
    private static readonly WorkingDayCalendar Calendar = new(WorkingDayCalendar.BuiltInDays());

    private static DateOnly D(int year, int month, int day) => new(year, month, day);

    // ---- Worked examples from the real 2020 and 2021 calendars ----

    [Fact]
    public void National_day_2020_pushes_five_working_days_to_october_12()
    {
        // Sep 29, Sep 30, (Oct 1-8 holiday), Oct 9, Oct 10 (Saturday worked), (Oct 11 Sunday), Oct 12.
        Assert.Equal(D(2020, 10, 12), Calendar.AddWorkingDays(D(2020, 9, 28), 5));
    }

    [Fact]
    public void National_day_2020_saturday_october_10_is_worked_and_sunday_27_september_too()
    {
        Assert.True(Calendar.IsWorkingDay(D(2020, 10, 10)));
        Assert.True(Calendar.IsWorkingDay(D(2020, 9, 27)));
        Assert.False(Calendar.IsWorkingDay(D(2020, 10, 11)));
    }

    [Fact]
    public void National_day_2020_weekdays_october_1_to_8_are_not_working_days()
    {
        for (var day = 1; day <= 8; day++)
        {
            Assert.False(Calendar.IsWorkingDay(D(2020, 10, day)), $"2020-10-{day:00} should be a holiday");
        }
        Assert.True(Calendar.IsWorkingDay(D(2020, 10, 9)));
    }

    [Fact]
    public void Sunday_april_26_2020_is_an_adjusted_working_day()
    {
        Assert.Equal(DayOfWeek.Sunday, D(2020, 4, 26).DayOfWeek);
        Assert.True(Calendar.IsWorkingDay(D(2020, 4, 26)));
    }

    [Fact]
    public void Saturday_february_1_2020_is_not_worked_because_the_extension_cancelled_it()
    {
        Assert.Equal(DayOfWeek.Saturday, D(2020, 2, 1).DayOfWeek);
        Assert.False(Calendar.IsWorkingDay(D(2020, 2, 1)));
    }

    [Fact]
    public void Spring_festival_2020_first_working_day_after_the_extended_holiday_is_february_3()
    {
        // Thursday Jan 23 is the last working day before the holiday (Jan 24 - Feb 2, extended).
        Assert.Equal(D(2020, 2, 3), Calendar.AddWorkingDays(D(2020, 1, 23), 1));
    }

    [Fact]
    public void Spring_festival_2020_five_working_day_sample_transfer_from_january_22_ends_february_6()
    {
        // Jan 23 (1), holiday Jan 24 - Feb 2, Feb 3 (2), Feb 4 (3), Feb 5 (4), Feb 6 (5).
        Assert.Equal(D(2020, 2, 6), Calendar.AddWorkingDays(D(2020, 1, 22), 5));
    }

    [Fact]
    public void Spring_festival_2020_sunday_january_19_counts_as_a_working_day()
    {
        // Friday Jan 17 + 1 working day is Sunday Jan 19 (调休), not Monday Jan 20.
        Assert.Equal(D(2020, 1, 19), Calendar.AddWorkingDays(D(2020, 1, 17), 1));
    }

    [Fact]
    public void Saturday_september_18_2021_is_worked_before_mid_autumn()
    {
        Assert.Equal(DayOfWeek.Saturday, D(2021, 9, 18).DayOfWeek);
        Assert.True(Calendar.IsWorkingDay(D(2021, 9, 18)));
        // Friday Sep 17 + 1 = Saturday Sep 18; + 2 = Wednesday Sep 22 after the Sep 19-21 holiday.
        Assert.Equal(D(2021, 9, 18), Calendar.AddWorkingDays(D(2021, 9, 17), 1));
        Assert.Equal(D(2021, 9, 22), Calendar.AddWorkingDays(D(2021, 9, 17), 2));
    }

    [Fact]
    public void Lab_report_twenty_working_days_after_receipt_on_september_25_2020_is_due_october_29()
    {
        // Receipt Fri Sep 25. Sun Sep 27 worked (1), Sep 28-30 (2-4), Oct 1-8 holiday, Oct 9 (5), Sat Oct 10 worked (6),
        // Oct 12-16 (7-11), Oct 19-23 (12-16), Oct 26-29 (17-20). Plain weekdays would give Oct 23.
        var due = Calendar.AddWorkingDays(D(2020, 9, 25), 20);
        Assert.Equal(D(2020, 10, 29), due);
        Assert.Equal(20, Calendar.WorkingDaysBetween(D(2020, 9, 25), due));
    }

    [Fact]
    public void Negative_count_goes_backwards_across_national_day_2020()
    {
        Assert.Equal(D(2020, 9, 28), Calendar.AddWorkingDays(D(2020, 10, 12), -5));
    }

    [Fact]
    public void Negative_count_goes_backwards_across_spring_festival_2020()
    {
        Assert.Equal(D(2020, 1, 23), Calendar.AddWorkingDays(D(2020, 2, 3), -1));
        // Back from Mon Jan 20: Sun Jan 19 (worked) is the previous working day.
        Assert.Equal(D(2020, 1, 19), Calendar.AddWorkingDays(D(2020, 1, 20), -1));
    }

    [Fact]
    public void Zero_working_days_returns_the_start_even_on_a_holiday()
    {
        Assert.Equal(D(2020, 10, 3), Calendar.AddWorkingDays(D(2020, 10, 3), 0));
    }

    [Fact]
    public void Adding_from_a_holiday_does_not_count_the_start_day()
    {
        // From Sat Oct 3 (holiday): the first working day is Fri Oct 9.
        Assert.Equal(D(2020, 10, 9), Calendar.AddWorkingDays(D(2020, 10, 3), 1));
    }

    [Fact]
    public void Adding_then_subtracting_returns_to_a_working_start_day()
    {
        for (var start = D(2020, 1, 1); start <= D(2021, 12, 31); start = start.AddDays(1))
        {
            if (!Calendar.IsWorkingDay(start))
            {
                continue;
            }
            foreach (var n in new[] { 1, 5, 20 })
            {
                var end = Calendar.AddWorkingDays(start, n);
                Assert.Equal(start, Calendar.AddWorkingDays(end, -n));
                Assert.Equal(n, Calendar.WorkingDaysBetween(start, end));
            }
        }
    }

    [Fact]
    public void Working_days_between_counts_after_start_up_to_and_including_end()
    {
        Assert.Equal(5, Calendar.WorkingDaysBetween(D(2020, 9, 28), D(2020, 10, 12)));
        Assert.Equal(0, Calendar.WorkingDaysBetween(D(2020, 10, 1), D(2020, 10, 8)));
        Assert.Equal(0, Calendar.WorkingDaysBetween(D(2020, 9, 28), D(2020, 9, 28)));
        Assert.Equal(1, Calendar.WorkingDaysBetween(D(2020, 9, 28), D(2020, 9, 29)));
    }

    [Fact]
    public void Working_days_between_is_negative_when_the_end_is_before_the_start()
    {
        Assert.Equal(-5, Calendar.WorkingDaysBetween(D(2020, 10, 12), D(2020, 9, 28)));
    }

    [Fact]
    public void Working_days_in_2020_2021_and_2026_match_the_published_totals()
    {
        // 2020: 262 weekdays - 19 weekday holidays + 6 adjusted workdays = 249.
        // 2021: 261 weekdays - 18 weekday holidays + 7 adjusted workdays = 250.
        Assert.Equal(249, Calendar.WorkingDaysBetween(D(2019, 12, 31), D(2020, 12, 31)));
        Assert.Equal(250, Calendar.WorkingDaysBetween(D(2020, 12, 31), D(2021, 12, 31)));
        // 2026: 261 weekdays - 19 weekday holidays (Jan 1-2; Feb 16-20, 23; Apr 6; May 1, 4, 5; Jun 19; Sep 25;
        // Oct 1-2, 5-7) + 6 adjusted workdays = 248.
        Assert.Equal(248, Calendar.WorkingDaysBetween(D(2025, 12, 31), D(2026, 12, 31)));
    }

    [Fact]
    public void A_2026_deadline_crossing_national_day_skips_the_holiday_and_counts_the_adjusted_saturday()
    {
        // Wednesday 2026-09-30 + 5: Oct 1-7 off, Thu 8, Fri 9, Sat 10 (worked), Mon 12, Tue 13.
        Assert.Equal(D(2026, 10, 13), Calendar.AddWorkingDays(D(2026, 9, 30), 5));
        Assert.True(Calendar.IsWorkingDay(D(2026, 10, 10)));
        Assert.False(Calendar.IsWorkingDay(D(2026, 10, 1)));
        Assert.False(Calendar.IsWorkingDay(D(2026, 10, 7)));
        Assert.True(Calendar.IsWorkingDay(D(2026, 9, 20)));
    }

    // ---- Years without data ----

    [Fact]
    public void A_year_not_covered_knows_only_weekends()
    {
        Assert.False(Calendar.Covers(2019));
        Assert.False(Calendar.Covers(2022));
        Assert.True(Calendar.Covers(2020));
        Assert.True(Calendar.Covers(2021));
        Assert.False(Calendar.Covers(2025));
        Assert.True(Calendar.Covers(2026));
        Assert.Equal(new[] { 2020, 2021, 2026 }, Calendar.YearsCovered.Order());

        // 2019 National Day (Oct 1-7) is not entered: Tuesday Oct 1 counts as a working day, weekends do not.
        Assert.True(Calendar.IsWorkingDay(D(2019, 10, 1)));
        Assert.False(Calendar.IsWorkingDay(D(2019, 10, 5)));
        Assert.Equal(D(2019, 10, 7), Calendar.AddWorkingDays(D(2019, 9, 30), 5));
    }

    [Fact]
    public void An_empty_calendar_covers_no_year_and_counts_plain_weekdays()
    {
        var empty = new WorkingDayCalendar([]);
        Assert.Empty(empty.YearsCovered);
        Assert.True(empty.IsWorkingDay(D(2020, 10, 1)));
        Assert.False(empty.IsWorkingDay(D(2020, 10, 10)));
        Assert.Equal(D(2020, 10, 5), empty.AddWorkingDays(D(2020, 9, 28), 5));
    }

    [Fact]
    public void A_later_row_for_the_same_date_replaces_the_earlier_one()
    {
        var calendar = new WorkingDayCalendar(
        [
            new CalendarDay { Date = D(2022, 1, 3), Kind = CalendarDayKind.Holiday },
            new CalendarDay { Date = D(2022, 1, 3), Kind = CalendarDayKind.AdjustedWorkday },
        ]);
        Assert.True(calendar.IsWorkingDay(D(2022, 1, 3)));
        Assert.True(calendar.Covers(2022));
    }

    // ---- The data file against domain.md section 10 ----

    private static IEnumerable<DateOnly> Range(int year, int month, int fromDay, int toMonth, int toDay)
    {
        for (var d = D(year, month, fromDay); d <= D(year, toMonth, toDay); d = d.AddDays(1))
        {
            yield return d;
        }
    }

    private static Dictionary<DateOnly, CalendarDayKind> DomainSection10()
    {
        var expected = new Dictionary<DateOnly, CalendarDayKind>();
        void Holidays(IEnumerable<DateOnly> dates)
        {
            foreach (var d in dates)
            {
                expected.Add(d, CalendarDayKind.Holiday);
            }
        }
        void Workdays(params DateOnly[] dates)
        {
            foreach (var d in dates)
            {
                expected.Add(d, CalendarDayKind.AdjustedWorkday);
            }
        }

        // 2020: holidays Jan 1; Jan 24-Feb 2; Apr 4-6; May 1-5; Jun 25-27; Oct 1-8;
        // adjusted workdays Jan 19, Apr 26, May 9, Jun 28, Sep 27, Oct 10.
        Holidays(Range(2020, 1, 1, 1, 1));
        Holidays(Range(2020, 1, 24, 2, 2));
        Holidays(Range(2020, 4, 4, 4, 6));
        Holidays(Range(2020, 5, 1, 5, 5));
        Holidays(Range(2020, 6, 25, 6, 27));
        Holidays(Range(2020, 10, 1, 10, 8));
        Workdays(D(2020, 1, 19), D(2020, 4, 26), D(2020, 5, 9), D(2020, 6, 28), D(2020, 9, 27), D(2020, 10, 10));

        // 2021: holidays Jan 1-3; Feb 11-17; Apr 3-5; May 1-5; Jun 12-14; Sep 19-21; Oct 1-7;
        // adjusted workdays Feb 7, Feb 20, Apr 25, May 8, Sep 18, Sep 26, Oct 9.
        Holidays(Range(2021, 1, 1, 1, 3));
        Holidays(Range(2021, 2, 11, 2, 17));
        Holidays(Range(2021, 4, 3, 4, 5));
        Holidays(Range(2021, 5, 1, 5, 5));
        Holidays(Range(2021, 6, 12, 6, 14));
        Holidays(Range(2021, 9, 19, 9, 21));
        Holidays(Range(2021, 10, 1, 10, 7));
        Workdays(D(2021, 2, 7), D(2021, 2, 20), D(2021, 4, 25), D(2021, 5, 8), D(2021, 9, 18), D(2021, 9, 26), D(2021, 10, 9));

        // 2026: holidays Jan 1-3; Feb 15-23; Apr 4-6; May 1-5; Jun 19-21; Sep 25-27; Oct 1-7;
        // adjusted workdays Jan 4, Feb 14, Feb 28, May 9, Sep 20, Oct 10.
        Holidays(Range(2026, 1, 1, 1, 3));
        Holidays(Range(2026, 2, 15, 2, 23));
        Holidays(Range(2026, 4, 4, 4, 6));
        Holidays(Range(2026, 5, 1, 5, 5));
        Holidays(Range(2026, 6, 19, 6, 21));
        Holidays(Range(2026, 9, 25, 9, 27));
        Holidays(Range(2026, 10, 1, 10, 7));
        Workdays(D(2026, 1, 4), D(2026, 2, 14), D(2026, 2, 28), D(2026, 5, 9), D(2026, 9, 20), D(2026, 10, 10));
        return expected;
    }

    [Fact]
    public void Built_in_calendar_holds_exactly_the_days_of_domain_section_10()
    {
        var expected = DomainSection10();
        var actual = WorkingDayCalendar.BuiltInDays();

        var duplicates = actual.GroupBy(d => d.Date).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.Empty(duplicates);

        var missing = expected.Keys.Except(actual.Select(d => d.Date)).Order().ToList();
        Assert.Empty(missing);

        var extra = actual.Where(d => !expected.ContainsKey(d.Date)).Select(d => d.Date).ToList();
        Assert.Empty(extra);

        var wrongKind = actual.Where(d => expected.TryGetValue(d.Date, out var kind) && kind != d.Kind)
            .Select(d => $"{d.Date:yyyy-MM-dd} {d.Kind}").ToList();
        Assert.Empty(wrongKind);

        Assert.Equal(expected.Count, actual.Count);
    }

    [Fact]
    public void Built_in_adjusted_workdays_all_fall_on_weekends()
    {
        var workdays = WorkingDayCalendar.BuiltInDays().Where(d => d.Kind == CalendarDayKind.AdjustedWorkday).ToList();
        Assert.Equal(19, workdays.Count);
        Assert.All(workdays, d => Assert.True(d.Date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday, $"{d.Date} is a weekday"));
    }

    [Fact]
    public void Built_in_days_all_carry_a_chinese_name()
    {
        var days = WorkingDayCalendar.BuiltInDays();
        Assert.All(days, d => Assert.False(string.IsNullOrWhiteSpace(d.Name), $"{d.Date} has no name"));
        Assert.Equal("国庆节、中秋节", days.Single(d => d.Date == D(2020, 10, 1)).Name);
        Assert.Equal("春节（延长）", days.Single(d => d.Date == D(2020, 2, 1)).Name);
    }
}
