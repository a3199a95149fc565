using Shian.Accounts;

namespace Shian.Complaints;

/// <summary>
/// Which complaints a user may see: the office (and district-wide inspectors) all; a department those routed to its
/// unit; a township's staff those routed to the township; an operator those against its businesses that the handler has
/// released, and of those only the substance (<see cref="ComplaintScope.MaySeeInformant"/> says no); anyone else none.
/// </summary>
public static class ComplaintScope
{
    public static IQueryable<Complaint> VisibleTo(this IQueryable<Complaint> complaints, AccessScope scope)
    {
        var unit = scope.UnitId;
        var township = scope.TownshipId;
        var own = scope.BusinessIds.ToList();
        return scope.Level switch
        {
            AccessLevel.Jurisdiction => complaints,
            AccessLevel.Unit => complaints.Where(c => c.UnitId == unit),
            AccessLevel.Township => complaints.Where(c => c.TownshipId == township),
            AccessLevel.OwnBusinesses => complaints.Where(c => c.ReleasedToBusinessAt != null && c.BusinessId != null && own.Contains(c.BusinessId.Value)),
            _ => complaints.Where(c => false),
        };
    }

    /// <summary>
    /// The informant's name and phone: the handling township or unit and the office, never the business, never others
    /// (a district inspector who may read the complaint does not read who made it).
    /// </summary>
    public static bool MaySeeInformant(this AccessScope scope, Complaint complaint, bool office) => office
        || (scope.Level == AccessLevel.Unit && complaint.UnitId == scope.UnitId)
        || (scope.Level == AccessLevel.Township && complaint.TownshipId == scope.TownshipId);

    /// <summary>
    /// The signed mediation record (调解协议/记录) of a complaint the user sees: it carries the complainant's name and
    /// signature, so those who may see the informant, and the business once the complaint is released to it (a party to
    /// the mediation, which signed the record too; <see cref="VisibleTo"/> keeps an unreleased complaint from it). A
    /// district inspector who reads the complaint with the informant masked does not get it.
    /// </summary>
    public static bool MaySeeMediationRecord(this AccessScope scope, Complaint complaint, bool office) =>
        scope.MaySeeInformant(complaint, office) || scope.Level == AccessLevel.OwnBusinesses;
}
