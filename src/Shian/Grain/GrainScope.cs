using Shian.Accounts;

namespace Shian.Grain;

/// <summary>
/// Which grain and imported-food records a user may see: the office and district inspectors all; a department its own
/// unit's and the office's (unit null) records; a township's staff that township's. Laboratories and operators none.
/// Each entity has its own filter over its own columns; <see cref="GrainRights"/> says who may change them.
/// </summary>
public static class GrainScope
{
    public static IQueryable<T> VisibleTo<T>(this IQueryable<T> records, AccessScope scope) where T : IGrainRecord
    {
        var (unit, township) = (scope.UnitId, scope.TownshipId);
        return scope.Level switch
        {
            AccessLevel.Jurisdiction => records,
            AccessLevel.Unit => records.Where(r => r.UnitId == null || r.UnitId == unit),
            AccessLevel.Township => records.Where(r => r.TownshipId == township),
            _ => records.Where(r => false),
        };
    }
}

/// <summary>
/// A grain or imported-food record: it sits in a township and belongs to a unit, or to the office (null). Implemented
/// only by entities that store both as columns, which <c>GrainRecordTests</c> checks against the EF model, so the one
/// filter above translates for every implementer.
/// </summary>
public interface IGrainRecord
{
    Guid TownshipId { get; }
    Guid? UnitId { get; }
}
