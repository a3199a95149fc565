using System.Globalization;
using System.Resources;
using Shian.Common;

namespace Shian.Cli;

/// <summary>
/// The command line's words for the domain's problems: the web's own resource files (linked into this assembly), in
/// Chinese, or in English when <c>SHIAN_LANG=en</c>. Not the machine's locale: a build server set to en_US must print
/// what an operator in the district reads.
/// </summary>
internal static class Words
{
    private static readonly ResourceManager Resources = new("Shian.Cli.Resources.SharedResource", typeof(Words).Assembly);

    public static CultureInfo Culture { get; } =
        new(Environment.GetEnvironmentVariable("SHIAN_LANG") is { } lang && lang.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? "en" : "zh-Hans");

    public static string Of(Problem problem, CultureInfo? culture = null)
    {
        var c = culture ?? Culture;
        // The values are formatted in the same language as the words around them.
        var before = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = c;
        try
        {
            return ProblemWording.Word(problem, key => Resources.GetString(key, c));
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
        }
    }

    /// <summary>
    /// The command line's own line <paramref name="key"/> (a <c>Cli.*</c> resource) filled with <paramref name="args"/>,
    /// in <see cref="Culture"/>; the key itself when absent.
    /// </summary>
    public static string Format(string key, params object?[] args)
    {
        var format = Resources.GetString(key, Culture) ?? key;
        return args.Length == 0 ? format : string.Format(Culture, format, args);
    }

    /// <summary>A resource by key (a label, a term); the key itself when absent.</summary>
    public static string Text(string key, CultureInfo? culture = null) => Resources.GetString(key, culture ?? Culture) ?? key;
}
