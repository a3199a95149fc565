using Microsoft.EntityFrameworkCore;
using Shian.Accounts;
using Shian.Data;

namespace Shian.Complaints;

/// <summary>
/// Hot spots (投诉举报热点) of one year, for what the scope may see: by field, by handling township or unit, by business
/// (the most complained-about) and by month. Merged duplicates are counted with the one they joined, as the metrics do.
/// </summary>
public static class ComplaintAnalysis
{
    public const int TopBusinesses = 20;

    /// <summary>One bar: complaints and reports.</summary>
    public sealed record Tally(string Label, int Complaints, int Reports)
    {
        public int Total => Complaints + Reports;
    }

    public sealed record Result(int Year, IReadOnlyList<Tally> ByField, IReadOnlyList<Tally> ByHandler, IReadOnlyList<Tally> ByBusiness,
        IReadOnlyList<Tally> ByMonth)
    {
        public int Complaints => ByMonth.Sum(m => m.Complaints);
        public int Reports => ByMonth.Sum(m => m.Reports);
    }

    private sealed record Row(ComplaintKind Kind, ComplaintField Field, Guid? TownshipId, Guid? UnitId, Guid? BusinessId, string BusinessName, DateOnly ReceivedOn);

    /// <param name="fieldLabel">The field's name in the reader's language (the web words it).</param>
    public static async Task<Result> ForYearAsync(ShianDb db, AccessScope scope, int year, Func<ComplaintField, string> fieldLabel, CancellationToken ct = default)
    {
        var from = new DateOnly(year, 1, 1);
        var to = new DateOnly(year, 12, 31);
        var rows = await db.Complaints.AsNoTracking().VisibleTo(scope)
            .Where(c => c.ReceivedOn >= from && c.ReceivedOn <= to && c.Status != ComplaintStatus.Merged)
            .Select(c => new Row(c.Kind, c.Field, c.TownshipId, c.UnitId, c.BusinessId, c.BusinessName, c.ReceivedOn))
            .ToListAsync(ct);
        var townships = await db.Townships.AsNoTracking().Select(t => new { t.Id, t.Name }).ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        var units = await db.Units.AsNoTracking().Select(u => new { u.Id, u.Name }).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var businesses = rows.Where(r => r.BusinessId is not null).Select(r => r.BusinessId!.Value).Distinct().ToList();
        var registered = await db.Businesses.AsNoTracking().Where(b => businesses.Contains(b.Id)).Select(b => new { b.Id, b.Name }).ToDictionaryAsync(b => b.Id, b => b.Name, ct);

        static IEnumerable<Tally> Count<TKey>(IEnumerable<Row> rows, Func<Row, TKey> key, Func<TKey, string> label) where TKey : notnull =>
            rows.GroupBy(key).Select(g => new Tally(label(g.Key), g.Count(r => r.Kind == ComplaintKind.Complaint), g.Count(r => r.Kind == ComplaintKind.Report)));

        var byField = Count(rows, r => r.Field, fieldLabel).OrderByDescending(t => t.Total).ThenBy(t => t.Label, StringComparer.Ordinal).ToList();
        var byHandler = Count(rows, r => (r.TownshipId, r.UnitId),
                k => k.TownshipId is { } t ? townships.GetValueOrDefault(t, "") : k.UnitId is { } u ? units.GetValueOrDefault(u, "") : "")
            .OrderByDescending(t => t.Total).ThenBy(t => t.Label, StringComparer.Ordinal).ToList();
        // A registered business by its register entry; one only described, by the name the submitters gave.
        var byBusiness = Count(rows, r => r.BusinessId is { } id ? "id:" + id : "name:" + r.BusinessName.Trim(),
                k => k.StartsWith("id:", StringComparison.Ordinal) ? registered.GetValueOrDefault(Guid.Parse(k[3..]), "") : k[5..])
            .OrderByDescending(t => t.Total).ThenBy(t => t.Label, StringComparer.Ordinal).Take(TopBusinesses).ToList();
        var byMonth = Enumerable.Range(1, 12)
            .Select(m => new Tally(m.ToString(), rows.Count(r => r.ReceivedOn.Month == m && r.Kind == ComplaintKind.Complaint),
                rows.Count(r => r.ReceivedOn.Month == m && r.Kind == ComplaintKind.Report)))
            .ToList();
        return new Result(year, byField, byHandler, byBusiness, byMonth);
    }
}
