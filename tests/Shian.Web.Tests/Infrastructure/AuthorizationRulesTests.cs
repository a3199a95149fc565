using System.Net;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Shian.Web.Tests.Infrastructure;

/// <summary>Every page and endpoint states who may use it; each demo role reaches what it may and nothing else.</summary>
public sealed class AuthorizationRulesTests(ShianWebFactory factory) : IClassFixture<ShianWebFactory>
{
    private IReadOnlyList<RouteEndpoint> Endpoints()
    {
        using var client = factory.NewClient(); // starts the host
        return factory.Services.GetServices<EndpointDataSource>()
            .SelectMany(source => source.Endpoints)
            .OfType<RouteEndpoint>()
            .ToList();
    }

    [Fact]
    public void Every_endpoint_has_an_explicit_policy_or_anonymous_marker()
    {
        var endpoints = Endpoints();
        Assert.True(endpoints.Count > 30, $"only {endpoints.Count} endpoints found");
        var unmarked = endpoints
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is null && e.Metadata.GetMetadata<IAuthorizeData>() is null)
            .Where(e => e.DisplayName != DevelopmentStaticFilesFallback)
            .Select(e => $"{e.RoutePattern.RawText} ({e.DisplayName})")
            .ToList();
        Assert.True(unmarked.Count == 0, "endpoints without an authorization rule: " + string.Join(", ", unmarked));
    }

    // In Development only, MapStaticAssets adds a catch-all that serves files added after the build; conventions on
    // MapStaticAssets() do not reach it. It falls under the fallback policy (signed-in users), checked below.
    private const string DevelopmentStaticFilesFallback = "Fallback {**path:file}";

    [Fact]
    public async Task Whatever_has_no_rule_of_its_own_still_needs_a_signed_in_user()
    {
        using var client = factory.NewClient();
        var response = await client.GetAsync("/not-a-page/file.txt");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/login", response.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("/workbench", "staff")]
    [InlineData("/admin/users", "admin")]
    [InlineData("/admin/audit", "admin")]
    [InlineData("/operator", "operator")]
    [InlineData("/api/organization/townships", "organization-read")]
    public void Known_endpoints_carry_their_policy(string route, string policy)
    {
        var endpoint = Endpoints().First(e => "/" + e.RoutePattern.RawText?.TrimStart('/') == route);
        Assert.Contains(endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>(), a => a.Policy == policy);
        Assert.Null(endpoint.Metadata.GetMetadata<IAllowAnonymous>());
    }

    public static TheoryData<string, string, bool> Access => new()
    {
        { "office", "/workbench", true },
        { "office", "/admin/users", false },
        { "office", "/operator", false },
        { "admin", "/admin/users", true },
        { "admin", "/admin/audit", true },
        { "admin", "/admin/calendar", true },
        { "department", "/workbench", true },
        { "department", "/admin/townships", false },
        { "township", "/workbench", true },
        { "township", "/admin/jurisdiction", false },
        { "inspector", "/workbench", true },
        { "inspector", "/admin/api-keys", false },
        { "lab", "/workbench", true },
        { "lab", "/admin/units", false },
        { "operator", "/operator", true },
        { "operator", "/workbench", false },
        { "operator", "/admin/users", false },
    };

    [Theory]
    [MemberData(nameof(Access))]
    public async Task Each_role_reaches_only_what_it_may(string user, string page, bool allowed)
    {
        using var client = await factory.SignedInAsync(user);
        var response = await client.GetAsync(page);
        if (allowed)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        else
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/account/access-denied", response.Headers.Location!.OriginalString.Replace("http://localhost", "", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Anonymous_visitors_see_public_pages_and_are_sent_to_login_elsewhere()
    {
        using var client = factory.NewClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/login")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);

        var page = await client.GetAsync("/admin/users");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Contains("/account/login?ReturnUrl=%2Fadmin%2Fusers", page.Headers.Location!.OriginalString);

        var api = await client.GetAsync("/api/me");
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
    }
}
