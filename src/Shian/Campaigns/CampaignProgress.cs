using Microsoft.EntityFrameworkCore;
using Shian.Accounts;
using Shian.Common;
using Shian.Data;
using Shian.Inspections;
using Shian.Registry;

namespace Shian.Campaigns;

/// <summary>
/// How far a campaign has come: the businesses in its scope, which of them were inspected for it (a submitted
/// inspection carrying the campaign's id whose end falls, China date, within the campaign's period), and the results,
/// in all and per township.
/// </summary>
public sealed record CampaignProgress(int InScope, int Inspected, int Conforming, int BasicallyConforming, int NonConforming,
    IReadOnlyList<CampaignProgress.TownshipRow> Townships, IReadOnlyList<CampaignProgress.BusinessRow> Businesses)
{
    public sealed record TownshipRow(Guid TownshipId, int InScope, int Inspected, int Conforming, int BasicallyConforming, int NonConforming);

    public sealed record BusinessRow(Business Business, int Inspections, InspectionResult? LastResult)
    {
        public bool Inspected => Inspections > 0;
    }

    public int Percent => InScope == 0 ? 0 : (int)Math.Round(100.0 * Inspected / InScope);

    public static bool Counts(Campaign c, Inspection i) =>
        i.CampaignId == c.Id && i.Status == InspectionStatus.Submitted && i.EndedAt is { } end && c.Covers(ShianTime.LocalDate(end));

    /// <summary>The progress over the given businesses (already cut to what the reader may see) and inspections.</summary>
    public static CampaignProgress Compute(Campaign c, IEnumerable<Business> businesses, IEnumerable<Inspection> inspections)
    {
        var inScope = businesses.Where(c.InScope).ToList();
        var ids = inScope.Select(b => b.Id).ToHashSet();
        var counted = inspections.Where(i => ids.Contains(i.BusinessId) && Counts(c, i)).ToList();
        var byBusiness = counted.GroupBy(i => i.BusinessId).ToDictionary(g => g.Key, g => g.OrderBy(i => i.EndedAt).ToList());
        var rows = inScope
            .Select(b => byBusiness.TryGetValue(b.Id, out var list) ? new BusinessRow(b, list.Count, list[^1].Result) : new BusinessRow(b, 0, null))
            .OrderBy(r => r.Inspected).ThenBy(r => r.Business.Name, StringComparer.Ordinal)
            .ToList();
        var townships = inScope.GroupBy(b => b.TownshipId).Select(g =>
        {
            var tIds = g.Select(b => b.Id).ToHashSet();
            var tInspections = counted.Where(i => tIds.Contains(i.BusinessId)).ToList();
            return new TownshipRow(g.Key, g.Count(), tInspections.Select(i => i.BusinessId).Distinct().Count(),
                tInspections.Count(i => i.Result == InspectionResult.Conforming),
                tInspections.Count(i => i.Result == InspectionResult.BasicallyConforming),
                tInspections.Count(i => i.Result == InspectionResult.NonConforming));
        }).ToList();
        return new CampaignProgress(inScope.Count, byBusiness.Count,
            counted.Count(i => i.Result == InspectionResult.Conforming),
            counted.Count(i => i.Result == InspectionResult.BasicallyConforming),
            counted.Count(i => i.Result == InspectionResult.NonConforming),
            townships, rows);
    }

    /// <summary>The progress as the reader may see it: businesses cut by <see cref="BusinessScope.Visible"/>.</summary>
    public static async Task<CampaignProgress> LoadAsync(ShianDb db, Campaign c, AccessScope scope, CancellationToken ct = default)
    {
        var query = db.Businesses.Where(b => b.Status != BusinessStatus.Closed).VisibleTo(scope);
        var townships = c.TownshipIds.ToList();
        var categories = c.Categories.ToList();
        var subtypes = c.Subtypes.ToList();
        if (townships.Count > 0) query = query.Where(b => townships.Contains(b.TownshipId));
        if (categories.Count > 0 || subtypes.Count > 0) query = query.Where(b => categories.Contains(b.Category) || subtypes.Contains(b.Subtype));
        var businesses = await query.ToListAsync(ct);
        var inspections = await db.Inspections.Where(i => i.CampaignId == c.Id && i.Status == InspectionStatus.Submitted).ToListAsync(ct);
        return Compute(c, businesses, inspections);
    }
}
