using Microsoft.EntityFrameworkCore;
using Shian.Accounts;
using Shian.Data;
using Shian.Web.Infrastructure;

namespace Shian.Web.Features.Grain;

/// <summary>
/// Who edits the grain and imported-food records: the office (for the whole district) and the departments of the
/// responsible units (区粮食中心, 蓟州海关, 区市场监管局 …), each for its own unit's records. Township staff and
/// inspectors read what their scope shows; operators never see these pages (the policy keeps them out).
/// </summary>
public static class GrainAccess
{
    public static bool MayEdit(CurrentUser user, AccessScope scope) =>
        (scope.Level == AccessLevel.Jurisdiction && (user.Principal.IsInRole(Roles.Admin) || user.Principal.IsInRole(Roles.Office)))
        || (scope.Level == AccessLevel.Unit && user.Principal.IsInRole(Roles.Department));

    /// <summary>The unit a new record belongs to: the department's own, or null for the office (seen by every unit).</summary>
    public static Guid? RecordUnit(AccessScope scope) => scope.Level == AccessLevel.Unit ? scope.UnitId : null;

    /// <summary>The unit that owns a new silo: the department's own, or for the office the district grain centre if any.</summary>
    public static async Task<Guid?> SiloOwnerAsync(ShianDb db, AccessScope scope, CancellationToken ct = default) =>
        scope.Level == AccessLevel.Unit
            ? scope.UnitId
            : await db.Units.Where(u => u.Active && u.Name.Contains("粮食中心")).Select(u => (Guid?)u.Id).FirstOrDefaultAsync(ct);
}
