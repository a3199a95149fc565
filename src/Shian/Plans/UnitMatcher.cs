using Shian.Organization;

namespace Shian.Plans;

/// <summary>
/// Finds the unit a document means by a printed name: exact name or a recorded alias; otherwise suggests the closest
/// units (区卫健委 → 区卫生健康委) for a person to confirm.
/// </summary>
public sealed class UnitMatcher(IReadOnlyList<Unit> units)
{
    public Unit? Find(string printed)
    {
        var name = Normalize(printed);
        return units.FirstOrDefault(u => Normalize(u.Name) == name)
            ?? units.FirstOrDefault(u => u.Aliases.Split('、', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Any(a => Normalize(a) == name));
    }

    /// <summary>Up to <paramref name="count"/> units, best first, that the printed name plausibly abbreviates.</summary>
    public IReadOnlyList<Unit> Suggest(string printed, int count = 3) => units
        .Select(u => (Unit: u, Score: Similarity(Normalize(printed), Normalize(u.Name))))
        .Where(s => s.Score >= 0.5)
        .OrderByDescending(s => s.Score)
        .Take(count)
        .Select(s => s.Unit)
        .ToList();

    /// <summary>Full-width and ASCII parentheses are the same; spaces do not count.</summary>
    private static string Normalize(string name) => name.Replace('(', '（').Replace(')', '）').Replace(" ", "", StringComparison.Ordinal).Trim();

    /// <summary>
    /// An abbreviation keeps characters of the full name in order (区卫健委 in 区卫生健康委): the share of the shorter
    /// name's characters found in order in the longer, weighted down by the difference in length.
    /// </summary>
    internal static double Similarity(string a, string b)
    {
        if (a.Length == 0 || b.Length == 0)
        {
            return 0;
        }
        var (shorter, longer) = a.Length <= b.Length ? (a, b) : (b, a);
        var matched = 0;
        var at = 0;
        foreach (var c in shorter)
        {
            var found = longer.IndexOf(c, at);
            if (found >= 0)
            {
                matched++;
                at = found + 1;
            }
        }
        return (double)matched / shorter.Length * (0.6 + 0.4 * shorter.Length / longer.Length);
    }
}
