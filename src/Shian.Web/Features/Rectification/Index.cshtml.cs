using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Shian.Accounts;
using Shian.Common;
using Shian.Data;
using Shian.Inspections;
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

    /// <summary>A submitted inspection that failed items and has no order yet (待下达整改).</summary>
    public sealed record Awaiting(Guid InspectionId, string Business, DateTime EndedAt, InspectionResult? Result);

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public DateOnly Today { get; private set; }
    public string? Show { get; private set; }
    public int OverdueCount { get; private set; }
    public int AwaitingCount { get; private set; }
    public IReadOnlyList<Awaiting> AwaitingRows { get; private set; } = [];

    public async Task OnGetAsync(string? show)
    {
        Show = show;
        Today = ShianTime.LocalDate(ShianTime.UtcNow(clock));
        var today = Today;
        var scope = await user.ScopeAsync();
        var orders = db.RectificationOrders.VisibleTo(scope).AsNoTracking();
        OverdueCount = await orders.CountAsync(o => o.Status == RectificationStatus.Open && o.Deadline < today);
        // Failed items must not be left without an order: supervisors see every such inspection until one is issued.
        var awaiting = scope.Level == AccessLevel.OwnBusinesses ? db.Inspections.Where(i => false)
            : db.Inspections.AsNoTracking().VisibleTo(scope).Where(i => i.Status == InspectionStatus.Submitted && i.RequiresRectification
                && !db.RectificationOrders.Any(o => o.InspectionId == i.Id));
        AwaitingCount = await awaiting.CountAsync();
        if (show == "awaiting")
        {
            AwaitingRows = (await awaiting.Join(db.Businesses, i => i.BusinessId, b => b.Id, (i, b) => new { i.Id, b.Name, i.EndedAt, i.Result })
                    .OrderBy(x => x.EndedAt).Take(500).ToListAsync())
                .Select(x => new Awaiting(x.Id, x.Name, x.EndedAt ?? default, x.Result)).ToList();
            return;
        }
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
