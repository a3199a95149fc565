using Shian.Accounts;

namespace Shian.Grain;

/// <summary>
/// Which grain and imported-food records a user may see: the office and district inspectors all; a department its own
/// unit's and the office's (unit null) records; a township's staff that township's. Laboratories and operators none.
/// Each entity has its own filter over its own columns; <see cref="GrainRights"/> says who may change them.
/// </summary>
public static class GrainScope
{
    public static IQueryable<Silo> VisibleTo(this IQueryable<Silo> silos, AccessScope scope)
    {
        var (unit, township) = (scope.UnitId, scope.TownshipId);
        return scope.Level switch
        {
            AccessLevel.Jurisdiction => silos,
            AccessLevel.Unit => silos.Where(s => s.UnitId == null || s.UnitId == unit),
            AccessLevel.Township => silos.Where(s => s.TownshipId == township),
            _ => silos.Where(s => false),
        };
    }

    public static IQueryable<GrainTest> VisibleTo(this IQueryable<GrainTest> tests, AccessScope scope)
    {
        var (unit, township) = (scope.UnitId, scope.TownshipId);
        return scope.Level switch
        {
            AccessLevel.Jurisdiction => tests,
            AccessLevel.Unit => tests.Where(t => t.UnitId == null || t.UnitId == unit),
            AccessLevel.Township => tests.Where(t => t.TownshipId == township),
            _ => tests.Where(t => false),
        };
    }

    public static IQueryable<GrainDisposal> VisibleTo(this IQueryable<GrainDisposal> disposals, AccessScope scope)
    {
        var (unit, township) = (scope.UnitId, scope.TownshipId);
        return scope.Level switch
        {
            AccessLevel.Jurisdiction => disposals,
            AccessLevel.Unit => disposals.Where(d => d.UnitId == null || d.UnitId == unit),
            AccessLevel.Township => disposals.Where(d => d.TownshipId == township),
            _ => disposals.Where(d => false),
        };
    }

    public static IQueryable<GrainPurchaseCheck> VisibleTo(this IQueryable<GrainPurchaseCheck> checks, AccessScope scope)
    {
        var (unit, township) = (scope.UnitId, scope.TownshipId);
        return scope.Level switch
        {
            AccessLevel.Jurisdiction => checks,
            AccessLevel.Unit => checks.Where(c => c.UnitId == null || c.UnitId == unit),
            AccessLevel.Township => checks.Where(c => c.TownshipId == township),
            _ => checks.Where(c => false),
        };
    }

    public static IQueryable<ImportedFoodCheck> VisibleTo(this IQueryable<ImportedFoodCheck> checks, AccessScope scope)
    {
        var (unit, township) = (scope.UnitId, scope.TownshipId);
        return scope.Level switch
        {
            AccessLevel.Jurisdiction => checks,
            AccessLevel.Unit => checks.Where(c => c.UnitId == null || c.UnitId == unit),
            AccessLevel.Township => checks.Where(c => c.TownshipId == township),
            _ => checks.Where(c => false),
        };
    }
}
