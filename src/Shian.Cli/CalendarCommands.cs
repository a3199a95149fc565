using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Shian.Common;
using Shian.Data;

namespace Shian.Cli;

/// <summary>
/// <c>shian calendar add-working-days DATE N</c>: the statutory-deadline arithmetic, from the shell.
/// <c>shian calendar parse-notice FILE [--year Y] [--json]</c>: what the platform reads from a State Council holiday notice.
/// </summary>
public static class CalendarCommands
{
    public static Command Create(CliConsole console)
    {
        var db = CliDatabase.Option();
        var start = new Argument<DateOnly>("date")
        {
            Description = "起算日 yyyy-MM-dd / start date",
            CustomParser = result =>
            {
                var text = result.Tokens.Single().Value;
                if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                {
                    return date;
                }
                result.AddError(Words.Format("Cli.DateFormat", text));
                return default;
            },
        };
        var days = new Argument<int>("n") { Description = "工作日数（起算日当天不计） / working days (the start day is not counted)" };
        var add = new Command("add-working-days", "计算 N 个工作日后的日期 / the date N working days after DATE") { start, days, db };
        add.SetAction(async parse =>
        {
            var calendar = await LoadAsync(parse.GetValue(db), console);
            if (calendar is null)
            {
                return ShianCli.Failed;
            }
            var from = parse.GetValue(start);
            var n = parse.GetValue(days);
            if (Math.Abs(n) > 3650)
            {
                console.Error(Words.Format("Cli.WorkingDaysRange", -3650, 3650));
                return ShianCli.Usage;
            }
            var result = calendar.AddWorkingDays(from, n);
            foreach (var year in Enumerable.Range(Math.Min(from.Year, result.Year), Math.Abs(result.Year - from.Year) + 1).Where(y => !calendar.Covers(y)))
            {
                console.Warn(Words.Format("Cli.HolidaysMissing", year));
            }
            console.Out(result.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            return ShianCli.Ok;
        });
        return new Command("calendar", "工作日历 / working-day calendar") { add, ParseNotice(console) };
    }

    /// <summary>The largest notice file read: the real ones are about 2 KB.</summary>
    private const long MaxNoticeBytes = 1024 * 1024;

    private static Command ParseNotice(CliConsole console)
    {
        var file = new Argument<FileInfo>("file") { Description = "放假安排通知全文（.txt，UTF-8 或 GB18030） / the holiday notice as text (UTF-8 or GB18030)" };
        var year = new Option<int?>("--year") { Description = "通知的年度（文中没有标题时必需） / the notice's year (needed when the text has no title)" };
        var json = new Option<bool>("--json") { Description = "输出 JSON / print JSON" };
        var parse = new Command("parse-notice", "解析国务院办公厅节假日安排通知 / read a State Council holiday notice") { file, year, json };
        parse.SetAction(parseResult =>
        {
            var path = parseResult.GetValue(file)!;
            if (!path.Exists)
            {
                console.Error(Words.Format("Cli.FileNotFound", path.FullName));
                return ShianCli.Failed;
            }
            if (path.Length > MaxNoticeBytes)
            {
                console.Error(Words.Format("Cli.NoticeTooLarge"));
                return ShianCli.Failed;
            }
            var (text, decodeError) = TextDecoding.Decode(File.ReadAllBytes(path.FullName));
            if (text is null)
            {
                console.Error(Words.Of(decodeError!));
                return ShianCli.Failed;
            }
            var notice = HolidayNoticeParser.Parse(text, parseResult.GetValue(year));
            if (!notice.Ok)
            {
                foreach (var problem in notice.Problems)
                {
                    console.Error(Words.Of(problem.ToProblem()));
                }
                return ShianCli.Failed;
            }
            if (parseResult.GetValue(json))
            {
                console.Out(JsonSerializer.Serialize(new
                {
                    year = notice.Year,
                    holidays = notice.Holidays.Select(Iso),
                    workdays = notice.Workdays.Select(Iso),
                }));
            }
            else
            {
                PrintSummary(notice, console);
            }
            return ShianCli.Ok;
        });
        return parse;
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>One line per holiday: its days off as runs of dates, then its adjusted workdays.</summary>
    private static void PrintSummary(HolidayNotice notice, CliConsole console)
    {
        console.Out(Words.Format("Cli.HolidaySummary", notice.Year, notice.Holidays.Count, notice.Workdays.Count));
        foreach (var holiday in notice.Days.GroupBy(d => d.Item).OrderBy(g => g.Min(d => d.LineNumber)))
        {
            var off = holiday.Where(d => d.Kind == CalendarDayKind.Holiday).Select(d => d.Date).ToList();
            var runs = new List<string>();
            for (var i = 0; i < off.Count;)
            {
                var j = i;
                while (j + 1 < off.Count && off[j + 1] == off[j].AddDays(1))
                {
                    j++;
                }
                runs.Add(i == j ? Iso(off[i]) : Words.Format("Cli.DateRun", Iso(off[i]), Iso(off[j])));
                i = j + 1;
            }
            var worked = holiday.Where(d => d.Kind == CalendarDayKind.AdjustedWorkday)
                .Select(d => Words.Format("Cli.DateWithWeekday", Iso(d.Date), Weekday(d.Date))).ToList();
            // The holiday's name is the notice's own word (春节, 国庆节): data, printed as the notice has it.
            var line = Words.Format("Cli.HolidayLine", holiday.Key, string.Join(Words.Format("Cli.ListSeparator"), runs), off.Count);
            console.Out(worked.Count > 0 ? line + Words.Format("Cli.HolidayWorked", string.Join(Words.Format("Cli.ListSeparator"), worked)) : line);
        }
    }

    private static string Weekday(DateOnly date) => date.DayOfWeek switch
    {
        DayOfWeek.Saturday => Words.Format("Cli.Saturday"),
        DayOfWeek.Sunday => Words.Format("Cli.Sunday"),
        _ => date.DayOfWeek.ToString(),
    };

    /// <summary>
    /// The calendar administrators maintain when a database is named or present here; otherwise the built-in one.
    /// Never creates a database.
    /// </summary>
    private static async Task<WorkingDayCalendar?> LoadAsync(string? argument, CliConsole console)
    {
        if (argument is null && !File.Exists(DatabaseSettings.DefaultSqlitePath))
        {
            return new WorkingDayCalendar(WorkingDayCalendar.BuiltInDays());
        }
        await using var database = await CliDatabase.OpenAsync(argument, console, CliOpen.ReadOnly);
        return database is null ? null : await database.Db.LoadCalendarAsync();
    }
}
