using System.Globalization;

namespace Shian.Common;

/// <summary>
/// Why the domain refused something: a code and the values it is worded with. The domain never words a refusal
/// itself; the web (and the command line) look up the resource <c>Problem.{Code}</c> in the user's language and fill
/// <c>{0}</c>, <c>{1}</c>… from <see cref="Args"/>. Codes read "Module.What", e.g. <c>Sample.AlreadySubmitted</c>.
/// </summary>
public sealed record Problem(string Code, params object?[] Args)
{
    /// <summary>A value that is itself a word to translate (a status, a kind): worded from the resource <paramref name="Key"/>.</summary>
    public sealed record Term(string Key)
    {
        public override string ToString() => Key;
    }

    /// <summary>The resource key that words this problem.</summary>
    public string Key => "Problem." + Code;

    /// <summary>The term for an enum value, worded from the resource <c>{EnumType}.{Value}</c> (e.g. <c>SampleStatus.Received</c>).</summary>
    public static Term TermFor<TEnum>(TEnum value) where TEnum : struct, Enum => new(typeof(TEnum).Name + "." + value);

    /// <summary>For logs, exceptions and tests: the code and its raw values, never shown to a user.</summary>
    public override string ToString() =>
        Args.Length == 0 ? Code : Code + "(" + string.Join(", ", Args.Select(a => Convert.ToString(a, CultureInfo.InvariantCulture))) + ")";
}

/// <summary>Words a <see cref="Problem"/> in one language from a key → format lookup (the web's localizer, the CLI's resources).</summary>
public static class ProblemWording
{
    /// <summary>
    /// The problem's text: its format filled with its values, where terms and nested problems are worded too and dates
    /// are ISO. <paramref name="lookup"/> answers null for a missing key, and then the code shows (and tests catch it).
    /// </summary>
    public static string Word(Problem problem, Func<string, string?> lookup)
    {
        var format = lookup(problem.Key);
        if (format is null)
        {
            return problem.ToString();
        }
        var values = problem.Args.Select(a => Value(a, lookup)).ToArray();
        return values.Length == 0 ? format : string.Format(CultureInfo.CurrentCulture, format, values);
    }

    private static object? Value(object? arg, Func<string, string?> lookup) => arg switch
    {
        Problem nested => Word(nested, lookup),
        Problem.Term term => lookup(term.Key) ?? term.Key,
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime time => ShianTime.ToLocal(time).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
        _ => arg,
    };
}
