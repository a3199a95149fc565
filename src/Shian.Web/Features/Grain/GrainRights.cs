using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Shian.Accounts;
using Shian.Data;
using Shian.Web.Infrastructure;

namespace Shian.Web.Features.Grain;

/// <summary>
/// Who changes the grain and imported-food records: the office (and the administrator) every record; a department of a
/// responsible unit (区粮食中心, 蓟州海关, 区市场监管局 …) adds records for its unit and changes its own unit's records only;
/// the office's records (unit null) are read-only to departments. Township staff and inspectors read what their scope
/// shows; laboratories and operators never see these pages (the policy keeps them out). Seeing is
/// <c>db.Silos.VisibleTo(scope)</c> and its siblings in Shian.Grain.GrainScope.
/// </summary>
public sealed record GrainRights(bool Everything, Guid? OwnUnit)
{
    /// <summary>Whether the user may add silos and checks (the office, or a department for its unit).</summary>
    public bool MayAdd => Everything || OwnUnit is not null;

    /// <summary>Whether a record of this unit (null: the office's) may be changed: its tests, disposals and dispositions.</summary>
    public bool MayEdit(Guid? recordUnit) => Everything || OwnUnit is { } own && recordUnit == own;

    /// <summary>The unit a new record belongs to: the department's own, or null for the office (seen by every unit).</summary>
    public Guid? NewRecordUnit => Everything ? null : OwnUnit;

    public static async Task<GrainRights> ForAsync(ClaimsPrincipal principal, CurrentUser user, IAuthorizationService authorization)
    {
        if ((await authorization.AuthorizeAsync(principal, Policies.Office)).Succeeded)
        {
            return new GrainRights(true, null);
        }
        var scope = await user.ScopeAsync();
        return new GrainRights(false, scope.Level == AccessLevel.Unit ? scope.UnitId : null);
    }

    /// <summary>The unit that owns a new silo: the department's own, or for the office the district grain centre if any.</summary>
    public async Task<Guid?> SiloOwnerAsync(ShianDb db, CancellationToken ct = default) =>
        Everything
            ? await db.Units.Where(u => u.Active && u.Name.Contains("粮食中心")).Select(u => (Guid?)u.Id).FirstOrDefaultAsync(ct)
            : OwnUnit;
}
