using Shian.Cli;

namespace Shian.Web.Tests.Cli;

/// <summary><c>shian sampling quota</c>: the quota from the shell, and refusals of bad numbers.</summary>
public sealed class SamplingCliTests
{
    private static (int Code, string Out, string Error) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = ShianCli.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Theory]
    [InlineData("3183", "sampling", "quota", "--population", "795516", "--per-thousand", "4")]
    [InlineData("3183", "sampling", "quota", "--population", "795516")]
    [InlineData("5", "sampling", "quota", "--population", "1000", "--per-thousand", "4.5")]
    [InlineData("5", "sampling", "quota", "--population", "1001")]
    public void The_quota_is_printed_rounded_up(string expected, params string[] args)
    {
        var (code, stdout, stderr) = Run(args);
        Assert.Equal(0, code);
        Assert.Equal(expected, stdout.Trim());
        Assert.Equal("", stderr);
    }

    [Theory]
    [InlineData("人口“-5”", "--population", "-5")]
    [InlineData("人口“-5”", "--population=-5")]
    [InlineData("人口“abc”", "--population", "abc")]
    [InlineData("人口“795,516”", "--population", "795,516")]
    [InlineData("人口“0”", "--population", "0")]
    [InlineData("每千人批次“-4”", "--population", "795516", "--per-thousand=-4")]
    [InlineData("每千人批次“four”", "--population", "795516", "--per-thousand", "four")]
    public void Bad_numbers_exit_1_with_a_chinese_message_and_print_nothing(string expected, params string[] args)
    {
        var (code, stdout, stderr) = Run(["sampling", "quota", .. args]);
        Assert.Equal(1, code);
        Assert.Equal("", stdout);
        Assert.StartsWith("错误：", stderr);
        Assert.Contains(expected, stderr);
    }
}
