using System.CommandLine;
using System.Globalization;
using Shian.Common;
using Shian.Data;

namespace Shian.Cli;

/// <summary><c>shian calendar add-working-days DATE N</c>: the statutory-deadline arithmetic, from the shell.</summary>
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
                result.AddError($"日期“{text}”应写作 yyyy-MM-dd / the date '{text}' must be yyyy-MM-dd");
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
                console.Error("工作日数应在 -3650 到 3650 之间 / n must be between -3650 and 3650");
                return ShianCli.Usage;
            }
            var result = calendar.AddWorkingDays(from, n);
            foreach (var year in Enumerable.Range(Math.Min(from.Year, result.Year), Math.Abs(result.Year - from.Year) + 1).Where(y => !calendar.Covers(y)))
            {
                console.Warn($"{year} 年的节假日尚未录入，只扣除了周末 / the holidays of {year} are not entered: only weekends were skipped");
            }
            console.Out(result.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            return ShianCli.Ok;
        });
        return new Command("calendar", "工作日历 / working-day calendar") { add };
    }

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
