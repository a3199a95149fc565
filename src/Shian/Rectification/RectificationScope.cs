using Shian.Accounts;

namespace Shian.Rectification;

/// <summary>
/// Which rectification orders a user may see: the office and departments all, a township's staff their township's, an
/// operator those issued to their businesses; a laboratory none.
/// </summary>
public static class RectificationScope
{
    public static IQueryable<RectificationOrder> VisibleTo(this IQueryable<RectificationOrder> orders, AccessScope scope)
    {
        var township = scope.TownshipId;
        var own = scope.BusinessIds.ToList();
        return scope.Level switch
        {
            AccessLevel.Jurisdiction or AccessLevel.Unit => orders,
            AccessLevel.Township => orders.Where(o => o.TownshipId == township),
            AccessLevel.OwnBusinesses => orders.Where(o => own.Contains(o.BusinessId)),
            _ => orders.Where(o => false),
        };
    }
}
