using Shian.Common;

namespace Shian.Tests.Common;

/// <summary>
/// The State Council's yearly holiday notices, as published (texts written out from the notices themselves), read by
/// <see cref="HolidayNoticeParser"/>; the expected dates are those of docs/domain.md §10.
/// </summary>
public class HolidayNoticeParserTests
{
    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    private static IEnumerable<DateOnly> Span(DateOnly first, DateOnly last)
    {
        for (var d = first; d <= last; d = d.AddDays(1))
        {
            yield return d;
        }
    }

    private static HolidayNotice ParseOk(string text, int? year = null)
    {
        var notice = HolidayNoticeParser.Parse(text, year);
        Assert.True(notice.Ok, string.Join("\n", notice.Problems.Select(p => p.ToProblem().ToString())));
        return notice;
    }

    // ---- The published notices ----

    public const string Notice2020 = """
        国务院办公厅关于2020年部分节假日安排的通知
        国办发明电〔2019〕16号
        各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
        　　经国务院批准，现将2020年元旦、春节、清明节、劳动节、端午节、国庆节和中秋节放假调休日期的具体安排通知如下。
        　　一、元旦：2020年1月1日放假，共1天。
        　　二、春节：1月24日至30日放假调休，共7天。1月19日（星期日）、2月1日（星期六）上班。
        　　三、清明节：4月4日至6日放假调休，共3天。
        　　四、劳动节：5月1日至5日放假调休，共5天。4月26日（星期日）、5月9日（星期六）上班。
        　　五、端午节：6月25日至27日放假调休，共3天。6月28日（星期日）上班。
        　　六、国庆节、中秋节：10月1日至8日放假调休，共8天。9月27日（星期日）、10月10日（星期六）上班。
        　　节假日期间，各地区、各部门要妥善安排好值班和安全、保卫等工作，遇有重大突发事件，要按规定及时报告并妥善处置，确保人民群众祥和平安度过节日假期。
        国务院办公厅
        2019年11月21日
        """;

    public const string Notice2021 = """
        国务院办公厅关于2021年部分节假日安排的通知
        国办发明电〔2020〕27号
        各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
        　　经国务院批准，现将2021年元旦、春节、清明节、劳动节、端午节、中秋节和国庆节放假调休日期的具体安排通知如下。
        　　一、元旦：2021年1月1日至3日放假，共3天。
        　　二、春节：2月11日至17日放假调休，共7天。2月7日（星期日）、2月20日（星期六）上班。
        　　三、清明节：4月3日至5日放假调休，共3天。
        　　四、劳动节：5月1日至5日放假调休，共5天。4月25日（星期日）、5月8日（星期六）上班。
        　　五、端午节：6月12日至14日放假，共3天。
        　　六、中秋节：9月19日至21日放假调休，共3天。9月18日（星期六）上班。
        　　七、国庆节：10月1日至7日放假调休，共7天。9月26日（星期日）、10月9日（星期六）上班。
        　　节假日期间，各地区、各部门要妥善安排好值班和安全、保卫等工作，遇有重大突发事件，要按规定及时报告并妥善处置，确保人民群众祥和平安度过节日假期。
        国务院办公厅
        2020年11月25日
        """;

    public const string Notice2026 = """
        国务院办公厅关于2026年部分节假日安排的通知
        各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
        　　经国务院批准，现将2026年元旦、春节、清明节、劳动节、端午节、中秋节和国庆节放假调休日期的具体安排通知如下。
        　　一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。
        　　二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。
        　　三、清明节：4月4日（周六）至6日（周一）放假，共3天。
        　　四、劳动节：5月1日（周五）至5日（周二）放假调休，共5天。5月9日（周六）上班。
        　　五、端午节：6月19日（周五）至21日（周日）放假，共3天。
        　　六、中秋节：9月25日（周五）至27日（周日）放假，共3天。
        　　七、国庆节：10月1日（周四）至7日（周三）放假调休，共7天。9月20日（周日）、10月10日（周六）上班。
        　　鼓励单位和个人结合落实带薪年休假等制度，实际形成较长假期，推动错峰出行。节假日期间，各地区、各部门要妥善安排好值班和安全、保卫、疫情防控等工作，遇有重大突发事件，要按规定及时报告并妥善处置，确保人民群众祥和平安度过节日假期。
        国务院办公厅
        2025年11月4日
        """;

    [Fact]
    public void The_2020_notice_as_published_without_the_later_spring_festival_extension()
    {
        var notice = ParseOk(Notice2020);
        Assert.Equal(2020, notice.Year);
        // domain.md §10 less the extension of 2020-01-27 (国办发明电〔2020〕1号), a separate notice: the original
        // Spring Festival ends Jan 30 and Saturday Feb 1 is still a workday.
        DateOnly[] holidays =
        [
            D(2020, 1, 1), .. Span(D(2020, 1, 24), D(2020, 1, 30)), .. Span(D(2020, 4, 4), D(2020, 4, 6)),
            .. Span(D(2020, 5, 1), D(2020, 5, 5)), .. Span(D(2020, 6, 25), D(2020, 6, 27)), .. Span(D(2020, 10, 1), D(2020, 10, 8)),
        ];
        Assert.Equal(holidays, notice.Holidays);
        Assert.Equal([D(2020, 1, 19), D(2020, 2, 1), D(2020, 4, 26), D(2020, 5, 9), D(2020, 6, 28), D(2020, 9, 27), D(2020, 10, 10)], notice.Workdays);
        Assert.Equal("国庆节、中秋节", notice.Days.Single(d => d.Date == D(2020, 10, 8)).Name);
        Assert.Equal("国庆节、中秋节调休", notice.Days.Single(d => d.Date == D(2020, 10, 10)).Name);
    }

    [Fact]
    public void The_2021_notice_gives_exactly_the_days_of_domain_section_10()
    {
        var notice = ParseOk(Notice2021);
        Assert.Equal(2021, notice.Year);
        DateOnly[] holidays =
        [
            .. Span(D(2021, 1, 1), D(2021, 1, 3)), .. Span(D(2021, 2, 11), D(2021, 2, 17)), .. Span(D(2021, 4, 3), D(2021, 4, 5)),
            .. Span(D(2021, 5, 1), D(2021, 5, 5)), .. Span(D(2021, 6, 12), D(2021, 6, 14)), .. Span(D(2021, 9, 19), D(2021, 9, 21)),
            .. Span(D(2021, 10, 1), D(2021, 10, 7)),
        ];
        Assert.Equal(holidays, notice.Holidays);
        Assert.Equal([D(2021, 2, 7), D(2021, 2, 20), D(2021, 4, 25), D(2021, 5, 8), D(2021, 9, 18), D(2021, 9, 26), D(2021, 10, 9)], notice.Workdays);
    }

    [Fact]
    public void The_2026_notice_gives_exactly_the_days_of_domain_section_10_and_the_built_in_rows()
    {
        var notice = ParseOk(Notice2026);
        Assert.Equal(2026, notice.Year);
        DateOnly[] holidays =
        [
            .. Span(D(2026, 1, 1), D(2026, 1, 3)), .. Span(D(2026, 2, 15), D(2026, 2, 23)), .. Span(D(2026, 4, 4), D(2026, 4, 6)),
            .. Span(D(2026, 5, 1), D(2026, 5, 5)), .. Span(D(2026, 6, 19), D(2026, 6, 21)), .. Span(D(2026, 9, 25), D(2026, 9, 27)),
            .. Span(D(2026, 10, 1), D(2026, 10, 7)),
        ];
        Assert.Equal(holidays, notice.Holidays);
        Assert.Equal([D(2026, 1, 4), D(2026, 2, 14), D(2026, 2, 28), D(2026, 5, 9), D(2026, 9, 20), D(2026, 10, 10)], notice.Workdays);

        var builtIn = WorkingDayCalendar.BuiltInDays().Where(d => d.Date.Year == 2026).Select(d => (d.Date, d.Kind, d.Name));
        Assert.Equal(builtIn, notice.ToCalendarDays().Select(d => (d.Date, d.Kind, d.Name)));
    }

    [Fact]
    public void Boundary_days_of_each_span_and_workdays_on_saturday_and_sunday_are_pinned()
    {
        var notice = ParseOk(Notice2026);
        var kinds = notice.Days.ToDictionary(d => d.Date, d => d.Kind);
        // Spring Festival: the day before (Sat Feb 14, worked) and after (Tue Feb 24) are not in it; Sun 15 and Mon 23 are.
        Assert.Equal(CalendarDayKind.AdjustedWorkday, kinds[D(2026, 2, 14)]);
        Assert.Equal(CalendarDayKind.Holiday, kinds[D(2026, 2, 15)]);
        Assert.Equal(CalendarDayKind.Holiday, kinds[D(2026, 2, 23)]);
        Assert.False(kinds.ContainsKey(D(2026, 2, 24)));
        // National Day: Thu Oct 1 and Wed Oct 7 in, Sep 30 and Oct 8 out.
        Assert.Equal(CalendarDayKind.Holiday, kinds[D(2026, 10, 1)]);
        Assert.Equal(CalendarDayKind.Holiday, kinds[D(2026, 10, 7)]);
        Assert.False(kinds.ContainsKey(D(2026, 9, 30)));
        Assert.False(kinds.ContainsKey(D(2026, 10, 8)));
        // A worked Sunday (Jan 4) and a worked Saturday (Oct 10).
        Assert.Equal(DayOfWeek.Sunday, D(2026, 1, 4).DayOfWeek);
        Assert.Equal(CalendarDayKind.AdjustedWorkday, kinds[D(2026, 1, 4)]);
        Assert.Equal(DayOfWeek.Saturday, D(2026, 10, 10).DayOfWeek);
        Assert.Equal(CalendarDayKind.AdjustedWorkday, kinds[D(2026, 10, 10)]);
        // Each day names the line it came from.
        var day = notice.Days.Single(d => d.Date == D(2026, 2, 28));
        Assert.Equal(5, day.LineNumber);
        Assert.StartsWith("二、春节：2月15日", day.SourceLine);
    }

    [Fact]
    public void Reading_a_notice_into_the_calendar_moves_a_deadline_across_national_day()
    {
        var calendar = new WorkingDayCalendar(ParseOk(Notice2026).ToCalendarDays());
        Assert.Equal(D(2026, 10, 13), calendar.AddWorkingDays(D(2026, 9, 30), 5));
        Assert.Equal(D(2026, 10, 5), new WorkingDayCalendar([]).AddWorkingDays(D(2026, 9, 30), 3)); // weekends only
    }

    // ---- Other years' wordings ----

    [Fact]
    public void The_2017_notice_with_bu_xiu_and_yu_zhou_mo_lian_xiu_and_a_span_across_months()
    {
        const string notice2017 = """
            国务院办公厅关于2017年部分节假日安排的通知
            一、元旦：1月1日放假，1月2日（星期一）补休。
            二、春节：1月27日至2月2日放假调休，共7天。1月22日（星期日）、2月4日（星期六）上班。
            三、清明节：4月2日至4日放假调休，共3天。4月1日（星期六）上班。
            四、劳动节：5月1日放假，与周末连休。
            五、端午节：5月28日至30日放假调休，共3天。5月27日（星期六）上班。
            六、中秋节、国庆节：10月1日至8日放假调休，共8天。9月30日（星期六）上班。
            国务院办公厅
            2016年12月1日
            """;
        var notice = ParseOk(notice2017);
        DateOnly[] holidays =
        [
            D(2017, 1, 1), D(2017, 1, 2), .. Span(D(2017, 1, 27), D(2017, 2, 2)), .. Span(D(2017, 4, 2), D(2017, 4, 4)),
            D(2017, 5, 1), .. Span(D(2017, 5, 28), D(2017, 5, 30)), .. Span(D(2017, 10, 1), D(2017, 10, 8)),
        ];
        Assert.Equal(holidays, notice.Holidays);
        Assert.Equal([D(2017, 1, 22), D(2017, 2, 4), D(2017, 4, 1), D(2017, 5, 27), D(2017, 9, 30)], notice.Workdays);
    }

    [Fact]
    public void The_2022_spring_festival_from_january_31_to_february_6()
    {
        var notice = ParseOk("""
            国务院办公厅关于2022年部分节假日安排的通知
            一、元旦：2022年1月1日至3日放假，共3天。
            二、春节：1月31日至2月6日放假调休，共7天。1月29日（星期六）、1月30日（星期日）上班。
            """);
        Assert.Equal([.. Span(D(2022, 1, 1), D(2022, 1, 3)), .. Span(D(2022, 1, 31), D(2022, 2, 6))], notice.Holidays);
        Assert.Equal([D(2022, 1, 29), D(2022, 1, 30)], notice.Workdays);
    }

    [Fact]
    public void The_2023_new_year_from_december_31_of_the_year_before()
    {
        var notice = ParseOk("""
            国务院办公厅关于2023年部分节假日安排的通知
            一、元旦：2022年12月31日至2023年1月2日放假调休，共3天。
            三、清明节：4月5日放假，共1天。
            六、中秋节、国庆节：9月29日至10月6日放假调休，共8天。10月7日（星期六）、10月8日（星期日）上班。
            """);
        Assert.Equal([D(2022, 12, 31), D(2023, 1, 1), D(2023, 1, 2), D(2023, 4, 5), .. Span(D(2023, 9, 29), D(2023, 10, 6))], notice.Holidays);
        Assert.Equal([D(2023, 10, 7), D(2023, 10, 8)], notice.Workdays);

        // The same span without years: the start is in the year before the notice's.
        var bare = ParseOk("一、元旦：12月31日至1月2日放假调休，共3天。", 2023);
        Assert.Equal([D(2022, 12, 31), D(2023, 1, 1), D(2023, 1, 2)], bare.Holidays);
    }

    [Fact]
    public void The_2024_notice_skips_the_advice_to_rest_on_new_years_eve()
    {
        var notice = ParseOk("""
            国务院办公厅关于2024年部分节假日安排的通知
            一、元旦：1月1日放假，与周末连休。
            二、春节：2月10日至17日放假调休，共8天。2月4日（星期日）、2月18日（星期日）上班。鼓励各单位结合带薪年休假等制度落实，安排职工在除夕（2月9日）休息。
            """);
        Assert.Equal([D(2024, 1, 1), .. Span(D(2024, 2, 10), D(2024, 2, 17))], notice.Holidays);
        Assert.Equal([D(2024, 2, 4), D(2024, 2, 18)], notice.Workdays);
    }

    [Fact]
    public void The_2025_wording_with_lunar_dates_and_no_adjustment()
    {
        var notice = ParseOk("""
            国务院办公厅关于2025年部分节假日安排的通知
            一、元旦：1月1日（周三）放假1天，不调休。
            二、春节：1月28日（农历除夕、周二）至2月4日（农历正月初七、周二）放假调休，共8天。1月26日（周日）、2月8日（周六）上班。
            """);
        Assert.Equal([D(2025, 1, 1), .. Span(D(2025, 1, 28), D(2025, 2, 4))], notice.Holidays);
        Assert.Equal([D(2025, 1, 26), D(2025, 2, 8)], notice.Workdays);
    }

    [Fact]
    public void Full_width_digits_and_half_width_punctuation_read_the_same()
    {
        var fullWidth = ParseOk("一、元旦：１月１日（周四）至３日（周六）放假调休，共３天。１月４日（周日）上班。", 2026);
        var halfWidth = ParseOk("一、元旦: 1月1日(周四)至3日(周六)放假调休, 共3天. 1月4日(周日)上班.", 2026);
        var commaList = ParseOk("二、春节:2月15日(周日)至23日(周一)放假调休,共9天.2月14日(周六),2月28日(周六)上班.", 2026);
        Assert.Equal([D(2026, 1, 1), D(2026, 1, 2), D(2026, 1, 3)], fullWidth.Holidays);
        Assert.Equal([D(2026, 1, 4)], fullWidth.Workdays);
        Assert.Equal(fullWidth.Days.Select(d => (d.Date, d.Kind)), halfWidth.Days.Select(d => (d.Date, d.Kind)));
        Assert.Equal([D(2026, 2, 14), D(2026, 2, 28)], commaList.Workdays);
    }

    [Fact]
    public void An_item_broken_over_two_lines_keeps_its_name()
    {
        var notice = ParseOk("""
            国务院办公厅关于2021年
            部分节假日安排的通知
            二、春节：2月11日至17日放假调休，共7天。
            2月7日（星期日）、2月20日（星期六）上班。
            """);
        Assert.Equal(2021, notice.Year);
        Assert.Equal([D(2021, 2, 7), D(2021, 2, 20)], notice.Workdays);
        Assert.All(notice.Days, d => Assert.StartsWith("春节", d.Name));
        Assert.Equal(4, notice.Days.Single(d => d.Date == D(2021, 2, 7)).LineNumber);
    }

    // ---- What it refuses ----

    [Fact]
    public void Without_a_title_or_a_given_year_it_asks_for_the_year()
    {
        var items = "一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。";
        var notice = HolidayNoticeParser.Parse(items);
        Assert.False(notice.Ok);
        Assert.Equal(HolidayNoticeProblemCode.NoYear, Assert.Single(notice.Problems).Code);
        Assert.Equal("HolidayNotice.NoYear", notice.Problems[0].ToProblem().Code);
        Assert.Empty(notice.Days);
        Assert.Equal(2026, ParseOk(items, 2026).Year);
    }

    [Fact]
    public void A_wrong_year_shows_in_the_weekdays_or_against_the_title()
    {
        var items = "一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。";
        var wrong = HolidayNoticeParser.Parse(items, 2025);
        // One problem per sentence: the holiday span and the worked Sunday both disagree.
        Assert.Equal(2, wrong.Problems.Count);
        Assert.All(wrong.Problems, p => Assert.Equal((HolidayNoticeProblemCode.WeekdayMismatch, 1), (p.Code, p.LineNumber)));
        Assert.Equal([new DateOnly(2025, 1, 1), new Problem.Term("Weekday.Wednesday"), "周四"], wrong.Problems[0].Args);
        Assert.Equal([new DateOnly(2025, 1, 4), new Problem.Term("Weekday.Saturday"), "周日"], wrong.Problems[1].Args);
        Assert.Empty(wrong.Days);

        var conflict = HolidayNoticeParser.Parse(Notice2026, 2027);
        Assert.Equal(HolidayNoticeProblemCode.YearConflict, Assert.Single(conflict.Problems).Code);
        Assert.Equal(1, conflict.Problems[0].LineNumber);
    }

    [Fact]
    public void A_line_it_cannot_read_is_named_and_nothing_is_returned()
    {
        var text = Notice2026.Replace("五、端午节：6月19日（周五）至21日（周日）放假，共3天。", "五、端午节：6月19日（周五）起放假三天。", StringComparison.Ordinal);
        var notice = HolidayNoticeParser.Parse(text);
        Assert.False(notice.Ok);
        Assert.Empty(notice.Days);
        var problem = Assert.Single(notice.Problems);
        Assert.Equal(HolidayNoticeProblemCode.UnreadableLine, problem.Code);
        Assert.Equal(8, problem.LineNumber);
        Assert.Equal("五、端午节：6月19日（周五）起放假三天。", problem.Line);
        var worded = problem.ToProblem();
        Assert.Equal(("HolidayNotice.AtLine", 8), (worded.Code, worded.Args[0]));
        Assert.Equal("HolidayNotice.UnreadableLine", Assert.IsType<Problem>(worded.Args[2]).Code);
    }

    [Theory]
    [InlineData("一、元旦：2月30日放假，共1天。", HolidayNoticeProblemCode.InvalidDate)]
    [InlineData("一、元旦：1月1日至3日放假调休，共4天。", HolidayNoticeProblemCode.CountMismatch)]
    [InlineData("一、元旦：1月1日至3日放假调休，共3天。1月5日上班。", HolidayNoticeProblemCode.WorkdayNotWeekend)]
    [InlineData("一、元旦：1月1日至3日放假调休，共3天。1月3日（周六）上班。", HolidayNoticeProblemCode.DayListedTwice)]
    [InlineData("一、元旦：2025年1月1日放假，共1天。", HolidayNoticeProblemCode.YearConflict)]
    [InlineData("元旦：1月1日至3日放假调休。", HolidayNoticeProblemCode.UnreadableLine)]
    [InlineData("国务院办公厅\n2025年11月4日", HolidayNoticeProblemCode.NothingFound)]
    public void Each_kind_of_mistake_has_its_code(string text, HolidayNoticeProblemCode code)
    {
        var notice = HolidayNoticeParser.Parse(text, 2026);
        Assert.Equal(code, Assert.Single(notice.Problems).Code);
        Assert.Empty(notice.Days);
    }
}
