using System.CommandLine;
using System.Globalization;
using Shian.Common;
using Shian.Sampling;

namespace Shian.Cli;

/// <summary>
/// <c>shian sampling quota --population N --per-thousand R</c>: the sampling volume a plan must reach.
/// <c>shian sampling open-failure-cases</c> and <c>shian sampling public-tokens</c>: backfills for data from before a failed
/// report opened its case and a submitted form got its token (pages only read; these write once, then find nothing).
/// </summary>
public static class SamplingCommands
{
    public static Command Create(CliConsole console)
    {
        var population = new Option<string>("--population")
        {
            Description = "常住人口 / resident population", Required = true,
        };
        var perThousand = new Option<string>("--per-thousand")
        {
            Description = "每千人抽检批次，默认 4 / batches per 1,000 residents (default 4)",
            DefaultValueFactory = _ => SamplingPlan.DefaultPerThousand.ToString(CultureInfo.InvariantCulture),
        };
        var quota = new Command("quota", "按人口计算年度抽检任务量（向上取整） / the year's sampling quota, rounded up") { population, perThousand };
        quota.SetAction(parse =>
        {
            var people = parse.GetValue(population) ?? "";
            var rate = parse.GetValue(perThousand) ?? "";
            if (!int.TryParse(people, NumberStyles.None, CultureInfo.InvariantCulture, out var p) || p <= 0)
            {
                console.Error(Words.Format("Cli.PopulationInvalid", people));
                return ShianCli.Failed;
            }
            if (!decimal.TryParse(rate, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var r) || r <= 0 || r > 1000)
            {
                console.Error(Words.Format("Cli.PerThousandInvalid", rate));
                return ShianCli.Failed;
            }
            console.Out(SamplingQuota.Of(p, r).ToString(CultureInfo.InvariantCulture));
            return ShianCli.Ok;
        });
        var db = CliDatabase.Option();
        var openCases = new Command("open-failure-cases",
            "为尚无核查处置案件的不合格已出报告样品立案并通知经营者（旧数据补录，可重复运行） / open the missing cases of failed reported samples, with their notices (a backfill for old data; safe to run again)")
        {
            db,
        };
        openCases.SetAction(async parse =>
        {
            await using var database = await CliDatabase.OpenAsync(parse.GetValue(db), console, CliOpen.Existing);
            if (database is null)
            {
                return ShianCli.Failed;
            }
            // Served today: the deadlines to ask for re-inspection or object run from the notice the operator now receives.
            var opened = await SampleFailures.OpenMissingAsync(database.Db, ShianTime.UtcNow(database.Clock), "cli:" + Environment.UserName);
            console.Out(Words.Format("Cli.FailuresOpened", opened.Count));
            if (opened.Count > 0)
            {
                console.Out(Words.Format("Cli.NoTextMessages"));
            }
            return ShianCli.Ok;
        });
        var tokens = new Command("public-tokens",
            "为尚无核验码的已提交抽样单生成核验码（旧数据补录，可重复运行） / give submitted forms without a verification token their token (a backfill; safe to run again)")
        {
            db,
        };
        tokens.SetAction(async parse =>
        {
            await using var database = await CliDatabase.OpenAsync(parse.GetValue(db), console, CliOpen.Existing);
            if (database is null)
            {
                return ShianCli.Failed;
            }
            var given = await SamplePublicTokens.GiveMissingAsync(database.Db);
            console.Out(Words.Format("Cli.TokensGiven", given));
            return ShianCli.Ok;
        });
        return new Command("sampling", "抽检监测 / sampling") { quota, openCases, tokens };
    }
}
