using Microsoft.EntityFrameworkCore;
using Shian.Accounts;
using Shian.Data;

namespace Shian.Sampling;

/// <summary>
/// The samples behind a plan's progress and the district's batches per 1,000 residents: every sample handed in (not a
/// draft) in the plan's year and of its kind. A sample's food category is matched to the tree by code, or by name when
/// the sampler wrote the category's name.
/// </summary>
public static class SamplingPlanProgress
{
    public const string BatchesPerThousand = "sampling.batches_per_1000";

    public static async Task<SamplingProgressResult> LoadAsync(ShianDb db, SamplingPlan plan, CancellationToken ct = default)
    {
        var from = new DateOnly(plan.Year, 1, 1);
        var to = new DateOnly(plan.Year, 12, 31);
        var samples = await db.Samples.AsNoTracking()
            .Where(s => s.Status != SampleStatus.Draft && s.Kind == plan.Kind && s.SampledOn >= from && s.SampledOn <= to)
            .Select(s => new { s.FoodCategoryCode, s.TownshipId, s.Environment }).ToListAsync(ct);
        var categories = await db.FoodCategories.AsNoTracking().Select(c => new { c.Id, c.Code, c.Name, c.ParentId }).ToListAsync(ct);
        var byCode = categories.GroupBy(c => c.Code, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Id, StringComparer.Ordinal);
        var byName = categories.GroupBy(c => c.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Id, StringComparer.Ordinal);
        Guid? CategoryOf(string text) =>
            byCode.TryGetValue(text.Trim(), out var id) ? id : byName.TryGetValue(text.Trim(), out var named) ? named : null;
        return SamplingProgress.Count(
            samples.Select(s => (CategoryOf(s.FoodCategoryCode), (Guid?)s.TownshipId, s.Environment.ToString())),
            plan, categories.ToDictionary(c => c.Id, c => c.ParentId));
    }

    /// <summary>
    /// 抽检批次/千人: the batches handed in this year, of every kind, per 1,000 residents of the jurisdiction in that year
    /// (the plan's "全年农产品和食品抽检量不少于4批次/千人"). District-wide only: townships have no population figure.
    /// Null when the year's population is not known.
    /// </summary>
    public static async Task<decimal?> BatchesPerThousandAsync(ShianDb db, AccessScope scope, DateOnly today, CancellationToken ct = default)
    {
        if (scope.Level is not (AccessLevel.Jurisdiction or AccessLevel.Unit or AccessLevel.Laboratory))
        {
            return null;
        }
        var population = await db.JurisdictionPopulations.AsNoTracking().Where(p => p.Year <= today.Year)
            .OrderByDescending(p => p.Year).Select(p => (int?)p.Population).FirstOrDefaultAsync(ct);
        if (population is not > 0)
        {
            return null;
        }
        var from = new DateOnly(today.Year, 1, 1);
        var batches = await db.Samples.CountAsync(s => s.Status != SampleStatus.Draft && s.SampledOn >= from && s.SampledOn <= today, ct);
        return Math.Round(batches * 1000m / population.Value, 2);
    }
}
