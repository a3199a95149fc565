using System.CommandLine;

namespace Shian.Cli;

/// <summary>
/// The <c>shian</c> command. Every verb prints results on standard output and problems on standard error; a usage
/// error (unknown verb, bad argument) prints one line and exits 2, a refused operation exits 1.
/// </summary>
public static class ShianCli
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int Usage = 2;

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var console = new CliConsole(stdout, stderr);
        var root = new RootCommand("Shian 食安 — food-safety supervision platform: database, demo, accounts, audit, calendar, sampling.")
        {
            DbCommands.Create(console),
            DemoCommands.Create(console),
            UserCommands.Create(console),
            ApiKeyCommands.Create(console),
            AuditCommands.Create(console),
            LedgerCommands.Create(console),
            CalendarCommands.Create(console),
            PlanCommands.Create(console),
            ValidateCommands.Create(console),
            BusinessCommands.Create(console),
            BusinessCommands.Licences(console),
            RiskCommands.Create(console),
            SamplingCommands.Create(console),
            RewardCommands.Create(console),
        };

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            // One line: the unknown word if there is one, else the parser's first complaint.
            var message = parsed.UnmatchedTokens.Count > 0
                ? Words.Format("Cli.UnknownArgument", string.Join(" ", parsed.UnmatchedTokens))
                : string.Join(" ", parsed.Errors[0].Message.Split(['\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            console.Error(message + " (shian --help)");
            return Usage;
        }
        return parsed.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = true });
    }
}

/// <summary>Where a verb writes. Errors and warnings carry a prefix in the language of <see cref="Words"/>.</summary>
public sealed class CliConsole(TextWriter stdout, TextWriter stderr)
{
    public void Out(string line) => stdout.WriteLine(line);

    public void Error(string line) => stderr.WriteLine(Words.Format("Cli.ErrorPrefix", line));

    public void Warn(string line) => stderr.WriteLine(Words.Format("Cli.WarnPrefix", line));
}
