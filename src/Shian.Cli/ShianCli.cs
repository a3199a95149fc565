namespace Shian.Cli;

/// <summary>The <c>shian</c> command. Placeholder until the verbs land.</summary>
public static class ShianCli
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        stderr.WriteLine("not implemented");
        return 2;
    }
}
