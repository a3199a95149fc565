using System.Text;
using System.Text.Json;
using Shian.Cli;
using Shian.Common;

namespace Shian.Web.Tests.Cli;

/// <summary><c>shian calendar parse-notice</c> on real notice files; needs no database.</summary>
public sealed class CalendarCliTests : IDisposable
{
    private static readonly string Notice2026 = Path.Combine(AppContext.BaseDirectory, "calendar", "holiday-notice-2026.txt");
    private readonly string _folder = Directory.CreateTempSubdirectory("shian-notice-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static (int Code, string Out, string Error) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = ShianCli.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private string Write(string name, string text, Encoding? encoding = null)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllBytes(path, (encoding ?? new UTF8Encoding(false)).GetBytes(text));
        return path;
    }

    private static List<string> Days(int year, params (int Month, int Day, int ToMonth, int ToDay)[] spans)
    {
        var days = new List<string>();
        foreach (var (month, day, toMonth, toDay) in spans)
        {
            for (var d = new DateOnly(year, month, day); d <= new DateOnly(year, toMonth, toDay); d = d.AddDays(1))
            {
                days.Add(d.ToString("yyyy-MM-dd"));
            }
        }
        return days;
    }

    [Fact]
    public void Parse_notice_prints_the_documented_json_and_it_round_trips_into_the_calendar()
    {
        var (code, output, error) = Run("calendar", "parse-notice", Notice2026, "--json");
        Assert.Equal(0, code);
        Assert.Equal("", error);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal(["year", "holidays", "workdays"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(2026, root.GetProperty("year").GetInt32());
        var holidays = root.GetProperty("holidays").EnumerateArray().Select(e => e.GetString()!).ToList();
        var workdays = root.GetProperty("workdays").EnumerateArray().Select(e => e.GetString()!).ToList();
        // docs/domain.md §10, 2026.
        Assert.Equal(Days(2026, (1, 1, 1, 3), (2, 15, 2, 23), (4, 4, 4, 6), (5, 1, 5, 5), (6, 19, 6, 21), (9, 25, 9, 27), (10, 1, 10, 7)), holidays);
        Assert.Equal(["2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"], workdays);

        // Back into a calendar, the printed dates count a deadline exactly as the built-in 2026 rows do.
        var read = new WorkingDayCalendar(
            holidays.Select(d => new CalendarDay { Date = DateOnly.Parse(d), Kind = CalendarDayKind.Holiday })
                .Concat(workdays.Select(d => new CalendarDay { Date = DateOnly.Parse(d), Kind = CalendarDayKind.AdjustedWorkday })));
        var builtIn = new WorkingDayCalendar(WorkingDayCalendar.BuiltInDays());
        for (var d = new DateOnly(2026, 1, 1); d.Year == 2026; d = d.AddDays(1))
        {
            Assert.Equal(builtIn.IsWorkingDay(d), read.IsWorkingDay(d));
        }
        Assert.Equal(new DateOnly(2026, 10, 13), read.AddWorkingDays(new DateOnly(2026, 9, 30), 5));
    }

    [Fact]
    public void Add_working_days_across_national_day_2026_uses_the_built_in_year()
    {
        var previous = Directory.GetCurrentDirectory();
        lock (WorkingDirectory.Lock)
        {
            Directory.SetCurrentDirectory(_folder); // no database here: the built-in calendar
            try
            {
                var (code, output, error) = Run("calendar", "add-working-days", "2026-09-30", "5");
                Assert.Equal(0, code);
                Assert.Equal("2026-10-13", output.Trim());
                Assert.Equal("", error); // no "holidays of 2026 are not entered" warning
            }
            finally
            {
                Directory.SetCurrentDirectory(previous);
            }
        }
    }

    [Fact]
    public void Without_json_it_prints_a_summary_per_holiday()
    {
        var (code, output, _) = Run("calendar", "parse-notice", Notice2026);
        Assert.Equal(0, code);
        Assert.Contains("2026 年节假日安排：放假 33 天，调休上班 6 天", output);
        Assert.Contains("春节：放假 2026-02-15 至 2026-02-23（9 天）；上班 2026-02-14（周六）、2026-02-28（周六）", output);
        Assert.Contains("国庆节：放假 2026-10-01 至 2026-10-07（7 天）；上班 2026-09-20（周日）、2026-10-10（周六）", output);
        Assert.Contains("端午节：放假 2026-06-19 至 2026-06-21（3 天）", output);
        // In the notice's order: 中秋节 (item 六) before 国庆节 (item 七), though a 国庆 workday comes first in the year.
        Assert.True(output.IndexOf("中秋节：", StringComparison.Ordinal) < output.IndexOf("国庆节：", StringComparison.Ordinal));
    }

    [Fact]
    public void Items_without_a_title_need_the_year()
    {
        var items = Write("items.txt", "一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。\n");
        var (code, output, error) = Run("calendar", "parse-notice", items, "--json");
        Assert.Equal(1, code);
        Assert.Equal("", output);
        Assert.Contains("通知中没有年份", error);
        Assert.Contains("--year", error);

        var withYear = Run("calendar", "parse-notice", items, "--year", "2026", "--json");
        Assert.Equal(0, withYear.Code);
        Assert.Equal("""{"year":2026,"holidays":["2026-01-01","2026-01-02","2026-01-03"],"workdays":["2026-01-04"]}""", withYear.Out.Trim());

        // The same items read as 2025 disagree with their printed weekdays.
        var wrongYear = Run("calendar", "parse-notice", items, "--year", "2025");
        Assert.Equal(1, wrongYear.Code);
        Assert.Contains("星期不符", wrongYear.Error);

        var conflict = Run("calendar", "parse-notice", Notice2026, "--year", "2027");
        Assert.Equal(1, conflict.Code);
        Assert.Contains("年份不一致", conflict.Error);
    }

    [Fact]
    public void A_line_it_cannot_read_exits_1_naming_the_line()
    {
        var text = File.ReadAllText(Notice2026).Replace("三、清明节：4月4日（周六）至6日（周一）放假，共3天。", "三、清明节：4月4日（周六）起连休三天。", StringComparison.Ordinal);
        var (code, output, error) = Run("calendar", "parse-notice", Write("bad.txt", text), "--json");
        Assert.Equal(1, code);
        Assert.Equal("", output);
        Assert.Contains("第 11 行“三、清明节：4月4日（周六）起连休三天。”", error);
    }

    [Fact]
    public void A_gb18030_copy_reads_the_same_and_other_files_are_refused()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var gb = Write("gb.txt", File.ReadAllText(Notice2026), Encoding.GetEncoding("GB18030"));
        Assert.Equal(Run("calendar", "parse-notice", Notice2026, "--json").Out, Run("calendar", "parse-notice", gb, "--json").Out);

        var binary = Path.Combine(_folder, "image.txt");
        File.WriteAllBytes(binary, [0x89, 0x50, 0x4E, 0x47, 0x00, 0x1A]);
        Assert.Equal(1, Run("calendar", "parse-notice", binary).Code);
        Assert.Equal(1, Run("calendar", "parse-notice", Path.Combine(_folder, "missing.txt")).Code);
        Assert.Equal(2, Run("calendar", "parse-notice", Notice2026, "--year", "next").Code);
    }
}
