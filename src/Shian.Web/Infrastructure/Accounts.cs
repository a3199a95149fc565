using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Shian.Accounts;
using Shian.Audit;
using Shian.Data;

namespace Shian.Web.Infrastructure;

/// <summary>Adds the unit, township and display name to the sign-in cookie so that scoping needs no lookup.</summary>
public sealed class ShianClaimsFactory(UserManager<ShianUser> users, RoleManager<ShianRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<ShianUser, ShianRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(ShianUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(ShianClaims.DisplayName, user.DisplayName));
        if (user.UnitId is { } unit)
        {
            identity.AddClaim(new Claim(ShianClaims.UnitId, unit.ToString()));
        }
        if (user.TownshipId is { } township)
        {
            identity.AddClaim(new Claim(ShianClaims.TownshipId, township.ToString()));
        }
        return identity;
    }
}

/// <summary>The signed-in user as later modules need them: who, and what they may see.</summary>
public sealed class CurrentUser(IHttpContextAccessor http, ShianDb db)
{
    private AccessScope? _scope;

    public ClaimsPrincipal Principal => http.HttpContext?.User ?? new ClaimsPrincipal();

    public bool IsSignedIn => Principal.Identity?.IsAuthenticated == true;

    public Guid? Id => Guid.TryParse(Principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    public string Name => Principal.Identity?.Name ?? "";

    /// <summary>
    /// What this user may see, for each module's filters: <c>db.Samples.VisibleTo(await user.ScopeAsync())</c>
    /// (docs/access.md).
    /// </summary>
    public async Task<AccessScope> ScopeAsync(CancellationToken ct = default)
    {
        if (_scope is not null)
        {
            return _scope;
        }
        if (!IsSignedIn || Id is not { } id)
        {
            return _scope = AccessScope.Nothing;
        }
        var roles = Principal.FindAll(Principal.Identities.First().RoleClaimType).Select(c => c.Value).ToList();
        var businesses = roles.Contains(Roles.Operator)
            ? (await db.OperatorBusinesses.Where(o => o.UserId == id).Select(o => o.BusinessId).ToListAsync(ct)).ToHashSet()
            : [];
        if (Guid.TryParse(Principal.FindFirstValue(ShianClaims.ApiKeyBusiness), out var bound))
        {
            // A key bound to one business sees and acts for that business alone.
            businesses.IntersectWith([bound]);
        }
        return _scope = AccessScope.For(roles, ClaimGuid(ShianClaims.UnitId), ClaimGuid(ShianClaims.TownshipId), businesses);
    }

    /// <summary>
    /// The unit whose plan tasks this user works on: their own unit, or for a township officer the collective
    /// 各乡镇街 unit that plans name for all townships.
    /// </summary>
    public async Task<Guid?> WorkingUnitAsync(CancellationToken ct = default)
    {
        var scope = await ScopeAsync(ct);
        return scope.Level switch
        {
            AccessLevel.Unit or AccessLevel.Laboratory => scope.UnitId,
            AccessLevel.Township => await db.Units.Where(u => u.Kind == Shian.Organization.UnitKind.Townships).Select(u => (Guid?)u.Id).FirstOrDefaultAsync(ct),
            _ => null,
        };
    }

    private Guid? ClaimGuid(string type) => Guid.TryParse(Principal.FindFirstValue(type), out var value) ? value : null;
}

/// <summary>The audit trail's "who" for web requests: the user name, the API key's name, or "anonymous".</summary>
public sealed class HttpAuditActor(IHttpContextAccessor http) : IAuditActor
{
    public string Name
    {
        get
        {
            var user = http.HttpContext?.User;
            if (user?.Identity?.IsAuthenticated != true)
            {
                return http.HttpContext is null ? "system" : "anonymous";
            }
            var key = user.FindFirstValue(ShianClaims.ApiKeyId);
            return key is null ? user.Identity.Name ?? "?" : $"{user.Identity.Name} (apikey {key})";
        }
    }
}
