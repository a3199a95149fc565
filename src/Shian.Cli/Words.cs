using System.Globalization;
using System.Resources;
using Shian.Common;

namespace Shian.Cli;

/// <summary>
/// The command line's words for the domain's problems: the web's own resource files (linked into this assembly), in
/// the process's UI language — Chinese unless the machine's language is English.
/// </summary>
internal static class Words
{
    private static readonly ResourceManager Resources = new("Shian.Cli.Resources.SharedResource", typeof(Words).Assembly);

    public static string Of(Problem problem) => ProblemWording.Word(problem, key => Resources.GetString(key, CultureInfo.CurrentUICulture));

    /// <summary>A resource by key (a label, a term); the key itself when absent.</summary>
    public static string Text(string key) => Resources.GetString(key, CultureInfo.CurrentUICulture) ?? key;
}
