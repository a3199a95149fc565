namespace Shian.Accounts;

/// <summary>
/// Where a record sits, for access control. Every module's entity that staff or operators list implements this,
/// returning null for what does not apply (a business has a township but no owning unit).
/// </summary>
public interface IScopedRecord
{
    /// <summary>The township the record belongs to (a business's location, an inspection's township).</summary>
    Guid? TownshipId { get; }

    /// <summary>The unit that owns the record (a task report, a laboratory's sample); null for jurisdiction-wide records.</summary>
    Guid? UnitId { get; }

    /// <summary>The business the record is about, if any.</summary>
    Guid? BusinessId { get; }
}

public enum AccessLevel
{
    /// <summary>Sees nothing but published pages.</summary>
    None,

    /// <summary>Sees the records of the businesses the account operates.</summary>
    OwnBusinesses,

    /// <summary>Sees the records of one township.</summary>
    Township,

    /// <summary>Sees the records its unit owns and the jurisdiction-wide records nobody owns.</summary>
    Unit,

    /// <summary>Sees everything in the jurisdiction.</summary>
    Jurisdiction,
}

/// <summary>
/// What one signed-in user may see. The one helper that every list and lookup of every module goes through:
/// <c>scope.Apply(db.Inspections)</c>. Built from the user's roles and attachments, never from request input.
/// </summary>
public sealed record AccessScope(AccessLevel Level, Guid? UnitId, Guid? TownshipId, IReadOnlySet<Guid> BusinessIds)
{
    public static readonly AccessScope Nothing = new(AccessLevel.None, null, null, new HashSet<Guid>());

    /// <summary>
    /// The widest level any of the user's roles grants. An attachment the role needs but the account lacks
    /// (a township officer with no township) grants nothing rather than everything.
    /// </summary>
    public static AccessScope For(IEnumerable<string> roles, Guid? unitId, Guid? townshipId, IReadOnlySet<Guid> businessIds)
    {
        var best = Nothing;
        foreach (var role in roles)
        {
            var candidate = role switch
            {
                Roles.Admin or Roles.Office => new AccessScope(AccessLevel.Jurisdiction, null, null, businessIds),
                // Inspectors of a township supervision office (市场监管所) work their township; district inspectors everywhere.
                Roles.Inspector => townshipId is { } t
                    ? new AccessScope(AccessLevel.Township, null, t, businessIds)
                    : new AccessScope(AccessLevel.Jurisdiction, null, null, businessIds),
                Roles.Department or Roles.Laboratory => unitId is { } u
                    ? new AccessScope(AccessLevel.Unit, u, null, businessIds)
                    : Nothing,
                Roles.Township => townshipId is { } t
                    ? new AccessScope(AccessLevel.Township, null, t, businessIds)
                    : Nothing,
                Roles.Operator => new AccessScope(AccessLevel.OwnBusinesses, null, null, businessIds),
                _ => Nothing,
            };
            if (candidate.Level > best.Level)
            {
                best = candidate;
            }
        }
        return best;
    }

    /// <summary>Filters a query to what this scope may see; translates to SQL.</summary>
    public IQueryable<T> Apply<T>(IQueryable<T> records) where T : IScopedRecord
    {
        var unit = UnitId;
        var township = TownshipId;
        var businesses = BusinessIds.ToList();
        return Level switch
        {
            AccessLevel.Jurisdiction => records,
            AccessLevel.Unit => records.Where(r => r.UnitId == null || r.UnitId == unit),
            AccessLevel.Township => records.Where(r => r.TownshipId == township),
            AccessLevel.OwnBusinesses => records.Where(r => r.BusinessId != null && businesses.Contains(r.BusinessId.Value)),
            _ => records.Where(r => false),
        };
    }

    /// <summary>Whether one record already loaded may be shown (same rule as <see cref="Apply{T}"/>).</summary>
    public bool Allows(IScopedRecord record) => Level switch
    {
        AccessLevel.Jurisdiction => true,
        AccessLevel.Unit => record.UnitId is null || record.UnitId == UnitId,
        AccessLevel.Township => record.TownshipId == TownshipId,
        AccessLevel.OwnBusinesses => record.BusinessId is { } b && BusinessIds.Contains(b),
        _ => false,
    };
}
