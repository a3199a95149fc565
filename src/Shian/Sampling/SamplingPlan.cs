using Shian.Common;

namespace Shian.Sampling;

/// <summary>The dimensions a plan's quota is shared out along.</summary>
public enum AllocationDimension
{
    Category,
    Township,
    Environment,
}

/// <summary>
/// A year's sampling plan of one kind (抽检计划): the population it is sized for, the batches per 1,000 residents, the
/// quota that gives, and how the quota is shared out by food category, township and environment.
/// </summary>
public class SamplingPlan
{
    public const int NameMax = 100;
    public const decimal DefaultPerThousand = 4m;

    public Guid Id { get; set; }
    public int Year { get; set; }
    public SamplingKind Kind { get; set; }

    /// <summary>A title for lists, e.g. 2020年食品安全监督抽检计划; may be empty.</summary>
    public string Name { get; set; } = "";

    /// <summary>Resident population the plan is sized for (by default the jurisdiction's population for the year).</summary>
    public int Population { get; set; }

    /// <summary>Batches per 1,000 residents per year (4 in the 2020 plan).</summary>
    public decimal PerThousand { get; set; } = DefaultPerThousand;

    public DateTime CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";

    public List<SamplingAllocation> Allocations { get; set; } = [];

    /// <summary>The number of batches the plan must reach: ceil(population × rate / 1000).</summary>
    public int Quota => SamplingQuota.Of(Population, PerThousand);

    public string Title => Name.Length > 0 ? Name : $"{Year}年";

    /// <summary>Checks the plan's own fields; (field, problem) pairs, empty when it may be stored.</summary>
    public IReadOnlyList<(string Field, Problem Problem)> Validate()
    {
        var errors = new List<(string, Problem)>();
        if (Year is < 2000 or > 2100)
        {
            errors.Add((nameof(Year), new Problem("SamplingPlan.YearRange", 2000, 2100)));
        }
        if (!Enum.IsDefined(Kind))
        {
            errors.Add((nameof(Kind), new Problem("SamplingPlan.KindRequired")));
        }
        if (Name.Length > NameMax)
        {
            errors.Add((nameof(Name), new Problem("SamplingPlan.NameTooLong", NameMax)));
        }
        if (Population <= 0)
        {
            errors.Add((nameof(Population), new Problem("SamplingPlan.PopulationPositive")));
        }
        if (PerThousand <= 0 || PerThousand > 1000)
        {
            errors.Add((nameof(PerThousand), new Problem("SamplingPlan.PerThousandRange", 1000)));
        }
        if (Allocations.FirstOrDefault(a => a.Batches < 0) is { } negative)
        {
            errors.Add(("Allocations", new Problem("SamplingPlan.AllocationNegative", negative.Batches)));
        }
        return errors;
    }

    /// <summary>
    /// The dimensions whose allocations, where any are entered, do not add up to the quota: a warning, not a refusal
    /// (a plan is often shared out step by step).
    /// </summary>
    public IReadOnlyList<(AllocationDimension Dimension, int Sum)> Mismatches()
    {
        var quota = Quota;
        return Enum.GetValues<AllocationDimension>()
            .Select(d => (Dimension: d, Rows: Allocations.Where(a => a.Dimension == d).ToList()))
            .Where(x => x.Rows.Count > 0)
            .Select(x => (x.Dimension, Sum: x.Rows.Sum(a => a.Batches)))
            .Where(x => x.Sum != quota)
            .ToList();
    }

    /// <summary>
    /// Replaces the allocations of one dimension by the given batches (zero entries are dropped). Refuses a negative
    /// number, naming its row, and then changes nothing.
    /// </summary>
    public Problem? SetAllocations(AllocationDimension dimension, IEnumerable<(string Key, string Label, int Batches)> rows)
    {
        var list = rows.ToList();
        var bad = list.FirstOrDefault(r => r.Batches < 0);
        if (bad.Batches < 0)
        {
            return new Problem("SamplingPlan.AllocationRowNegative", bad.Label);
        }
        Allocations.RemoveAll(a => a.Dimension == dimension);
        foreach (var (key, _, batches) in list.Where(r => r.Batches > 0))
        {
            Allocations.Add(SamplingAllocation.For(Id, dimension, key, batches));
        }
        return null;
    }
}

/// <summary>
/// A share of a plan's quota: batches for one food category, one township or one environment. The key is the
/// category's or township's id, or the environment's name.
/// </summary>
public class SamplingAllocation
{
    public Guid Id { get; set; }
    public Guid PlanId { get; set; }
    public AllocationDimension Dimension { get; set; }
    public Guid? CategoryId { get; set; }
    public Guid? TownshipId { get; set; }
    public SamplingEnvironment? Environment { get; set; }
    public int Batches { get; set; }

    public string Key => Dimension switch
    {
        AllocationDimension.Category => CategoryId.ToString()!,
        AllocationDimension.Township => TownshipId.ToString()!,
        _ => Environment.ToString()!,
    };

    public static SamplingAllocation For(Guid planId, AllocationDimension dimension, string key, int batches) => new()
    {
        Id = Guid.CreateVersion7(),
        PlanId = planId,
        Dimension = dimension,
        CategoryId = dimension == AllocationDimension.Category ? Guid.Parse(key) : null,
        TownshipId = dimension == AllocationDimension.Township ? Guid.Parse(key) : null,
        Environment = dimension == AllocationDimension.Environment ? Enum.Parse<SamplingEnvironment>(key) : null,
        Batches = batches,
    };
}
