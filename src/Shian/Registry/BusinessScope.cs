using Shian.Accounts;

namespace Shian.Registry;

/// <summary>
/// Which businesses a user may see. Businesses are owned by no unit (every unit's staff see them), sit in a township
/// (a township officer sees that township's) and are run by operators (who see their own). The generic
/// <see cref="AccessScope.Apply{T}"/> cannot be used: a business has no unit or business column for SQL to compare.
/// </summary>
public static class BusinessScope
{
    public static IQueryable<Business> Visible(this AccessScope scope, IQueryable<Business> businesses)
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
