using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Shian.Common;
using Shian.Data;
using Shian.Rectification;
using Shian.Web.Infrastructure;

namespace Shian.Web.Features.Rectification;

/// <summary>
/// 整改通知: the orders a user may see, overdue first. Supervisors follow up what is late or answered; an operator sees
/// the orders given to their own business and answers them.
/// </summary>
[Authorize(Policy = Policies.Rectification)]
public class IndexModel(ShianDb db, CurrentUser user, TimeProvider clock) : PageModel
{
    public sealed record Row(Guid Id, string Number, string Business, DateOnly IssuedOn, DateOnly Deadline, RectificationStatus Status, bool Late, bool Overdue);

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public DateOnly Today { get; private set; }
    public string? Show { get; private set; }
    public int OverdueCount { get; private set; }

    public async Task OnGetAsync(string? show)
    {
        Show = show;
        Today = ShianTime.LocalDate(ShianTime.UtcNow(clock));
        var today = Today;
        var orders = (await user.ScopeAsync()).Visible(db).AsNoTracking();
        OverdueCount = await orders.CountAsync(o => o.Status == RectificationStatus.Open && o.Deadline < today);
        orders = show switch
        {
            "overdue" => orders.Where(o => o.Status == RectificationStatus.Open && o.Deadline < today),
            "open" => orders.Where(o => o.Status == RectificationStatus.Open || o.Status == RectificationStatus.Responded),
            "done" => orders.Where(o => o.Status == RectificationStatus.Closed || o.Status == RectificationStatus.Escalated),
            _ => orders,
        };
        var rows = await orders
            .Join(db.Businesses, o => o.BusinessId, b => b.Id, (o, b) => new { o, b.Name })
            .OrderBy(x => x.o.Deadline).Take(500)
            .ToListAsync();
        Rows = rows.Select(x => new Row(x.o.Id, x.o.Number, x.Name, x.o.IssuedOn, x.o.Deadline, x.o.Status, x.o.RespondedLate, x.o.IsOverdue(today)))
            .OrderByDescending(r => r.Overdue).ThenBy(r => r.Deadline).ToList();
    }
}
