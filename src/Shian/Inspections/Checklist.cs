using System.Text.Json;
using System.Text.Json.Serialization;
using Shian.Common;
using Shian.Registry;

namespace Shian.Inspections;

/// <summary>One item's finding on site: 符合 / 不符合 / 不适用.</summary>
public enum ItemResult
{
    Yes,           // 符合
    No,            // 不符合
    NotApplicable, // 不适用
}

/// <summary>One checklist line: its code (unique in the checklist), what the inspector checks, and whether it is a key item (关键项).</summary>
public sealed record ChecklistItem(string Code, string Text, bool Key = false);

public sealed record ChecklistSection(string Title, IReadOnlyList<ChecklistItem> Items);

/// <summary>
/// How item results make the overall result (结果判定), the numbers being the checklist's own:
/// <list type="number">
/// <item>any key item (关键项) 不符合 → 不符合, whatever else;</item>
/// <item>otherwise, with F the number of ordinary items 不符合: F ≤ <see cref="ConformingMaxFailed"/> → 符合;
/// F ≤ <see cref="BasicallyConformingMaxFailed"/> → 基本符合; more → 不符合.</item>
/// </list>
/// 不适用 items count neither way. With the defaults (0, 3): no failure → 符合, 1–3 ordinary failures → 基本符合, 4 or
/// more → 不符合.
/// </summary>
public sealed record ChecklistRule(int ConformingMaxFailed = 0, int BasicallyConformingMaxFailed = 3)
{
    /// <summary>The overall result from the number of failed key items and failed ordinary items (a pure function).</summary>
    public InspectionResult Apply(int failedKey, int failedOrdinary) =>
        failedKey > 0 ? InspectionResult.NonConforming
        : failedOrdinary <= ConformingMaxFailed ? InspectionResult.Conforming
        : failedOrdinary <= BasicallyConformingMaxFailed ? InspectionResult.BasicallyConforming
        : InspectionResult.NonConforming;
}

/// <summary>
/// 监督检查要点表: a versioned checklist for some business categories, kept as configuration (JSON in
/// <see cref="ChecklistRecord"/>). An inspection keeps the name and version it was filled in with.
/// </summary>
public sealed record Checklist : IVersionedRulebook
{
    public string Name { get; init; } = "";
    public int Version { get; init; } = 1;
    public DateOnly EffectiveFrom { get; init; }
    public IReadOnlyList<BusinessCategory> Categories { get; init; } = [];
    public IReadOnlyList<ChecklistSection> Sections { get; init; } = [];
    public ChecklistRule Rule { get; init; } = new();

    [JsonIgnore]
    public IEnumerable<ChecklistItem> Items => Sections.SelectMany(s => s.Items);

    public ChecklistItem? FindItem(string code) => Items.FirstOrDefault(i => i.Code == code);

    /// <summary>
    /// The overall result of a complete set of item results by <see cref="Rule"/>. Results for codes not on the
    /// checklist are ignored; an item without a result counts as not failed (callers check completeness with
    /// <see cref="MissingItems"/> first).
    /// </summary>
    public InspectionResult Evaluate(IReadOnlyDictionary<string, ItemResult> results)
    {
        var failedKey = 0;
        var failedOrdinary = 0;
        foreach (var item in Items)
        {
            if (results.TryGetValue(item.Code, out var r) && r == ItemResult.No)
            {
                if (item.Key)
                {
                    failedKey++;
                }
                else
                {
                    failedOrdinary++;
                }
            }
        }
        return Rule.Apply(failedKey, failedOrdinary);
    }

    /// <summary>The items that have no result, in checklist order.</summary>
    public IReadOnlyList<ChecklistItem> MissingItems(IReadOnlyDictionary<string, ItemResult> results) =>
        Items.Where(i => !results.ContainsKey(i.Code)).ToList();

    /// <summary>What is wrong with the checklist, if anything: a bad checklist must not be used.</summary>
    public IReadOnlyList<Problem> Problems()
    {
        var problems = new List<Problem>();
        if (string.IsNullOrWhiteSpace(Name))
        {
            problems.Add(new Problem("Checklist.NoName"));
        }
        if (Version < 1)
        {
            problems.Add(new Problem("Checklist.VersionBelowOne"));
        }
        if (Categories.Count == 0)
        {
            problems.Add(new Problem("Checklist.NoCategory"));
        }
        if (!Items.Any())
        {
            problems.Add(new Problem("Checklist.NoItems"));
        }
        problems.AddRange(Sections.Where(s => string.IsNullOrWhiteSpace(s.Title)).Select(_ => new Problem("Checklist.SectionUntitled")));
        problems.AddRange(Sections.Where(s => s.Items.Count == 0).Select(s => new Problem("Checklist.SectionEmpty", s.Title)));
        problems.AddRange(Items.Where(i => string.IsNullOrWhiteSpace(i.Code)).Select(i => new Problem("Checklist.ItemNoCode", i.Text)));
        problems.AddRange(Items.Where(i => string.IsNullOrWhiteSpace(i.Text)).Select(i => new Problem("Checklist.ItemNoText", i.Code)));
        problems.AddRange(Items.GroupBy(i => i.Code).Where(g => g.Count() > 1).Select(g => new Problem("Checklist.DuplicateCode", g.Key)));
        if (Rule.ConformingMaxFailed < 0 || Rule.BasicallyConformingMaxFailed < Rule.ConformingMaxFailed)
        {
            problems.Add(new Problem("Checklist.RuleLimits"));
        }
        return problems;
    }

    public string ToJson() => JsonSerializer.Serialize(this, ShianJson.Options);

    public static Checklist FromJson(string json) => Rulebooks.FromJson<Checklist>(json);
}

/// <summary>A stored version of a <see cref="Checklist"/>: the whole checklist as JSON, with name and version as columns.</summary>
public class ChecklistRecord : IRulebookRecord
{
    public Guid Id { get; set; }
    public string Name { get; set; } = "";
    public int Version { get; set; }
    public DateOnly EffectiveFrom { get; set; }

    /// <summary>The <see cref="Checklist"/> as JSON.</summary>
    public string Content { get; set; } = "";

    public DateTime CreatedAt { get; set; }

    public Checklist Read() => Checklist.FromJson(Content) with { Name = Name, Version = Version, EffectiveFrom = EffectiveFrom };

    public static ChecklistRecord From(Checklist checklist, DateTime createdAt)
    {
        var record = Rulebooks.Record<ChecklistRecord>(checklist, checklist.ToJson(), createdAt);
        record.Name = checklist.Name;
        return record;
    }
}
