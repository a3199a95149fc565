using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Shian.Common;

/// <summary>Why a holiday notice, or one of its lines, could not be read.</summary>
public enum HolidayNoticeProblemCode
{
    /// <summary>Neither a year was given nor does the text carry one (title, "现将YYYY年…", or a dated line).</summary>
    NoYear = 1,

    /// <summary>The year given differs from the notice's title, or a line names a year the notice is not about.</summary>
    YearConflict,

    /// <summary>A holiday line whose wording is not one the State Council's notices use.</summary>
    UnreadableLine,

    /// <summary>A day that does not exist (2月30日) or a span that runs backwards.</summary>
    InvalidDate,

    /// <summary>The weekday printed next to a date is not that date's weekday in the year: usually the wrong year.</summary>
    WeekdayMismatch,

    /// <summary>"共N天" disagrees with the span the same sentence names.</summary>
    CountMismatch,

    /// <summary>An adjusted workday (上班) on Monday to Friday, which is a working day anyway.</summary>
    WorkdayNotWeekend,

    /// <summary>The same date named twice (as a holiday and a workday, or in two items).</summary>
    DayListedTwice,

    /// <summary>No holiday item (一、元旦：…) in the text at all.</summary>
    NothingFound,
}

/// <summary>
/// One problem, with the 1-based line it is on (0 when it concerns the whole text) and the values it is worded with
/// (dates, numbers, the text it could not read, or a nested <see cref="Common.Problem"/>).
/// </summary>
public sealed record HolidayNoticeProblem(HolidayNoticeProblemCode Code, int LineNumber, string Line, params object?[] Args)
{
    /// <summary>The problem to word (<c>Problem.HolidayNotice.{Code}</c>), inside "line N" when it is on a line.</summary>
    public Problem ToProblem()
    {
        var reason = new Problem("HolidayNotice." + Code, Args);
        return LineNumber > 0 ? new Problem("HolidayNotice.AtLine", LineNumber, Line, reason) : reason;
    }
}

/// <summary>A day the notice names: a day off (放假, 补休) or a weekend worked (上班), with its item and the line it came from.</summary>
public sealed record HolidayNoticeDay(DateOnly Date, CalendarDayKind Kind, string Item, int LineNumber, string SourceLine)
{
    /// <summary>The calendar's name for the day: the item ("春节"), or "春节调休" for a weekend worked, as the built-in data names them.</summary>
    public string Name => Kind == CalendarDayKind.AdjustedWorkday ? Item + "调休" : Item;
}

/// <summary>What a notice says, or why it could not be read. Store it only when <see cref="Ok"/>: all or nothing.</summary>
public sealed record HolidayNotice(int? Year, IReadOnlyList<HolidayNoticeDay> Days, IReadOnlyList<HolidayNoticeProblem> Problems)
{
    public bool Ok => Problems.Count == 0;

    public IReadOnlyList<DateOnly> Holidays => Days.Where(d => d.Kind == CalendarDayKind.Holiday).Select(d => d.Date).ToList();

    public IReadOnlyList<DateOnly> Workdays => Days.Where(d => d.Kind == CalendarDayKind.AdjustedWorkday).Select(d => d.Date).ToList();

    /// <summary>The days as calendar rows, named as the built-in data names them.</summary>
    public IReadOnlyList<CalendarDay> ToCalendarDays() =>
        Days.Select(d => new CalendarDay { Date = d.Date, Kind = d.Kind, Name = d.Name }).ToList();
}

/// <summary>
/// Reads the State Council's yearly notice (国务院办公厅关于YYYY年部分节假日安排的通知) into holidays and adjusted
/// workdays. Only the numbered items ("一、元旦：…") are read; the title, addressees, closing and signature date are not
/// holidays. Wordings of the notices since 2008: "M月D日至D日放假调休，共N天", spans across months or the new year
/// ("1月31日至2月6日", "2022年12月31日至2023年1月2日"), "M月D日放假，与周末连休" (only the named day: the weekend is
/// off anyway), "M月D日放假，M月D日（星期一）补休", "放假1天，不调休", "M月D日（星期六）、M月D日（星期日）上班", weekdays as
/// 周X or 星期X with lunar dates beside them, full-width or half-width digits and punctuation. A printed weekday is
/// checked against the date, so a wrong year does not pass silently. Pure: no I/O, no clock.
/// </summary>
public static partial class HolidayNoticeParser
{
    /// <summary>Reads <paramref name="text"/>; <paramref name="year"/> is needed only when the text does not carry its year.</summary>
    public static HolidayNotice Parse(string text, int? year = null)
    {
        var problems = new List<HolidayNoticeProblem>();
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n', '\r');
        var normalized = lines.Select(Normalize).ToArray();

        var titled = TitleYear(normalized);
        var noticeYear = year;
        if (titled is { } t && year is { } given && t.Year != given)
        {
            problems.Add(new(HolidayNoticeProblemCode.YearConflict, t.Line + 1, lines[t.Line].Trim(), new Problem("HolidayNotice.GivenYearDiffers", given, t.Year)));
            return new HolidayNotice(year, [], problems);
        }
        noticeYear ??= titled?.Year ?? LatestExplicitYear(normalized);
        if (noticeYear is not { } y || y is < 1949 or > 2100)
        {
            problems.Add(new(HolidayNoticeProblemCode.NoYear, 0, ""));
            return new HolidayNotice(null, [], problems);
        }

        var days = new List<HolidayNoticeDay>();
        string? item = null;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = normalized[i];
            if (line.Length == 0)
            {
                continue;
            }
            string body;
            var match = ItemLine().Match(line);
            if (match.Success)
            {
                item = match.Groups["name"].Value;
                body = match.Groups["body"].Value;
            }
            else if (DateInLine().IsMatch(line) && DayKeyword().IsMatch(line))
            {
                if (item is null)
                {
                    // A dated holiday line before any item: a wording we do not know, not something to skip silently.
                    problems.Add(new(HolidayNoticeProblemCode.UnreadableLine, i + 1, lines[i].Trim(), lines[i].Trim()));
                    continue;
                }
                body = line; // an item's sentence carried over to the next line when pasted
            }
            else
            {
                continue; // title, addressees, introduction, closing paragraph, signature and its date
            }
            var reader = new LineReader(y, item, i + 1, lines[i].Trim(), days, problems);
            reader.Read(body);
        }

        if (days.Count == 0 && problems.Count == 0)
        {
            problems.Add(new(HolidayNoticeProblemCode.NothingFound, 0, ""));
        }
        foreach (var twice in days.GroupBy(d => d.Date).Where(g => g.Count() > 1))
        {
            var second = twice.ElementAt(1);
            problems.Add(new(HolidayNoticeProblemCode.DayListedTwice, second.LineNumber, second.SourceLine, twice.Key));
        }
        return problems.Count > 0
            ? new HolidayNotice(y, [], problems)
            : new HolidayNotice(y, days.OrderBy(d => d.Date).ToList(), []);
    }

    /// <summary>Full-width digits, letters and punctuation to half-width (NFKC), and no spaces.</summary>
    private static string Normalize(string line)
    {
        var text = line.Normalize(NormalizationForm.FormKC);
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (!char.IsWhiteSpace(c))
            {
                builder.Append(c switch { '〔' or '［' => '[', '〕' or '］' => ']', '～' or '〜' => '~', '，' => ',', _ => c });
            }
        }
        return builder.ToString();
    }

    /// <summary>The year in "关于YYYY年部分节假日安排" or "现将YYYY年…放假", which may be broken over two lines.</summary>
    private static (int Year, int Line)? TitleYear(string[] lines)
    {
        for (var i = 0; i < lines.Length; i++)
        {
            var joined = i + 1 < lines.Length ? lines[i] + lines[i + 1] : lines[i];
            var match = TitleYearPattern().Match(joined);
            if (match.Success && match.Index < lines[i].Length)
            {
                return (int.Parse(match.Groups["y"].Value, CultureInfo.InvariantCulture), i);
            }
        }
        return null;
    }

    /// <summary>Without a title or a given year, the latest year an item's date spells out ("元旦：2021年1月1日至3日").</summary>
    private static int? LatestExplicitYear(string[] lines)
    {
        int? latest = null;
        foreach (var line in lines.Where(l => ItemLine().IsMatch(l)))
        {
            foreach (Match m in ExplicitYear().Matches(line))
            {
                var year = int.Parse(m.Groups["y"].Value, CultureInfo.InvariantCulture);
                latest = latest is { } l && l > year ? l : year;
            }
        }
        return latest;
    }

    private static readonly string[] WeekdayNames = ["日", "一", "二", "三", "四", "五", "六"];

    /// <summary>The sentences of one item line, read into <paramref name="days"/> or named in <paramref name="problems"/>.</summary>
    private sealed class LineReader(int year, string item, int lineNumber, string source, List<HolidayNoticeDay> days, List<HolidayNoticeProblem> problems)
    {
        private bool IsNewYearItem => item.Contains("元旦", StringComparison.Ordinal);

        public void Read(string body)
        {
            // A list of workdays separated by half-width commas reads as one list: "2月14日(周六),2月28日(周六)上班".
            body = ListComma().Replace(body, "$1、");
            foreach (var sentence in body.Split(['。', '.', ';', '；'], StringSplitOptions.RemoveEmptyEntries))
            {
                if (sentence.StartsWith("鼓励", StringComparison.Ordinal))
                {
                    continue; // "鼓励各单位…安排职工在除夕（2月9日）休息": advice, not a day off
                }
                ReadSentence(sentence);
            }
        }

        private void ReadSentence(string sentence)
        {
            List<DateOnly>? span = null;
            foreach (var clause in sentence.Split(',', StringSplitOptions.RemoveEmptyEntries))
            {
                Match m;
                if ((m = HolidayClause().Match(clause)).Success)
                {
                    span = Span(m);
                    if (span is null)
                    {
                        return;
                    }
                    Add(span, CalendarDayKind.Holiday);
                    if (m.Groups["n"].Success && !Count(m.Groups["n"].Value, span))
                    {
                        return;
                    }
                }
                else if ((m = TotalClause().Match(clause)).Success && span is not null)
                {
                    if (!Count(m.Groups["n"].Value, span))
                    {
                        return;
                    }
                }
                else if ((m = MakeUpClause().Match(clause)).Success)
                {
                    if (Date(m, "1", null) is not { } day)
                    {
                        return;
                    }
                    Add([day], CalendarDayKind.Holiday);
                }
                else if ((m = WorkdayClause().Match(clause)).Success)
                {
                    foreach (Match d in DatePattern().Matches(m.Groups["list"].Value))
                    {
                        if (Date(d, "", null) is not { } day)
                        {
                            return;
                        }
                        if (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
                        {
                            Problem(HolidayNoticeProblemCode.WorkdayNotWeekend, day);
                            return;
                        }
                        Add([day], CalendarDayKind.AdjustedWorkday);
                    }
                }
                else if (clause is "与周末连休" or "不调休" or "放假调休" && span is not null)
                {
                    // The weekend next to the day off is off anyway; nothing to add.
                }
                else
                {
                    Problem(HolidayNoticeProblemCode.UnreadableLine, clause);
                    return;
                }
            }
        }

        private void Add(IEnumerable<DateOnly> dates, CalendarDayKind kind)
        {
            foreach (var date in dates)
            {
                days.Add(new HolidayNoticeDay(date, kind, item, lineNumber, source));
            }
        }

        private bool Count(string printed, List<DateOnly> span)
        {
            var n = int.Parse(printed, CultureInfo.InvariantCulture);
            if (n == span.Count)
            {
                return true;
            }
            Problem(HolidayNoticeProblemCode.CountMismatch, span[0], span[^1], span.Count, n);
            return false;
        }

        /// <summary>Every day from the first date to the last of "M月D日至[[YYYY年]M月]D日", both included.</summary>
        private List<DateOnly>? Span(Match m)
        {
            if (!m.Groups["d2"].Success)
            {
                return Date(m, "1", null) is { } single ? [single] : null;
            }
            int m1 = int.Parse(m.Groups["m1"].Value, CultureInfo.InvariantCulture), d1 = int.Parse(m.Groups["d1"].Value, CultureInfo.InvariantCulture);
            var m2 = m.Groups["m2"].Success ? int.Parse(m.Groups["m2"].Value, CultureInfo.InvariantCulture) : m1;
            var d2 = int.Parse(m.Groups["d2"].Value, CultureInfo.InvariantCulture);
            var crossesNewYear = (m2, d2).CompareTo((m1, d1)) < 0;
            int? y1 = m.Groups["y1"].Success ? int.Parse(m.Groups["y1"].Value, CultureInfo.InvariantCulture) : null;
            int? y2 = m.Groups["y2"].Success ? int.Parse(m.Groups["y2"].Value, CultureInfo.InvariantCulture) : null;
            // "12月31日至1月2日": the end is in the notice's year, the start in the year before.
            y2 ??= y1 is { } startYear ? startYear + (crossesNewYear ? 1 : 0) : year;
            y1 ??= y2 - (crossesNewYear ? 1 : 0);
            if (Date(m, "1", y1) is not { } first || Date(m, "2", y2, m2) is not { } last)
            {
                return null;
            }
            if (last < first || last.DayNumber - first.DayNumber > 31)
            {
                Problem(HolidayNoticeProblemCode.InvalidDate, new Problem("HolidayNotice.Span", first, last));
                return null;
            }
            return Enumerable.Range(0, last.DayNumber - first.DayNumber + 1).Select(first.AddDays).ToList();
        }

        /// <summary>
        /// The date in groups y{suffix}, m{suffix}, d{suffix} and its printed weekday w{suffix}. Without a printed year a
        /// December date of the 元旦 item is in the year before; every other date in the notice's year.
        /// </summary>
        private DateOnly? Date(Match m, string suffix, int? impliedYear, int? impliedMonth = null)
        {
            var month = m.Groups["m" + suffix].Success ? int.Parse(m.Groups["m" + suffix].Value, CultureInfo.InvariantCulture) : impliedMonth ?? 0;
            var day = int.Parse(m.Groups["d" + suffix].Value, CultureInfo.InvariantCulture);
            var printedYear = m.Groups["y" + suffix].Success ? int.Parse(m.Groups["y" + suffix].Value, CultureInfo.InvariantCulture) : (int?)null;
            var dateYear = printedYear ?? impliedYear ?? (IsNewYearItem && month == 12 ? year - 1 : year);
            if (dateYear != year && !(dateYear == year - 1 && month == 12))
            {
                Problem(HolidayNoticeProblemCode.YearConflict, new Problem("HolidayNotice.DateOutsideYear", new Problem("HolidayNotice.Date", dateYear, month, day), year));
                return null;
            }
            if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(dateYear, month))
            {
                Problem(HolidayNoticeProblemCode.InvalidDate, new Problem("HolidayNotice.Date", dateYear, month, day));
                return null;
            }
            var date = new DateOnly(dateYear, month, day);
            if (m.Groups["w" + suffix].Success && WeekdayInNote().Match(m.Groups["w" + suffix].Value) is { Success: true } note)
            {
                var printed = note.Groups[1].Value is "天" ? "日" : note.Groups[1].Value;
                var actual = WeekdayNames[(int)date.DayOfWeek];
                if (printed != actual)
                {
                    Problem(HolidayNoticeProblemCode.WeekdayMismatch, date, new Problem.Term("Weekday." + date.DayOfWeek), note.Value);
                    return null;
                }
            }
            return date;
        }

        private void Problem(HolidayNoticeProblemCode code, params object?[] args) => problems.Add(new(code, lineNumber, source, args));
    }

    // Patterns run on normalized text: half-width digits and punctuation, no spaces. A date: [YYYY年]M月D日[(note)].
    private const string DateGroups1 = @"(?:(?<y1>\d{4})年)?(?<m1>\d{1,2})月(?<d1>\d{1,2})日(?:\((?<w1>[^()]*)\))?";
    private const string DateGroups2 = @"(?:(?:(?<y2>\d{4})年)?(?<m2>\d{1,2})月)?(?<d2>\d{1,2})日(?:\((?<w2>[^()]*)\))?";

    [GeneratedRegex(@"^(?:[一二三四五六七八九十]+|\d{1,2})[、.](?<name>[^:]{0,20}?(?:元旦|节)):(?<body>.+)$")]
    private static partial Regex ItemLine();

    [GeneratedRegex(@"\d{1,2}月\d{1,2}日")]
    private static partial Regex DateInLine();

    [GeneratedRegex("放假|上班|补休")]
    private static partial Regex DayKeyword();

    [GeneratedRegex(@"关于(?<y>\d{4})年(?:部分)?节假日安排|现将(?<y>\d{4})年.{0,40}放假")]
    private static partial Regex TitleYearPattern();

    [GeneratedRegex(@"(?<y>\d{4})年\d{1,2}月\d{1,2}日")]
    private static partial Regex ExplicitYear();

    [GeneratedRegex("^" + DateGroups1 + "(?:[至到~\u2014\u2013-]+" + DateGroups2 + ")?放假(?:调休|公休)?(?:(?<n>\\d+)天)?$")]
    private static partial Regex HolidayClause();

    [GeneratedRegex(@"^共(?<n>\d+)天$")]
    private static partial Regex TotalClause();

    [GeneratedRegex("^" + DateGroups1 + "补休$")]
    private static partial Regex MakeUpClause();

    [GeneratedRegex(@"^(?<list>(?:(?:\d{4}年)?\d{1,2}月\d{1,2}日(?:\([^()]*\))?[、和及]?)+)上班$")]
    private static partial Regex WorkdayClause();

    [GeneratedRegex(@"(?:(?<y>\d{4})年)?(?<m>\d{1,2})月(?<d>\d{1,2})日(?:\((?<w>[^()]*)\))?")]
    private static partial Regex DatePattern();

    [GeneratedRegex(@"(?:周|星期)([一二三四五六日天])")]
    private static partial Regex WeekdayInNote();

    [GeneratedRegex(@"(日(?:\([^()]*\))?),(?=(?:\d{4}年)?\d{1,2}月\d{1,2}日)")]
    private static partial Regex ListComma();
}
