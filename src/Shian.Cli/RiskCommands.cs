using System.CommandLine;
using System.Globalization;
using Shian.Common;
using Shian.Risk;

namespace Shian.Cli;

/// <summary><c>shian risk regrade</c>: grades every active business with the sheets in force, as the nightly job would.</summary>
public static class RiskCommands
{
    public static Command Create(CliConsole console)
    {
        var db = CliDatabase.Option();
        var regrade = new Command("regrade", "按现行评分表重新评定所有在营主体的风险等级 / regrade every active business with the current sheets") { db };
        regrade.SetAction(async parse =>
        {
            await using var database = await CliDatabase.OpenAsync(parse.GetValue(db), console, CliOpen.Existing);
            if (database is null)
            {
                return ShianCli.Failed;
            }
            var started = System.Diagnostics.Stopwatch.StartNew();
            var result = await RiskRegrade.RunAsync(database.Db, "cli:" + Environment.UserName, ShianTime.UtcNow(database.Clock));
            foreach (var (grade, count) in result.PerGrade)
            {
                console.Out(Words.Format("Cli.RiskGradeCount", grade, count));
            }
            if (result.WithoutSheet > 0)
            {
                console.Out(Words.Format("Cli.RiskWithoutSheet", result.WithoutSheet));
            }
            console.Out(Words.Format("Cli.RiskGraded", result.Graded, result.Changed, started.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)));
            return ShianCli.Ok;
        });
        return new Command("risk", "风险分级 / risk grading") { regrade };
    }
}
