using System.Text.Json;
using Shian.Common;
using Shian.Registry;

namespace Shian.Risk;

/// <summary>风险等级: A is the lowest risk, D the highest.</summary>
public enum RiskLevel
{
    A,
    B,
    C,
    D,
}

/// <summary>
/// Upper bounds (inclusive) of the scores of grades A, B and C; anything above <see cref="C"/> is D.
/// </summary>
public sealed record RiskThresholds(decimal A, decimal B, decimal C)
{
    public RiskLevel LevelOf(decimal score) => score <= A ? RiskLevel.A : score <= B ? RiskLevel.B : score <= C ? RiskLevel.C : RiskLevel.D;
}

/// <summary>Minimum routine inspections per year for each grade (监督检查频次).</summary>
public sealed record InspectionFrequency(int A, int B, int C, int D)
{
    public int For(RiskLevel level) => level switch
    {
        RiskLevel.A => A,
        RiskLevel.B => B,
        RiskLevel.C => C,
        _ => D,
    };
}

/// <summary>
/// One line of a static item's rule: the points a business gets when it matches every condition the line states.
/// A line with no condition matches everyone (a base value).
/// </summary>
public sealed record RiskPoints(decimal Points, BusinessScale? Scale = null, string? Subtype = null, string? Tag = null, BusinessCategory? Category = null)
{
    public bool Matches(Business business) =>
        (Scale is not { } scale || business.Scale == scale)
        && (Subtype is null || business.Subtype == Subtype)
        && (Category is not { } category || business.Category == category)
        && (Tag is null || HasTag(business.Tags, Tag));

    // Tags are stored as |a|b|; compare in place rather than splitting, the regrade runs this for every business.
    private static bool HasTag(string tags, string tag)
    {
        var span = tags.AsSpan();
        var at = span.IndexOf(tag.AsSpan(), StringComparison.Ordinal);
        while (at > 0)
        {
            if (span[at - 1] == '|' && at + tag.Length < span.Length && span[at + tag.Length] == '|')
            {
                return true;
            }
            var next = span[(at + 1)..].IndexOf(tag.AsSpan(), StringComparison.Ordinal);
            at = next < 0 ? -1 : at + 1 + next;
        }
        return false;
    }
}

/// <summary>
/// One scoring item (评分项目). A static item's points come from the business's registry fields through its
/// <see cref="Rule"/> (the highest matching line); a dynamic item's points are the sum of the business's
/// <see cref="RiskFactor"/> records for its code. Either way no item gives more than <see cref="MaxPoints"/>.
/// </summary>
public sealed record RiskItem(string Code, string Name, string NameEn, decimal MaxPoints, IReadOnlyList<RiskPoints>? Rule = null);

/// <summary>
/// 风险分级评分表: a versioned scoring sheet for some business categories. Stored as JSON in
/// <see cref="RiskSheetRecord"/>; a change is a new version, and every grade keeps the version it was computed with.
/// </summary>
public sealed record RiskSheet : IVersionedRulebook
{
    public string Name { get; init; } = "";
    public int Version { get; init; } = 1;
    public DateOnly EffectiveFrom { get; init; }
    public IReadOnlyList<BusinessCategory> Categories { get; init; } = [];
    public RiskThresholds Thresholds { get; init; } = new(30, 45, 60);
    public IReadOnlyList<RiskItem> StaticItems { get; init; } = [];
    public IReadOnlyList<RiskItem> DynamicItems { get; init; } = [];

    /// <summary>How far back dynamic factors count: a complaint three years ago no longer says much about today.</summary>
    public int DynamicWindowMonths { get; init; } = 12;

    public InspectionFrequency InspectionsPerYear { get; init; } = new(1, 1, 2, 3);

    public decimal StaticMax => StaticItems.Sum(i => i.MaxPoints);
    public decimal DynamicMax => DynamicItems.Sum(i => i.MaxPoints);

    /// <summary>The first day whose dynamic factors still count on <paramref name="today"/>.</summary>
    public DateOnly WindowStart(DateOnly today) => today.AddMonths(-DynamicWindowMonths).AddDays(1);

    public RiskItem? FindItem(string code) => StaticItems.Concat(DynamicItems).FirstOrDefault(i => i.Code == code);

    /// <summary>What is wrong with the sheet, if anything: a bad sheet must not grade anyone.</summary>
    public IReadOnlyList<Problem> Problems()
    {
        var problems = new List<Problem>();
        if (string.IsNullOrWhiteSpace(Name))
        {
            problems.Add(new Problem("RiskSheet.NoName"));
        }
        if (Categories.Count == 0)
        {
            problems.Add(new Problem("RiskSheet.NoCategory"));
        }
        if (!(Thresholds.A < Thresholds.B && Thresholds.B < Thresholds.C))
        {
            problems.Add(new Problem("RiskSheet.ThresholdsNotRising"));
        }
        var items = StaticItems.Concat(DynamicItems).ToList();
        problems.AddRange(items.GroupBy(i => i.Code).Where(g => g.Count() > 1).Select(g => new Problem("RiskSheet.DuplicateItemCode", g.Key)));
        problems.AddRange(items.Where(i => i.MaxPoints <= 0).Select(i => new Problem("RiskSheet.ItemMaxNotPositive", ItemName(i))));
        problems.AddRange(StaticItems.Where(i => i.Rule is not { Count: > 0 }).Select(i => new Problem("RiskSheet.StaticItemWithoutRule", ItemName(i))));
        problems.AddRange(StaticItems.Where(i => i.Rule?.Any(p => p.Points > i.MaxPoints || p.Points < 0) == true)
            .Select(i => new Problem("RiskSheet.RuleOutOfRange", ItemName(i), i.MaxPoints)));
        return problems;
    }

    /// <summary>An item's name in the reader's language: the sheet carries both.</summary>
    private static Problem ItemName(RiskItem item) => new("RiskSheet.ItemName", item.Name, item.NameEn);

    public string ToJson() => JsonSerializer.Serialize(this, ShianJson.Options);

    public static RiskSheet FromJson(string json) => Rulebooks.FromJson<RiskSheet>(json);
}

/// <summary>A stored version of a <see cref="RiskSheet"/>: the whole sheet as JSON, with its name and version as columns to find it by.</summary>
public class RiskSheetRecord : IRulebookRecord
{
    public Guid Id { get; set; }
    public string Name { get; set; } = "";
    public int Version { get; set; }
    public DateOnly EffectiveFrom { get; set; }

    /// <summary>The <see cref="RiskSheet"/> as JSON.</summary>
    public string Content { get; set; } = "";

    public DateTime CreatedAt { get; set; }

    public RiskSheet Read() => RiskSheet.FromJson(Content) with { Name = Name, Version = Version, EffectiveFrom = EffectiveFrom };

    public static RiskSheetRecord From(RiskSheet sheet, DateTime createdAt)
    {
        var record = Rulebooks.Record<RiskSheetRecord>(sheet, sheet.ToJson(), createdAt);
        record.Name = sheet.Name;
        return record;
    }
}
