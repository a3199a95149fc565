using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Shian.Common;
using Shian.Data;
using Shian.Inspections;
using Shian.Registry;
using Shian.Schools;
using Shian.Web.Infrastructure;

namespace Shian.Web.Features.Schools;

/// <summary>
/// 学校食堂检查覆盖: each school or kindergarten canteen and off-campus meal supplier the reader may see, with its
/// inspections this term against the required number (default 2, the district's choice), those short first.
/// </summary>
[Authorize(Policy = Policies.Staff)]
public class IndexModel(ShianDb db, CurrentUser user, TimeProvider clock) : PageModel
{
    public SchoolTerm Term { get; private set; }
    public int Required { get; private set; } = SchoolTerm.DefaultRequiredInspections;
    public IReadOnlyList<SchoolCoverage.Row> Rows { get; private set; } = [];
    public decimal? Coverage { get; private set; }
    public IReadOnlyDictionary<Guid, string> TownshipNames { get; private set; } = new Dictionary<Guid, string>();

    /// <summary>Per school canteen: its 陪餐 records this term and the date of its last one.</summary>
    public IReadOnlyDictionary<Guid, (int Count, DateOnly? Last)> Meals { get; private set; } = new Dictionary<Guid, (int, DateOnly?)>();

    public DateOnly Today { get; private set; }

    public async Task OnGetAsync()
    {
        Term = SchoolTerm.Of(ShianTime.LocalDate(clock.GetUtcNow().UtcDateTime));
        var scope = await user.ScopeAsync();
        var schools = db.Businesses.AsNoTracking().Where(b => b.Status != BusinessStatus.Closed
            && ((b.Category == BusinessCategory.Canteen && (b.Subtype == "school" || b.Subtype == "kindergarten"))
                || (b.Category == BusinessCategory.Caterer && b.Tags.Contains("school-related")))).VisibleTo(scope);
        var businesses = await schools.ToListAsync();
        // A subquery, not the ids read above: a district's schools sent back as parameters can pass SQLite's limit.
        var ids = schools.Select(b => b.Id);
        var from = Term.From.AddDays(-1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var to = Term.To.AddDays(2).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var inspections = await db.Inspections.AsNoTracking()
            .Where(i => ids.Contains(i.BusinessId) && i.Status == InspectionStatus.Submitted && i.EndedAt >= from && i.EndedAt < to).ToListAsync();
        Rows = SchoolCoverage.Rows(businesses, inspections, Term, Required);
        Coverage = SchoolCoverage.Indicator(businesses, inspections, Term, Required);
        Today = ShianTime.LocalDate(clock.GetUtcNow().UtcDateTime);
        var meals = await db.SchoolMealRecords.AsNoTracking().Where(m => ids.Contains(m.BusinessId) && m.Date >= Term.From && m.Date <= Term.To)
            .GroupBy(m => m.BusinessId).Select(g => new { g.Key, Count = g.Count(), Last = g.Max(m => m.Date) }).ToListAsync();
        Meals = meals.ToDictionary(m => m.Key, m => (m.Count, (DateOnly?)m.Last));
        TownshipNames = await db.Townships.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Name);
    }
}
