using System.CommandLine;
using System.Globalization;
using Shian.Sampling;

namespace Shian.Cli;

/// <summary><c>shian sampling quota --population N --per-thousand R</c>: the sampling volume a plan must reach.</summary>
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
                console.Error($"人口“{people}”应为大于0的整数（不要用逗号分隔千位） / --population must be a whole number above 0");
                return ShianCli.Failed;
            }
            if (!decimal.TryParse(rate, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var r) || r <= 0 || r > 1000)
            {
                console.Error($"每千人批次“{rate}”应为大于0且不超过1000的数 / --per-thousand must be a number above 0 and at most 1000");
                return ShianCli.Failed;
            }
            console.Out(SamplingQuota.Of(p, r).ToString(CultureInfo.InvariantCulture));
            return ShianCli.Ok;
        });
        return new Command("sampling", "抽检监测 / sampling") { quota };
    }
}
