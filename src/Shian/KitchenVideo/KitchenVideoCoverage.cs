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

    /// <summary>How many catering businesses of one township, category and subtype have one status.</summary>
    public sealed record Count(Guid TownshipId, BusinessCategory Category, string Subtype, KitchenVideoStatus Status, int Businesses)
    {
        public bool IsSchoolCanteen => Category == BusinessCategory.Canteen && Subtype is "school" or "kindergarten";
    }

    /// <summary>The counts as a tally.</summary>
    public static Tally TallyOf(IEnumerable<Count> counts)
    {
        var list = counts.ToList();
        int Of(KitchenVideoStatus s) => list.Where(c => c.Status == s).Sum(c => c.Businesses);
        return new Tally(list.Sum(c => c.Businesses), Of(KitchenVideoStatus.None), Of(KitchenVideoStatus.Pending), Of(KitchenVideoStatus.Active),
            Of(KitchenVideoStatus.Degraded));
    }

    /// <summary>Per township (in the order given), the catering businesses and the school canteens among them by status.</summary>
    public static IReadOnlyList<TownshipRow> ByTownship(IEnumerable<Count> counts, IEnumerable<Guid> townships)
    {
        var byTownship = counts.ToLookup(c => c.TownshipId);
        return townships.Select(t => new TownshipRow(t, TallyOf(byTownship[t]), TallyOf(byTownship[t].Where(c => c.IsSchoolCanteen)))).ToList();
    }

    /// <summary>
    /// The catering businesses the scope may see, each with its kitchen video status (null without a link), as a query:
    /// the link is joined in the database (one per business, a unique index). A district's catering businesses read
    /// first and sent back as a list of ids would pass SQLite's limit of 32,766 parameters.
    /// </summary>
    private static IQueryable<Linked> Catering(ShianDb db, AccessScope scope) =>
        from b in db.Businesses.AsNoTracking().VisibleTo(scope)
        where b.Status != BusinessStatus.Closed && (b.Category == BusinessCategory.Caterer || b.Category == BusinessCategory.Canteen)
        join l in db.KitchenVideoLinks.AsNoTracking() on b.Id equals l.BusinessId into links
        from l in links.DefaultIfEmpty()
        select new Linked { Business = b, Status = (KitchenVideoStatus?)l!.Status };

    private sealed class Linked
    {
        public required Business Business { get; init; }
        public KitchenVideoStatus? Status { get; init; }
    }

    /// <summary>The catering businesses the scope may see, counted by township, category, subtype and status in the database.</summary>
    public static async Task<IReadOnlyList<Count>> CountsAsync(ShianDb db, AccessScope scope, CancellationToken ct = default)
    {
        var cells = await Catering(db, scope)
            .GroupBy(x => new { x.Business.TownshipId, x.Business.Category, x.Business.Subtype, x.Status })
            .Select(g => new { g.Key.TownshipId, g.Key.Category, g.Key.Subtype, g.Key.Status, Businesses = g.Count() })
            .ToListAsync(ct);
        return cells.Select(c => new Count(c.TownshipId, c.Category, c.Subtype, c.Status ?? KitchenVideoStatus.None, c.Businesses)).ToList();
    }

    /// <summary>The catering businesses the scope may see, each with its status; only those of <paramref name="status"/> when given.</summary>
    public static async Task<IReadOnlyList<Entry>> EntriesAsync(ShianDb db, AccessScope scope, KitchenVideoStatus? status = null, CancellationToken ct = default)
    {
        var query = Catering(db, scope);
        if (status == KitchenVideoStatus.None)
        {
            query = query.Where(x => x.Status == null || x.Status == KitchenVideoStatus.None);
        }
        else if (status is { } wanted)
        {
            query = query.Where(x => x.Status == wanted);
        }
        var rows = await query.ToListAsync(ct);
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
        var counts = await CountsAsync(db, scope, ct);
        return TallyOf(counts.Where(c => !schoolsOnly || c.IsSchoolCanteen)).Percent;
    }
}
