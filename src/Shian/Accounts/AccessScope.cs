namespace Shian.Accounts;

public enum AccessLevel
{
    /// <summary>Sees nothing but published pages.</summary>
    None,

    /// <summary>Sees the records of the businesses the account operates.</summary>
    OwnBusinesses,

    /// <summary>
    /// A laboratory (承检机构): sees the samples sent to it and the re-inspections drawn to it, with the particulars
    /// copied onto their forms; not the business register or the supervision records built on it.
    /// </summary>
    Laboratory,

    /// <summary>Sees the records of one township.</summary>
    Township,

    /// <summary>A department (部门): sees the records its unit owns and the jurisdiction-wide records nobody owns.</summary>
    Unit,

    /// <summary>Sees everything in the jurisdiction.</summary>
    Jurisdiction,
}

/// <summary>
/// What one signed-in user may see, built from the user's roles and attachments, never from request input. Each module
/// filters its own aggregates with a <c>VisibleTo(scope)</c> extension written for that entity's columns
/// (<c>db.Samples.VisibleTo(scope)</c>); what a user may do is the module's rights object. docs/access.md is the table.
/// <see cref="BusinessIds"/> are an operator's own businesses: a handful, so the scopes send them to the database as a
/// parameter list (<c>own.Contains(x.BusinessId)</c>); a list read from the register must stay in the database instead.
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
                Roles.Department => unitId is { } u
                    ? new AccessScope(AccessLevel.Unit, u, null, businessIds)
                    : Nothing,
                Roles.Laboratory => unitId is { } lab
                    ? new AccessScope(AccessLevel.Laboratory, lab, null, businessIds)
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

    /// <summary>Staff who supervise businesses (the office, departments, townships, inspectors): not a laboratory, not an operator.</summary>
    public bool Supervises => Level is AccessLevel.Jurisdiction or AccessLevel.Unit or AccessLevel.Township;

    /// <summary>The laboratory this user works for, if the user is a laboratory's.</summary>
    public Guid? LaboratoryId => Level == AccessLevel.Laboratory ? UnitId : null;

    /// <summary>The township a township-bound account (township officer, township inspector) is limited to.</summary>
    public Guid? BoundTownship => Level == AccessLevel.Township ? TownshipId : null;
}
