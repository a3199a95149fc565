using Shian.Accounts;
using Shian.Data;
using Shian.Rectification;
using Shian.Registry;

namespace Shian.Web.Features.Rectification;

/// <summary>Which orders a user may see: those of the businesses the user may see (township, own business, all).</summary>
public static class RectificationAccess
{
    public static IQueryable<RectificationOrder> Visible(this AccessScope scope, ShianDb db)
    {
        var businesses = scope.Visible(db.Businesses);
        return db.RectificationOrders.Where(o => businesses.Any(b => b.Id == o.BusinessId));
    }
}
