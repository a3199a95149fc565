using System.Globalization;
using System.Text.RegularExpressions;
using Shian.Common;

namespace Shian.Sampling;

/// <summary>
/// What a laboratory result may plausibly be, by unit, and whether a judgement agrees with the value and the limit. These
/// are not food-safety limits: they catch typing errors (a value in μg/kg typed against mg/kg, a misplaced decimal point,
/// a pH of 70) before a wrong result reaches a report, a pass rate or the public.
/// </summary>
public static partial class SampleResultRanges
{
    public sealed record Range(decimal Min, decimal Max);

    /// <summary>
    /// Plausible range per unit, as data. Why these bounds:
    /// a share (% and g/100g) cannot exceed the whole; g/kg at most 1,000 (the whole kilogram); mg/kg and mg/L at most
    /// 1,000,000 (a kilogram per kilogram, a litre of water weighing a kilogram); μg/kg a thousand times more; pH is 0–14;
    /// micro-organism counts (CFU, MPN) up to 10^12 per gram or millilitre, beyond what any spoiled food carries. A unit not
    /// listed is only refused when negative.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, Range> ByUnit = new Dictionary<string, Range>(StringComparer.OrdinalIgnoreCase)
    {
        ["%"] = new(0, 100),
        ["g/100g"] = new(0, 100),
        ["g/kg"] = new(0, 1_000),
        ["mg/kg"] = new(0, 1_000_000),
        ["mg/L"] = new(0, 1_000_000),
        ["μg/kg"] = new(0, 1_000_000_000),
        ["pH"] = new(0, 14),
        ["CFU/g"] = new(0, 1_000_000_000_000),
        ["CFU/mL"] = new(0, 1_000_000_000_000),
        ["MPN/g"] = new(0, 1_000_000_000_000),
    };

    /// <summary>The unit as the table spells it: µ (micro sign) and u written for μ, spaces and full-width slashes removed.</summary>
    public static string Normalize(string unit) =>
        unit.Trim().Replace(" ", "", StringComparison.Ordinal).Replace('／', '/').Replace('µ', 'μ')
            .Replace("ug/", "μg/", StringComparison.OrdinalIgnoreCase);

    /// <summary>The plausible range of a unit, or null for a unit the table does not know.</summary>
    public static Range? Of(string unit) => ByUnit.TryGetValue(Normalize(unit), out var range) ? range : null;

    /// <summary>An error naming the item and unit when a numeric value falls outside its unit's range; null when plausible.</summary>
    public static Problem? Check(string item, decimal value, string unit)
    {
        if (value < 0)
        {
            return new Problem("Sample.Item.Negative", item, value.ToString(CultureInfo.InvariantCulture));
        }
        if (Of(unit) is { } range && (value < range.Min || value > range.Max))
        {
            return new Problem("Sample.Item.OutOfRange", item, value.ToString(CultureInfo.InvariantCulture), unit, Text(range.Min), Text(range.Max));
        }
        return null;
    }

    [GeneratedRegex(@"^\s*(≤|<=)\s*(\d+(\.\d+)?)\s*$")]
    private static partial Regex UpperLimit();

    /// <summary>
    /// The numeric maximum of a limit written "≤X", "≤ X" or "&lt;=X"; null for any other form (ranges, "不得检出", "n=5,c=2…"),
    /// which the lab judges on its own.
    /// </summary>
    public static decimal? UpperLimitOf(string limit) =>
        UpperLimit().Match(limit) is { Success: true } m && decimal.TryParse(m.Groups[2].Value, NumberStyles.Number, CultureInfo.InvariantCulture, out var max)
            ? max : null;

    /// <summary>
    /// A judgement of 合格 for a numeric value above a "≤X" limit contradicts itself: an error saying so, or null. Only that
    /// one case is checked, deliberately: other limit forms and 不合格 judgements (which may rest on things the value
    /// alone does not show) are left to the lab.
    /// </summary>
    public static Problem? CheckJudgement(string item, decimal value, string limit, ItemJudgement? judgement) =>
        judgement == ItemJudgement.Pass && UpperLimitOf(limit) is { } max && value > max
            ? new Problem("Sample.Item.PassOverLimit", item, value.ToString(CultureInfo.InvariantCulture), limit.Trim())
            : null;

    private static string Text(decimal number) => number.ToString("#,0.##", CultureInfo.InvariantCulture);
}
