using Microsoft.EntityFrameworkCore;
using Shian.Accounts;
using Shian.Data;

namespace Shian.Sampling;

/// <summary>
/// The food-category tree as the pass rates read it: a sample's <see cref="Sample.FoodCategoryCode"/> is matched to a
/// category by code, then by name, then by the longest code prefix that is in the tree (a 细类 code the office has not
/// added yet still falls under its 亚类 or 大类); its top-level category and whether it is 食用农产品 follow from there.
/// </summary>
public sealed class SampleCategoryIndex
{
    private sealed record Node(Guid Id, string Code, string Name, Guid? ParentId, bool IsAgricultural);

    private readonly Dictionary<Guid, Node> byId;
    private readonly Dictionary<string, Node> byCode;
    private readonly Dictionary<string, Node> byName;

    private SampleCategoryIndex(IEnumerable<(Guid Id, string Code, string Name, Guid? ParentId, bool IsAgricultural)> categories)
    {
        var nodes = categories.Select(c => new Node(c.Id, c.Code, c.Name, c.ParentId, c.IsAgricultural)).ToList();
        byId = nodes.ToDictionary(n => n.Id);
        byCode = nodes.GroupBy(n => n.Code, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        byName = nodes.GroupBy(n => n.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
    }

    public static SampleCategoryIndex Of(IEnumerable<(Guid Id, string Code, string Name, Guid? ParentId, bool IsAgricultural)> categories) => new(categories);

    public static async Task<SampleCategoryIndex> LoadAsync(ShianDb db, CancellationToken ct = default) =>
        new((await db.FoodCategories.AsNoTracking().Select(c => new { c.Id, c.Code, c.Name, c.ParentId, c.IsAgricultural }).ToListAsync(ct))
            .Select(c => (c.Id, c.Code, c.Name, c.ParentId, c.IsAgricultural)));

    private Node? Find(string text)
    {
        text = text.Trim();
        if (byCode.TryGetValue(text, out var node) || byName.TryGetValue(text, out node))
        {
            return node;
        }
        for (var code = text; code.Length > 2 && code.All(char.IsAsciiDigit);)
        {
            code = code[..^2];
            if (byCode.TryGetValue(code, out node))
            {
                return node;
            }
        }
        return null;
    }

    private Node? Top(Node? node)
    {
        for (var depth = 0; node?.ParentId is { } parent && depth < FoodCategory.Levels && byId.TryGetValue(parent, out var up); depth++)
        {
            node = up;
        }
        return node;
    }

    /// <summary>The name of the top-level category (大类) of a sample's category, or null when it matches none.</summary>
    public string? TopLevelName(string text) => Top(Find(text))?.Name;

    /// <summary>食用农产品: the category or one of its ancestors is agricultural. Unmatched categories count as 食品.</summary>
    public bool IsAgricultural(string text)
    {
        var node = Find(text);
        for (var depth = 0; node is not null && depth <= FoodCategory.Levels; depth++)
        {
            if (node.IsAgricultural)
            {
                return true;
            }
            node = node.ParentId is { } parent ? byId.GetValueOrDefault(parent) : null;
        }
        return false;
    }
}

/// <summary>Pass rates of reported samples, overall and by dimension (kind, top-level category, environment, township, 农产品/食品).</summary>
public static class SampleResultStatistics
{
    /// <summary>Batches with a final verdict, how many failed, and the pass rate in % (one decimal; null without batches).</summary>
    public sealed record Rate(string Key, int Batches, int Failed)
    {
        public int Passed => Batches - Failed;
        public decimal? Percent => Batches == 0 ? null : Math.Round(100m * Passed / Batches, 1);
    }

    public sealed record Result(int Year, Rate Total, Rate Agricultural, Rate Food, IReadOnlyList<Rate> ByKind, IReadOnlyList<Rate> ByCategory,
        IReadOnlyList<Rate> ByEnvironment, IReadOnlyList<Rate> ByTownship);

    public sealed record Counted(SamplingKind Kind, SamplingEnvironment Environment, Guid TownshipId, string FoodCategoryCode, SampleConclusion Conclusion);

    /// <summary>
    /// The samples that count: reported (the verdict is final once the report is out), sampled in <paramref name="year"/>
    /// up to <paramref name="today"/>, in the scope.
    /// </summary>
    public static Task<List<Counted>> LoadAsync(ShianDb db, AccessScope scope, int year, DateOnly today, CancellationToken ct = default)
    {
        var from = new DateOnly(year, 1, 1);
        var to = new DateOnly(year, 12, 31);
        if (to > today)
        {
            to = today;
        }
        return db.Samples.AsNoTracking().VisibleTo(scope)
            .Where(s => s.Status == SampleStatus.Reported && s.Conclusion != null && s.SampledOn >= from && s.SampledOn <= to)
            .Select(s => new Counted(s.Kind, s.Environment, s.TownshipId, s.FoodCategoryCode, s.Conclusion!.Value))
            .ToListAsync(ct);
    }

    public static Rate RateOf(string key, IEnumerable<Counted> samples)
    {
        var list = samples as IReadOnlyCollection<Counted> ?? samples.ToList();
        return new Rate(key, list.Count, list.Count(s => s.Conclusion == SampleConclusion.Failed));
    }

    public static Result Compute(int year, IReadOnlyList<Counted> samples, SampleCategoryIndex categories, IReadOnlyDictionary<Guid, string> townships)
    {
        var agricultural = samples.ToLookup(s => categories.IsAgricultural(s.FoodCategoryCode));
        return new Result(year, RateOf("", samples), RateOf("农产品", agricultural[true]), RateOf("食品", agricultural[false]),
            Enum.GetValues<SamplingKind>().Select(k => RateOf(k.ToString(), samples.Where(s => s.Kind == k))).ToList(),
            samples.GroupBy(s => categories.TopLevelName(s.FoodCategoryCode) ?? "（未匹配分类）").OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => RateOf(g.Key, g)).ToList(),
            Enum.GetValues<SamplingEnvironment>().Select(e => RateOf(e.ToString(), samples.Where(s => s.Environment == e))).ToList(),
            samples.GroupBy(s => townships.GetValueOrDefault(s.TownshipId, "")).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => RateOf(g.Key, g)).ToList());
    }

    public static async Task<Result> ComputeAsync(ShianDb db, AccessScope scope, int year, DateOnly today, CancellationToken ct = default)
    {
        var samples = await LoadAsync(db, scope, year, today, ct);
        var categories = await SampleCategoryIndex.LoadAsync(db, ct);
        var townships = await db.Townships.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        return Compute(year, samples, categories, townships);
    }
}
