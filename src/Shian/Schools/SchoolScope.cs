using Shian.Accounts;

namespace Shian.Schools;

/// <summary>
/// Which 陪餐 records a user may see: the office and the departments (who supervise school canteens district-wide) all,
/// a township's staff their township's, a canteen's operator its own; a laboratory none.
/// </summary>
public static class SchoolScope
{
    public static IQueryable<SchoolMealRecord> VisibleTo(this IQueryable<SchoolMealRecord> records, AccessScope scope)
    {
        var township = scope.TownshipId;
        var own = scope.BusinessIds.ToList();
        return scope.Level switch
        {
            AccessLevel.Jurisdiction or AccessLevel.Unit => records,
            AccessLevel.Township => records.Where(r => r.TownshipId == township),
            AccessLevel.OwnBusinesses => records.Where(r => own.Contains(r.BusinessId)),
            _ => records.Where(r => false),
        };
    }
}
