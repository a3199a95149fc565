using System.CommandLine;
using System.Globalization;
using Shian.Complaints;

namespace Shian.Cli;

/// <summary>
/// <c>shian rewards compute --tier N --fines AMOUNT</c>: the 2021 report-reward rule (RewardRules.Compute) from the shell,
/// for checking an amount by hand; needs no database.
/// </summary>
public static class RewardCommands
{
    public static Command Create(CliConsole console)
    {
        var tier = new Option<int>("--tier") { Description = "奖励等级 1–3 / reward tier 1-3", Required = true };
        var fines = new Option<decimal>("--fines") { Description = "罚没款金额（元） / fines and confiscations in yuan", Required = true };
        var compute = new Command("compute", "按 2021 年举报奖励办法计算奖励金额 / the reward amount by the 2021 rules") { tier, fines };
        compute.SetAction(parse =>
        {
            var (amount, error) = RewardRules.Compute(parse.GetValue(tier), parse.GetValue(fines));
            if (error is not null)
            {
                console.Error(Words.Of(error));
                return ShianCli.Failed;
            }
            console.Out(amount.ToString("0.00", CultureInfo.InvariantCulture));
            return ShianCli.Ok;
        });
        return new Command("rewards", "举报奖励 / report rewards") { compute };
    }
}
