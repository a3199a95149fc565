using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Shian.Web.Tests.Cli;

/// <summary>
/// <c>SHIAN_LANG=en</c> makes the command line speak English only: its own lines and the domain's problems. Run as a
/// separate process, since the language is read from the environment once.
/// </summary>
public sealed partial class CliLanguageTests
{
    private static async Task<(int ExitCode, string Out, string Error)> RunAsync(string? language, params string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Shian.Cli.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment.Remove("SHIAN_LANG");
        if (language is not null)
        {
            start.Environment["SHIAN_LANG"] = language;
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Chinese();

    [Theory]
    [InlineData("validate", "uscc", "91350100M000100Y4Z")] // a wrong check character: a domain problem
    [InlineData("frobnicate")] // an unknown verb: the command line's own line
    [InlineData("calendar", "parse-notice", "/no/such/notice.txt")] // a missing file
    public async Task English_errors_hold_no_Chinese_and_Chinese_is_the_default(params string[] args)
    {
        var english = await RunAsync("en", args);
        Assert.NotEqual(0, english.ExitCode);
        Assert.StartsWith("Error: ", english.Error);
        Assert.False(Chinese().IsMatch(english.Error + english.Out), english.Error + english.Out);

        var chinese = await RunAsync(null, args);
        Assert.Equal(english.ExitCode, chinese.ExitCode);
        Assert.StartsWith("错误：", chinese.Error);
    }
}
