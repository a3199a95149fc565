using Shian.Cli;
using Shian.Common;

namespace Shian.Web.Tests.Cli;

/// <summary><c>shian rewards compute</c>: the 2021 reward rule from the shell; needs no database.</summary>
public sealed class RewardCliTests
{
    private static (int Code, string Out, string Error) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = ShianCli.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Theory]
    [InlineData("1", "50000", "5000.00")] // 5% of 50,000 is 2,500: the tier-1 floor
    [InlineData("1", "300000", "15000.00")] // 5%
    [InlineData("2", "123456.78", "3703.70")] // 3%, rounded to the fen
    [InlineData("3", "0", "1000.00")] // the tier-3 floor
    [InlineData("1", "30000000", "1000000.00")] // the cap per case
    public void Compute_prints_the_amount_and_exits_0(string tier, string fines, string expected)
    {
        var (code, output, error) = Run("rewards", "compute", "--tier", tier, "--fines", fines);
        Assert.Equal(0, code);
        Assert.Equal("", error);
        Assert.Equal(expected, output.Trim());
    }

    [Fact]
    public void A_tier_outside_1_to_3_prints_the_worded_problem_and_exits_1()
    {
        var (code, output, error) = Run("rewards", "compute", "--tier", "4", "--fines", "1000");
        Assert.Equal(1, code);
        Assert.Equal("", output);
        Assert.Contains(Words.Of(new Problem("Reward.TierOutOfRange", 4, 1, 3)), error);
    }

    [Fact]
    public void A_negative_amount_prints_the_worded_problem_and_exits_1()
    {
        var (code, output, error) = Run("rewards", "compute", "--tier", "1", "--fines", "-1");
        Assert.Equal(1, code);
        Assert.Equal("", output);
        Assert.Contains(Words.Of(new Problem("Reward.FinesNegative")), error);
    }
}
