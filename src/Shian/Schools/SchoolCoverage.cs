using Microsoft.EntityFrameworkCore;
using Shian.Common;
using Shian.Data;
using Shian.Inspections;
using Shian.Registry;

namespace Shian.Schools;

/// <summary>
/// Which businesses feed pupils, and how often they were inspected in a term. School-facing businesses are the
/// school and kindergarten canteens (category Canteen, sub-type <c>school</c> or <c>kindergarten</c>) and the
/// off-campus meal suppliers serving schools (group-meal suppliers, sub-type <c>group-meals</c>, or any caterer,
/// carrying the tag <c>school-related</c> 涉校). Closed businesses are left out.
/// </summary>
public static class SchoolCoverage
{
    public const string MetricName = "inspection.school_canteen_coverage";

    public static bool IsSchoolCanteen(Business b) =>
        b.Category == BusinessCategory.Canteen && (b.Subtype == "school" || b.Subtype == "kindergarten");

    public static bool IsSchoolSupplier(Business b) =>
        b.Category == BusinessCategory.Caterer && b.TagList.Contains("school-related");

    public static bool IsSchoolFacing(Business b) => b.Status != BusinessStatus.Closed && (IsSchoolCanteen(b) || IsSchoolSupplier(b));

    /// <summary>An inspection counts for the term when it was submitted and ended (China date) within the term.</summary>
    public static bool Counts(Inspection i, SchoolTerm term) =>
        i.Status == InspectionStatus.Submitted && i.EndedAt is { } end && term.Contains(ShianTime.LocalDate(end));

    public sealed record Row(Business Business, int Inspections, int Required)
    {
        public bool Met => Inspections >= Required;
        public int Missing => Math.Max(0, Required - Inspections);
    }

    /// <summary>
    /// Each school-facing business with its count of counted inspections in the term, those short of the required
    /// number first (most missing first), then by name.
    /// </summary>
    public static IReadOnlyList<Row> Rows(IEnumerable<Business> businesses, IEnumerable<Inspection> inspections, SchoolTerm term, int required)
    {
        var counts = inspections.Where(i => Counts(i, term)).GroupBy(i => i.BusinessId).ToDictionary(g => g.Key, g => g.Count());
        return businesses.Where(IsSchoolFacing)
            .Select(b => new Row(b, counts.GetValueOrDefault(b.Id), required))
            .OrderBy(r => r.Met).ThenByDescending(r => r.Missing).ThenBy(r => r.Business.Name, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// The indicator <c>inspection.school_canteen_coverage</c>: of the school and kindergarten canteens not closed
    /// (suppliers excluded), the share in percent inspected at least <paramref name="required"/> times in the term —
    /// a submitted inspection whose end falls (China date) within the term. Null when there is no such canteen.
    /// </summary>
    public static decimal? Indicator(IEnumerable<Business> businesses, IEnumerable<Inspection> inspections, SchoolTerm term, int required)
    {
        var canteens = Rows(businesses.Where(IsSchoolCanteen), inspections, term, required);
        if (canteens.Count == 0) return null;
        return Math.Round(100m * canteens.Count(r => r.Met) / canteens.Count, 1);
    }

    /// <summary>The indicator over the district (or one township), from the database.</summary>
    public static async Task<decimal?> IndicatorAsync(ShianDb db, SchoolTerm term, int required = SchoolTerm.DefaultRequiredInspections,
        Guid? townshipId = null, CancellationToken ct = default)
    {
        var query = db.Businesses.Where(b => b.Category == BusinessCategory.Canteen && (b.Subtype == "school" || b.Subtype == "kindergarten")
            && b.Status != BusinessStatus.Closed);
        if (townshipId is { } t) query = query.Where(b => b.TownshipId == t);
        var canteens = await query.ToListAsync(ct);
        // A subquery, not the ids read above: a district's canteens sent back as parameters can pass SQLite's limit.
        var ids = query.Select(b => b.Id);
        // A day's margin either side: the China date is decided in memory.
        var from = term.From.AddDays(-1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var to = term.To.AddDays(2).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var inspections = await db.Inspections
            .Where(i => ids.Contains(i.BusinessId) && i.Status == InspectionStatus.Submitted && i.EndedAt >= from && i.EndedAt < to)
            .ToListAsync(ct);
        return Indicator(canteens, inspections, term, required);
    }
}
