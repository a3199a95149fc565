using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Shian.Accounts;
using Shian.Web.Infrastructure;

namespace Shian.Web.Features.Accounts;

public static class AccountsApi
{
    public sealed record Me(string UserName, string DisplayName, IReadOnlyList<string> Roles, string AccessLevel,
        Guid? UnitId, Guid? TownshipId, string? ApiKey, IReadOnlyList<string> Scopes);

    public static IEndpointRouteBuilder MapAccountsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/me").WithTags("Accounts").RequireAuthorization(Policies.SignedIn)
            .RequireScope(ApiScopeMetadata.AnyKey); // any key may ask whose it is

        group.MapGet("/", async Task<Ok<Me>> (CurrentUser user) =>
            {
                var scope = await user.ScopeAsync();
                var principal = user.Principal;
                return TypedResults.Ok(new Me(
                    user.Name,
                    principal.FindFirstValue(ShianClaims.DisplayName) ?? "",
                    principal.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList(),
                    scope.Level.ToString(),
                    scope.UnitId,
                    scope.TownshipId,
                    principal.FindFirstValue(ShianClaims.ApiKeyId),
                    principal.FindAll(ShianClaims.Scope).Select(c => c.Value).ToList()));
            })
            .WithName("GetCurrentUser")
            .WithSummary("The signed-in account or API key owner, its roles and what it may see.");
        return app;
    }
}
