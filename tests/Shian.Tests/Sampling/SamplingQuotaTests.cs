using Shian.Sampling;

namespace Shian.Tests.Sampling;

/// <summary>The quota arithmetic, the proposals to share it out, the allocation checks and the progress count.</summary>
public sealed class SamplingQuotaTests
{
    [Fact]
    public void Jizhou_at_4_per_1000_must_sample_3183_batches()
    {
        // 795,516 × 4 / 1000 = 3,182.064: a floor of "not less than 4 per 1,000" needs the next whole batch.
        Assert.Equal(3183, SamplingQuota.Of(795_516, 4m));
    }

    [Theory]
    [InlineData(1000, "4", 4)]
    [InlineData(1001, "4", 5)]
    [InlineData(250, "4", 1)]
    [InlineData(1000, "4.5", 5)]
    [InlineData(2000, "4.5", 9)]
    [InlineData(0, "4", 0)]
    [InlineData(-10, "4", 0)]
    [InlineData(1000, "0", 0)]
    public void The_quota_is_rounded_up_and_zero_for_nothing(int population, string rate, int expected) =>
        Assert.Equal(expected, SamplingQuota.Of(population, decimal.Parse(rate, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void An_even_split_adds_up_to_the_quota_and_gives_the_remainder_to_the_first()
    {
        var shares = SamplingQuota.Even(3183, 27);
        Assert.Equal(3183, shares.Sum());
        // 3183 = 27 × 117 + 24: the first 24 get 118.
        Assert.All(shares.Take(24), s => Assert.Equal(118, s));
        Assert.All(shares.Skip(24), s => Assert.Equal(117, s));
    }

    [Fact]
    public void A_weighted_split_follows_the_weights_and_adds_up_exactly()
    {
        Assert.Equal([50, 30, 20], SamplingQuota.Weighted(100, [5m, 3m, 2m]));
        // 10 × (1/3 each): 3.33 each, the one batch left goes to the first of the tied remainders.
        Assert.Equal([4, 3, 3], SamplingQuota.Weighted(10, [1m, 1m, 1m]));
        // Largest remainder wins: shares 6.67 and 3.33 → 7 and 3.
        Assert.Equal([3, 7], SamplingQuota.Weighted(10, [1m, 2m]));
        Assert.Equal([5, 5], SamplingQuota.Weighted(10, [0m, 0m]));
        Assert.Equal([0, 10], SamplingQuota.Weighted(10, [-3m, 1m]));
        var populations = new decimal[] { 95_000, 61_000, 43_500, 12_016, 84_000 };
        Assert.Equal(1183, SamplingQuota.Weighted(1183, populations).Sum());
    }

    private static SamplingPlan Plan(int population = 795_516) =>
        new() { Id = Guid.NewGuid(), Year = 2020, Kind = SamplingKind.Supervision, Population = population, PerThousand = 4m };

    [Fact]
    public void Allocations_that_do_not_add_up_are_a_warning_per_dimension()
    {
        var plan = Plan();
        Assert.Empty(plan.Mismatches());
        Assert.Null(plan.SetAllocations(AllocationDimension.Environment,
            [("Production", "生产", 1000), ("Distribution", "流通", 1500), ("Catering", "餐饮", 600), ("Online", "网络", 83)]));
        Assert.Empty(plan.Mismatches());
        Assert.Null(plan.SetAllocations(AllocationDimension.Township, [(Guid.NewGuid().ToString(), "文昌街道", 100)]));
        Assert.Equal([(AllocationDimension.Township, 100)], plan.Mismatches());
        Assert.Empty(plan.Validate());
    }

    [Fact]
    public void A_negative_allocation_is_refused_by_name_and_nothing_changes()
    {
        var plan = Plan();
        Assert.Null(plan.SetAllocations(AllocationDimension.Environment, [("Production", "生产", 3183)]));
        var refused = plan.SetAllocations(AllocationDimension.Environment, [("Production", "生产", 3000), ("Online", "网络", -1)]);
        Assert.Equal("SamplingPlan.AllocationRowNegative(网络)", refused?.ToString());
        Assert.Equal(3183, Assert.Single(plan.Allocations).Batches);
        // Zero rows are not stored.
        Assert.Null(plan.SetAllocations(AllocationDimension.Environment, [("Production", "生产", 0)]));
        Assert.Empty(plan.Allocations);
    }

    [Fact]
    public void A_plan_with_bad_fields_says_which()
    {
        var plan = new SamplingPlan { Year = 1999, Kind = (SamplingKind)9, Population = 0, PerThousand = 0 };
        plan.Allocations.Add(new SamplingAllocation { Dimension = AllocationDimension.Environment, Environment = SamplingEnvironment.Online, Batches = -2 });
        var fields = plan.Validate().Select(e => e.Field).ToList();
        Assert.Equal(["Year", "Kind", "Population", "PerThousand", "Allocations"], fields);
        Assert.Empty(Plan().Validate());
    }

    [Fact]
    public void Progress_counts_samples_per_dimension_and_rolls_categories_up_to_the_allocated_one()
    {
        var plan = Plan();
        var vegetables = Guid.NewGuid();
        var leafy = Guid.NewGuid();
        var other = Guid.NewGuid();
        var township = Guid.NewGuid();
        plan.SetAllocations(AllocationDimension.Category, [(vegetables.ToString(), "蔬菜", 100)]);
        var parents = new Dictionary<Guid, Guid?> { [leafy] = vegetables, [vegetables] = null, [other] = null };
        var progress = SamplingProgress.Count(
            [(leafy, township, "流通"), (vegetables, township, "Catering"), (other, null, "?"), (null, township, "网络")], plan, parents);
        Assert.Equal(4, progress.Total);
        Assert.Equal(2, progress.ByCategory[vegetables]);
        Assert.False(progress.ByCategory.ContainsKey(other));
        Assert.Equal(3, progress.ByTownship[township]);
        Assert.Equal(1, progress.ByEnvironment[SamplingEnvironment.Distribution]);
        Assert.Equal(1, progress.ByEnvironment[SamplingEnvironment.Catering]);
        Assert.Equal(1, progress.ByEnvironment[SamplingEnvironment.Online]);
        Assert.Equal(2, progress.For(plan.Allocations.Single()));
        Assert.Equal(0, SamplingProgress.Count([], plan).Total);
    }
}
