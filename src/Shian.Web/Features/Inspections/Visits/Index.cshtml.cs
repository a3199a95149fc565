using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Shian.Common;
using Shian.Data;
using Shian.Inspections;
using Shian.Web.Infrastructure;

namespace Shian.Web.Features.Inspections;

/// <summary>检查记录: submitted inspections the user may see (township staff their township's, the office all), newest first, filtered by result, kind and date.</summary>
[Authorize(Policy = Policies.Supervision)]
public class IndexModel(ShianDb db, CurrentUser user) : PageModel
{
    public sealed record Row(Guid Id, Guid BusinessId, string Business, string Township, InspectionKind Kind, DateTime StartedAt, InspectionResult? Result,
        bool RequiresRectification, bool Acknowledged);

    public const int PageSize = 200;

    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true)] public InspectionResult? Result { get; set; }
    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true)] public InspectionKind? Kind { get; set; }
    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var scope = await user.ScopeAsync();
        var query = db.Inspections.AsNoTracking().VisibleTo(scope);
        if (Result is { } result)
        {
            query = query.Where(i => i.Result == result);
        }
        if (Kind is { } kind)
        {
            query = query.Where(i => i.Kind == kind);
        }
        // Dates are China days: from 00:00 local of From to before 00:00 local of the day after To.
        if (From is { } from)
        {
            var start = TimeZoneInfo.ConvertTimeToUtc(from.ToDateTime(TimeOnly.MinValue), ShianTime.Zone);
            query = query.Where(i => i.StartedAt >= start);
        }
        if (To is { } to)
        {
            var end = TimeZoneInfo.ConvertTimeToUtc(to.AddDays(1).ToDateTime(TimeOnly.MinValue), ShianTime.Zone);
            query = query.Where(i => i.StartedAt < end);
        }
        Rows = await query.OrderByDescending(i => i.StartedAt).Take(PageSize)
            .Select(i => new Row(i.Id, i.BusinessId, db.Businesses.Where(b => b.Id == i.BusinessId).Select(b => b.Name).First(),
                db.Townships.Where(t => t.Id == i.TownshipId).Select(t => t.Name).First(), i.Kind, i.StartedAt, i.Result,
                i.RequiresRectification && !db.RectificationOrders.Any(o => o.InspectionId == i.Id), i.AcknowledgedAt != null))
            .ToListAsync();
    }
}
