using Microsoft.EntityFrameworkCore;
using Shian.Accounts;
using Shian.Data;
using Shian.Registry;
using Shian.Schools;

namespace Shian.KitchenVideo;

/// <summary>
/// How many catering kitchens are on the video platform. Catering businesses are the caterers (餐饮服务提供者) and the
/// canteens (单位食堂) that are not closed; schools are the school and kindergarten canteens among them
/// (<see cref="SchoolCoverage.IsSchoolCanteen"/>), counted again on their own because the plan puts them first.
/// </summary>
public static class KitchenVideoCoverage
{
    public const string MetricName = "kitchen_video.coverage";
    public const string SchoolMetricName = "kitchen_video.school_coverage";

    public static bool IsCatering(Business b) =>
        b.Status != BusinessStatus.Closed && b.Category is BusinessCategory.Caterer or BusinessCategory.Canteen;

    /// <summary>One business with its status (None when it has no link).</summary>
    public sealed record Entry(Business Business, KitchenVideoStatus Status);

    /// <summary>Counts by status for a group of businesses.</summary>
    public sealed record Tally(int Total, int None, int Pending, int Active, int Degraded)
    {
        /// <summary>The share active, in percent to one decimal; null when the group is empty.</summary>
        public decimal? Percent => Total == 0 ? null : Math.Round(100m * Active / Total, 1);

        public static Tally Of(IEnumerable<KitchenVideoStatus> statuses)
        {
            var list = statuses.ToList();
            return new Tally(list.Count, list.Count(s => s == KitchenVideoStatus.None), list.Count(s => s == KitchenVideoStatus.Pending),
                list.Count(s => s == KitchenVideoStatus.Active), list.Count(s => s == KitchenVideoStatus.Degraded));
        }
    }

    public sealed record TownshipRow(Guid TownshipId, Tally All, Tally Schools);

    /// <summary>Per township (in the order given), the catering businesses and the school canteens among them by status.</summary>
    public static IReadOnlyList<TownshipRow> ByTownship(IEnumerable<Entry> entries, IEnumerable<Guid> townships)
    {
        var catering = entries.Where(e => IsCatering(e.Business)).ToLookup(e => e.Business.TownshipId);
        return townships.Select(t => new TownshipRow(t,
                Tally.Of(catering[t].Select(e => e.Status)),
                Tally.Of(catering[t].Where(e => SchoolCoverage.IsSchoolCanteen(e.Business)).Select(e => e.Status))))
            .ToList();
    }

    /// <summary>The catering businesses the scope may see, each with its status.</summary>
    public static async Task<IReadOnlyList<Entry>> EntriesAsync(ShianDb db, AccessScope scope, CancellationToken ct = default)
    {
        // The link is looked up in the same query (one per business, a unique index): a district's catering businesses
        // sent back as a list of ids would pass SQLite's limit of 32,766 parameters.
        var rows = await db.Businesses.AsNoTracking().VisibleTo(scope)
            .Where(b => b.Status != BusinessStatus.Closed && (b.Category == BusinessCategory.Caterer || b.Category == BusinessCategory.Canteen))
            .Select(b => new { Business = b, Status = db.KitchenVideoLinks.Where(l => l.BusinessId == b.Id).Select(l => (KitchenVideoStatus?)l.Status).FirstOrDefault() })
            .ToListAsync(ct);
        return rows.Select(r => new Entry(r.Business, r.Status ?? KitchenVideoStatus.None)).ToList();
    }

    /// <summary>
    /// The indicators <c>kitchen_video.coverage</c> and <c>kitchen_video.school_coverage</c>: of the catering businesses
    /// (caterers and canteens, not closed) the scope may see — for the school figure, of the school and kindergarten
    /// canteens among them — the share in percent whose kitchen video status is 已接入 (active) now. A kitchen reported
    /// faulty does not count until it is active again. Null when there is no such business or the scope sees none.
    /// </summary>
    public static async Task<decimal?> IndicatorAsync(ShianDb db, AccessScope scope, bool schoolsOnly, CancellationToken ct = default)
    {
        if (scope.Level is not (AccessLevel.Jurisdiction or AccessLevel.Unit or AccessLevel.Township))
        {
            return null;
        }
        var entries = await EntriesAsync(db, scope, ct);
        return Tally.Of(entries.Where(e => !schoolsOnly || SchoolCoverage.IsSchoolCanteen(e.Business)).Select(e => e.Status)).Percent;
    }
}
