using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Shian.Accounts;
using Shian.Data;

namespace Shian.Web.Infrastructure;

/// <summary>
/// <c>Authorization: Bearer shian_…</c> for machines. A malformed, unknown or revoked key is refused with 401 and a
/// ProblemDetails body saying which; it never falls back to anonymous.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ShianDb db,
    UserManager<ShianUser> users,
    IUserClaimsPrincipalFactory<ShianUser> principals,
    TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    private const string FailureKey = "shian:api_key_failure";

    public static bool HasBearer(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!HasBearer(Request))
        {
            return AuthenticateResult.NoResult();
        }
        var presented = Request.Headers.Authorization.ToString()["Bearer ".Length..].Trim();
        if (!ApiKey.IsWellFormed(presented))
        {
            return Fail("ApiKey.Refused.Malformed");
        }
        var hash = ApiKey.HashOf(presented);
        var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.Hash == hash);
        if (key is null)
        {
            return Fail("ApiKey.Refused.Unknown");
        }
        if (key.IsRevoked)
        {
            return Fail("ApiKey.Refused.Revoked");
        }
        var user = await users.FindByIdAsync(key.UserId.ToString());
        // A lockout after wrong passwords guards interactive sign-in only: anyone who knows an account's name can cause
        // it, so it must not switch the account's machine access off. An account an administrator disabled can.
        if (user is null || user.IsDisabled)
        {
            return Fail("ApiKey.Refused.AccountDisabled");
        }
        if (key.BusinessId is { } bound && !await db.OperatorBusinesses.AnyAsync(o => o.UserId == user.Id && o.BusinessId == bound))
        {
            return Fail("ApiKey.Refused.BusinessNotOperated");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (key.LastUsedAt is null || now - key.LastUsedAt > TimeSpan.FromHours(1))
        {
            key.LastUsedAt = now; // hourly, so that a busy integration does not write on every request
            await db.SaveChangesAsync();
        }

        var principal = await principals.CreateAsync(user);
        var identity = (ClaimsIdentity)principal.Identity!;
        identity.AddClaim(new Claim(ShianClaims.ApiKeyId, key.Name));
        if (key.BusinessId is { } business)
        {
            identity.AddClaim(new Claim(ShianClaims.ApiKeyBusiness, business.ToString()));
        }
        foreach (var scope in key.ScopeList)
        {
            identity.AddClaim(new Claim(ShianClaims.Scope, scope));
        }
        var apiPrincipal = new ClaimsPrincipal(new ClaimsIdentity(identity.Claims, SchemeName, identity.NameClaimType, identity.RoleClaimType));
        return AuthenticateResult.Success(new AuthenticationTicket(apiPrincipal, SchemeName));
    }

    /// <summary>Refuses the key; <paramref name="reasonKey"/> is the resource that words why, in the challenge's answer.</summary>
    private AuthenticateResult Fail(string reasonKey)
    {
        Context.Items[FailureKey] = reasonKey;
        return AuthenticateResult.Fail(reasonKey);
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        var detailKey = Context.Items[FailureKey] as string ?? "ApiKey.Refused.Required";
        return Problems.WriteAsync(Context, StatusCodes.Status401Unauthorized, "Api.Title.Unauthorized", detailKey);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Problems.WriteAsync(Context, StatusCodes.Status403Forbidden, "Api.Title.Forbidden", "ApiKey.Refused.Forbidden");
}

/// <summary>Writes RFC 9457 problem documents through the registered <see cref="IProblemDetailsService"/>.</summary>
public static class Problems
{
    /// <summary>A problem document whose title and detail are the resources <paramref name="titleKey"/> and <paramref name="detailKey"/>, in the request's language.</summary>
    public static async Task WriteAsync(HttpContext context, int status, string titleKey, string detailKey)
    {
        var l = context.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
        context.Response.StatusCode = status;
        var service = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await service.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = status, Title = l[titleKey], Detail = l[detailKey] },
        });
    }

    /// <summary>
    /// Whether a request is for the machine API (answers with status codes, never login redirects). Only these paths
    /// accept API keys: a key never opens a page.
    /// </summary>
    public static bool IsApi(HttpRequest request) =>
        request.Path.StartsWithSegments("/api") || request.Path.StartsWithSegments("/epcis");
}
