using Shian.Accounts;

namespace Shian.Registry;

/// <summary>
/// Which businesses a user may see. Businesses are owned by no unit: the office, district inspectors and the departments
/// (the market-regulation bureau supervises the register) see them all; a township's staff that township's; operators
/// their own. A laboratory does not open the register: its samples' forms carry the particulars it needs.
/// </summary>
public static class BusinessScope
{
    public static IQueryable<Business> VisibleTo(this IQueryable<Business> businesses, AccessScope scope)
    {
        var township = scope.TownshipId;
        var own = scope.BusinessIds.ToList();
        return scope.Level switch
        {
            AccessLevel.Jurisdiction or AccessLevel.Unit => businesses,
            AccessLevel.Township => businesses.Where(b => b.TownshipId == township),
            AccessLevel.OwnBusinesses => businesses.Where(b => own.Contains(b.Id)),
            _ => businesses.Where(b => false),
        };
    }
}
