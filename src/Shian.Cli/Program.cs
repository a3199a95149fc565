namespace Shian.Cli;

// Not top-level statements: the web host's Program must stay the only `Program` the tests see.
internal static class EntryPoint
{
    private static int Main(string[] args) => ShianCli.Run(args, Console.Out, Console.Error);
}
