namespace Shian.Sampling;

/// <summary>The sampling-volume arithmetic: the quota from population and rate, and proposals to share it out.</summary>
public static class SamplingQuota
{
    /// <summary>The plan indicator "抽检量不少于4批次/千人", computed by <see cref="SamplingPlanProgress.BatchesPerThousandAsync"/>.</summary>
    public const string MetricName = SamplingPlanProgress.BatchesPerThousand;

    /// <summary>
    /// Batches a plan must reach: population × batches-per-1,000 / 1000, rounded up (a target of "not less than 4 per
    /// 1,000" is not met by rounding down): 795,516 residents at 4 → 3,183. Zero for a non-positive input.
    /// </summary>
    public static int Of(int population, decimal perThousand)
    {
        if (population <= 0 || perThousand <= 0)
        {
            return 0;
        }
        return (int)Math.Ceiling(population * perThousand / 1000m);
    }

    /// <summary>The quota shared equally; the remainder goes one each to the first entries.</summary>
    public static IReadOnlyList<int> Even(int quota, int parts) => Weighted(quota, Enumerable.Repeat(1m, parts).ToList());

    /// <summary>
    /// The quota shared in proportion to the weights (e.g. townships' populations), whole batches that add up to the
    /// quota exactly: each gets the floor of its share, and the batches left go to the largest remainders (ties to the
    /// earlier entry). All-zero weights share equally. Negative weights count as zero.
    /// </summary>
    public static IReadOnlyList<int> Weighted(int quota, IReadOnlyList<decimal> weights)
    {
        if (weights.Count == 0 || quota <= 0)
        {
            return weights.Select(_ => 0).ToList();
        }
        var w = weights.Select(x => x < 0 ? 0m : x).ToList();
        var total = w.Sum();
        if (total == 0)
        {
            w = w.Select(_ => 1m).ToList();
            total = w.Count;
        }
        var exact = w.Select(x => quota * x / total).ToList();
        var shares = exact.Select(x => (int)Math.Floor(x)).ToArray();
        var left = quota - shares.Sum();
        foreach (var i in Enumerable.Range(0, w.Count).OrderByDescending(i => exact[i] - shares[i]).ThenBy(i => i).Take(left))
        {
            shares[i]++;
        }
        return shares;
    }
}

/// <summary>How far a plan has got: batches sampled in total and against each allocation.</summary>
public sealed record SamplingProgressResult(
    int Total,
    IReadOnlyDictionary<Guid, int> ByCategory,
    IReadOnlyDictionary<Guid, int> ByTownship,
    IReadOnlyDictionary<SamplingEnvironment, int> ByEnvironment)
{
    public static readonly SamplingProgressResult None = new(0, new Dictionary<Guid, int>(), new Dictionary<Guid, int>(), new Dictionary<SamplingEnvironment, int>());

    public int For(SamplingAllocation allocation) => allocation.Dimension switch
    {
        AllocationDimension.Category => ByCategory.GetValueOrDefault(allocation.CategoryId!.Value),
        AllocationDimension.Township => ByTownship.GetValueOrDefault(allocation.TownshipId!.Value),
        _ => ByEnvironment.GetValueOrDefault(allocation.Environment!.Value),
    };
}

/// <summary>
/// Progress of a plan against its quota, counted from the plan's samples. The sampling-form module (抽样单, the
/// <c>Sample</c> records) feeds it each sample's food category, township and environment; until samples are recorded
/// the pages pass none and every count is zero. Nothing here reads the database: the caller chooses the samples.
/// </summary>
public static class SamplingProgress
{
    /// <summary>
    /// Counts the samples in total and per dimension. A sample counts towards a category allocation when its category or
    /// one of its ancestors (through <paramref name="parentOf"/>, when given) is allocated; environments are matched by
    /// name (Production, Distribution, Catering, Online) or by the Chinese word (生产, 流通, 餐饮, 网络).
    /// </summary>
    public static SamplingProgressResult Count(
        IEnumerable<(Guid? CategoryId, Guid? TownshipId, string Environment)> samples,
        SamplingPlan plan,
        IReadOnlyDictionary<Guid, Guid?>? parentOf = null)
    {
        var allocatedCategories = plan.Allocations.Where(a => a.CategoryId is not null).Select(a => a.CategoryId!.Value).ToHashSet();
        var byCategory = new Dictionary<Guid, int>();
        var byTownship = new Dictionary<Guid, int>();
        var byEnvironment = new Dictionary<SamplingEnvironment, int>();
        var total = 0;
        foreach (var (categoryId, townshipId, environment) in samples)
        {
            total++;
            // The nearest allocated category on the way up the tree (at most four levels).
            var category = categoryId;
            for (var depth = 0; category is { } c && !allocatedCategories.Contains(c) && depth < FoodCategory.Levels; depth++)
            {
                category = parentOf is not null && parentOf.TryGetValue(c, out var parent) ? parent : null;
            }
            if (category is { } counted)
            {
                byCategory[counted] = byCategory.GetValueOrDefault(counted) + 1;
            }
            if (townshipId is { } t)
            {
                byTownship[t] = byTownship.GetValueOrDefault(t) + 1;
            }
            if (ParseEnvironment(environment) is { } e)
            {
                byEnvironment[e] = byEnvironment.GetValueOrDefault(e) + 1;
            }
        }
        return new SamplingProgressResult(total, byCategory, byTownship, byEnvironment);
    }

    public static SamplingEnvironment? ParseEnvironment(string? text) => (text ?? "").Trim() switch
    {
        "生产" => SamplingEnvironment.Production,
        "流通" => SamplingEnvironment.Distribution,
        "餐饮" => SamplingEnvironment.Catering,
        "网络" => SamplingEnvironment.Online,
        var s when Enum.TryParse<SamplingEnvironment>(s, ignoreCase: true, out var e) && Enum.IsDefined(e) && !s.All(char.IsAsciiDigit) => e,
        _ => null,
    };
}
