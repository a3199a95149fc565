using Microsoft.EntityFrameworkCore;
using Shian.Accounts;
using Shian.Data;

namespace Shian.Rectification;

/// <summary>
/// <c>rectification.closure_rate</c> (整改销号率): of this year's orders that are due (deadline passed) or already
/// concluded, the share closed on a passed follow-up inspection, in percent to one decimal. Orders still within their
/// deadline are not counted yet; escalated ones count as not closed. Township staff get their township's figure, the
/// district and units the whole district's, anyone else none.
/// </summary>
public static class RectificationMetrics
{
    public const string ClosureRate = "rectification.closure_rate";

    public static async Task<decimal?> ClosureRateAsync(ShianDb db, AccessScope scope, DateOnly today, CancellationToken ct = default)
    {
        var yearStart = new DateOnly(today.Year, 1, 1);
        var orders = db.RectificationOrders.Where(o => o.IssuedOn >= yearStart && o.IssuedOn <= today);
        var township = scope.TownshipId;
        switch (scope.Level)
        {
            case AccessLevel.Jurisdiction or AccessLevel.Unit or AccessLevel.Laboratory:
                break;
            case AccessLevel.Township:
                orders = orders.Where(o => o.TownshipId == township);
                break;
            default:
                return null;
        }
        var counted = await orders.Where(o => o.Deadline < today || o.Status == RectificationStatus.Closed || o.Status == RectificationStatus.Escalated)
            .GroupBy(o => o.Status == RectificationStatus.Closed)
            .Select(g => new { Closed = g.Key, Count = g.Count() })
            .ToListAsync(ct);
        var total = counted.Sum(c => c.Count);
        return total == 0 ? null : Math.Round(100m * counted.Where(c => c.Closed).Sum(c => c.Count) / total, 1);
    }
}
