using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Shian.Accounts;
using Shian.Web.Infrastructure;

namespace Shian.Web.Features.Registry;

/// <summary>
/// What a user may do with the business register, built once per request from the user's policies and scope; the pages,
/// views and import read it (docs/access.md). Seeing which businesses is <c>db.Businesses.VisibleTo(scope)</c>.
/// </summary>
public sealed record RegistryRights(bool MayList, bool MayOpen, bool MayEdit, bool MayOverrideCode, bool MayStartInspection, Guid? BoundTownship)
{
    /// <summary>Whether a business in this township may be registered, corrected or imported by this user.</summary>
    public bool MayEditIn(Guid townshipId) => MayEdit && (BoundTownship is null || BoundTownship == townshipId);

    public static async Task<RegistryRights> ForAsync(ClaimsPrincipal principal, CurrentUser user, IAuthorizationService authorization)
    {
        var scope = await user.ScopeAsync();
        var list = (await authorization.AuthorizeAsync(principal, Policies.Supervision)).Succeeded;
        return new RegistryRights(
            MayList: list,
            // An operator opens its own businesses' pages; a laboratory none (its samples' forms carry the particulars).
            MayOpen: list || scope.Level == AccessLevel.OwnBusinesses,
            MayEdit: (await authorization.AuthorizeAsync(principal, Policies.RegistryEdit)).Succeeded,
            MayOverrideCode: (await authorization.AuthorizeAsync(principal, Policies.Office)).Succeeded,
            // Inspections are started by the office and the inspectors and townships, in their scope (as /inspections/new checks).
            MayStartInspection: scope.Level is AccessLevel.Jurisdiction or AccessLevel.Township,
            BoundTownship: scope.BoundTownship);
    }
}
