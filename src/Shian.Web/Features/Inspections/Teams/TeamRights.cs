using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Shian.Accounts;
using Shian.Web.Infrastructure;

namespace Shian.Web.Features.Inspections;

/// <summary>
/// Who may set up which inspection teams: the office (and the administrator) every team, a township's staff (its
/// township officers and township-based inspectors) their own township's teams, everyone else none. Seeing teams
/// follows the access scope (<c>db.InspectionTeams.VisibleTo(scope)</c>).
/// </summary>
public sealed record TeamRights(bool Everything, Guid? Township)
{
    public bool MayManageAny => Everything || Township is not null;

    /// <summary>Whether a team of this township (null: a unit's team) may be created or changed.</summary>
    public bool MayManage(Guid? townshipId) => Everything || townshipId is { } t && t == Township;

    public static async Task<TeamRights> ForAsync(ClaimsPrincipal principal, CurrentUser user, IAuthorizationService authorization)
    {
        if ((await authorization.AuthorizeAsync(principal, Policies.Office)).Succeeded)
        {
            return new TeamRights(true, null);
        }
        var scope = await user.ScopeAsync();
        return new TeamRights(false, scope.Level == AccessLevel.Township ? scope.TownshipId : null);
    }
}
