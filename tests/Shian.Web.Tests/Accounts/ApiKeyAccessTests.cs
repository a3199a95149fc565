using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shian.Accounts;
using Shian.Data;
using Shian.Web.Infrastructure;
using Shian.Web.Tests.Traceability;

namespace Shian.Web.Tests.Accounts;

/// <summary>
/// A key has no power beyond its scopes: it opens no page and no key management whatever its owner's roles, every API
/// endpoint names the scope it takes, a key bound to one business acts for that business alone, and a lockout caused
/// by wrong passwords does not switch machine access off.
/// </summary>
public sealed class ApiKeyAccessTests(ShianWebFactory factory) : IClassFixture<ShianWebFactory>
{
    private async Task<string> IssueAsync(string user, params string[] scopes)
    {
        await EpcisKit.OperatorBusinessAsync(factory);
        return (await EpcisKit.IssueAsync(factory, user, scopes)).Secret;
    }

    private HttpClient KeyClient(string secret) => EpcisKit.Client(factory, secret);

    private static string LocalPath(HttpResponseMessage response) =>
        response.Headers.Location!.OriginalString.Replace("http://localhost", "", StringComparison.Ordinal);

    [Theory]
    [InlineData("/rectification")]
    [InlineData("/sampling/failures")]
    [InlineData("/traceability/keys")]
    [InlineData("/operator")]
    public async Task An_operators_capture_key_opens_no_page(string page)
    {
        using var client = KeyClient(await IssueAsync("operator", ApiScopes.EpcisCapture, ApiScopes.EpcisQuery));
        var response = await client.GetAsync(page);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", LocalPath(response));
    }

    [Theory]
    [InlineData("/admin/users")]
    [InlineData("/admin/audit")]
    [InlineData("/admin/api-keys")]
    [InlineData("/businesses/export")]
    public async Task An_admins_read_key_opens_no_administration_page_or_export(string page)
    {
        using var client = KeyClient(await IssueAsync("admin", ApiScopes.OrganizationRead));
        var response = await client.GetAsync(page);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", LocalPath(response));
    }

    [Fact]
    public async Task A_key_cannot_mint_another_key()
    {
        using var client = KeyClient(await IssueAsync("admin", ApiScopes.OrganizationRead));
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShianDb>();
        var before = await db.ApiKeys.CountAsync();
        var adminId = await db.Users.Where(u => u.UserName == "admin").Select(u => u.Id).SingleAsync();
        var response = await client.PostAsync("/admin/api-keys?handler=Create", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.UserId"] = adminId.ToString(), ["Input.Name"] = "minted", ["Input.Scopes"] = ApiScopes.PlansRead,
        }));
        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(before, await db.ApiKeys.CountAsync());
    }

    [Fact]
    public async Task Each_api_endpoint_takes_only_the_scope_it_names()
    {
        using var organisation = KeyClient(await IssueAsync("office", ApiScopes.OrganizationRead));
        Assert.Equal(HttpStatusCode.OK, (await organisation.GetAsync("/api/organization/townships")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await organisation.GetAsync("/api/v1/plans")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await organisation.GetAsync("/api/calendar/add-working-days?start=2020-09-28&days=5")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await organisation.GetAsync("/api/me")).StatusCode); // any key may ask whose it is

        using var calendar = KeyClient(await IssueAsync("office", ApiScopes.CalendarRead));
        var deadline = await calendar.GetFromJsonAsync<JsonElement>("/api/calendar/add-working-days?start=2020-09-28&days=5");
        Assert.Equal("2020-10-12", deadline.GetProperty("result").GetString());
    }

    [Fact]
    public async Task Every_endpoint_that_takes_keys_names_its_scope()
    {
        using var client = factory.NewClient(); // starts the host
        var endpoints = factory.Services.GetServices<EndpointDataSource>().SelectMany(s => s.Endpoints).OfType<RouteEndpoint>().ToList();
        var api = endpoints.Where(e => e.RoutePattern.RawText is { } route
            && (route.TrimStart('/').StartsWith("api/", StringComparison.Ordinal) || route.TrimStart('/').StartsWith("epcis/", StringComparison.Ordinal))).ToList();
        Assert.True(api.Count >= 8, $"only {api.Count} API endpoints found");
        var unnamed = api.Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Authorization.IAllowAnonymous>() is null
                && e.Metadata.GetMetadata<ApiScopeMetadata>() is null)
            .Select(e => e.RoutePattern.RawText).ToList();
        Assert.True(unnamed.Count == 0, "API endpoints that name no scope: " + string.Join(", ", unnamed));
    }

    [Fact]
    public async Task A_lockout_by_wrong_passwords_leaves_the_accounts_keys_working()
    {
        var secret = await IssueAsync("operator", ApiScopes.EpcisQuery);
        using var stranger = factory.NewClient();
        for (var i = 0; i < 6; i++)
        {
            await stranger.PostFormAsync("/account/login", new() { ["Input.UserName"] = "operator", ["Input.Password"] = "Wrong#Passw0rd" });
        }
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var operatorUser = await scope.ServiceProvider.GetRequiredService<UserManager<ShianUser>>().FindByNameAsync("operator");
            Assert.True(operatorUser!.LockoutEnd > DateTimeOffset.UtcNow, "the interactive sign-in is locked");
        }
        using var client = KeyClient(secret);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/epcis/events")).StatusCode);

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ShianUser>>();
            await users.SetLockoutEndDateAsync((await users.FindByNameAsync("operator"))!, null);
        }
    }

    [Fact]
    public async Task A_disabled_accounts_keys_are_refused()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ShianUser>>();
        var user = new ShianUser { UserName = "keyowner-" + Guid.NewGuid().ToString("N")[..6], DisplayName = "停用测试", CreatedAt = DateTime.UtcNow };
        Assert.True((await users.CreateAsync(user, "Disable#Me2020")).Succeeded);
        await users.AddToRoleAsync(user, Roles.Office);
        var secret = await IssueAsync(user.UserName!, ApiScopes.OrganizationRead);
        using var client = KeyClient(secret);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/organization/townships")).StatusCode);

        await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue); // what the administrator's "disable" does
        var refused = await client.GetAsync("/api/organization/townships");
        var problem = await EpcisKit.ProblemAsync(refused, HttpStatusCode.Unauthorized);
        Assert.Contains("停用", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task The_lockout_answer_is_the_wrong_passwords_answer()
    {
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ShianUser>>();
            var user = new ShianUser { UserName = "lockmsg", DisplayName = "锁定测试", CreatedAt = DateTime.UtcNow };
            Assert.True((await users.CreateAsync(user, "Lock#Message2020")).Succeeded);
            await users.AddToRoleAsync(user, Roles.Inspector);
        }
        using var client = factory.NewClient();
        for (var i = 0; i < 5; i++)
        {
            await client.PostFormAsync("/account/login", new() { ["Input.UserName"] = "lockmsg", ["Input.Password"] = "Wrong#Passw0rd" });
        }
        var locked = await client.PostFormAsync("/account/login", new() { ["Input.UserName"] = "lockmsg", ["Input.Password"] = "Lock#Message2020" });
        var unknown = await client.PostFormAsync("/account/login", new() { ["Input.UserName"] = "nobody-here", ["Input.Password"] = "Wrong#Passw0rd" });
        Assert.Equal(ErrorOf(await unknown.Content.ReadAsStringAsync()), ErrorOf(await locked.Content.ReadAsStringAsync()));
        Assert.DoesNotContain("已被锁定", await locked.Content.ReadAsStringAsync());

        static string ErrorOf(string html) =>
            System.Text.RegularExpressions.Regex.Match(html, "validation-summary-errors[^>]*>\\s*<ul>\\s*<li>([^<]+)</li>").Groups[1].Value;
    }

    /// <summary>The operator of two businesses, and one more business the operator does not run.</summary>
    private async Task<(Guid First, string SecondCode, string StrangerCode)> TwoBusinessesAsync()
    {
        var first = await EpcisKit.OperatorBusinessAsync(factory);
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShianDb>();
        var operatorId = await db.Users.Where(u => u.UserName == Roles.Operator).Select(u => u.Id).SingleAsync();
        var others = await db.Businesses.Where(b => b.Id != first).OrderBy(b => b.CreditCode).Take(2).Select(b => new { b.Id, b.CreditCode }).ToListAsync();
        if (!await db.OperatorBusinesses.AnyAsync(o => o.UserId == operatorId && o.BusinessId == others[0].Id))
        {
            db.OperatorBusinesses.Add(new OperatorBusiness { UserId = operatorId, BusinessId = others[0].Id });
            await db.SaveChangesAsync();
        }
        return (first, others[0].CreditCode, others[1].CreditCode);
    }

    [Fact]
    public async Task A_key_bound_to_one_business_captures_for_it_without_naming_it_and_for_no_other()
    {
        var (first, secondCode, _) = await TwoBusinessesAsync();
        using var admin = await factory.SignedInAsync("admin");
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShianDb>();
        var operatorId = await db.Users.Where(u => u.UserName == Roles.Operator).Select(u => u.Id).SingleAsync();
        var firstCode = await db.Businesses.Where(b => b.Id == first).Select(b => b.CreditCode).SingleAsync();

        var created = await admin.PostFormAsync("/admin/api-keys", new()
        {
            ["Input.UserId"] = operatorId.ToString(), ["Input.Name"] = "bound-" + Guid.NewGuid().ToString("N")[..6],
            ["Input.Scopes"] = ApiScopes.EpcisCapture, ["Input.Business"] = firstCode,
        }, action: "/admin/api-keys?handler=Create");
        var secret = System.Text.RegularExpressions.Regex.Match(await created.Content.ReadAsStringAsync(), "data-testid=\"new-api-key\">(shian_[0-9a-f]{64})<").Groups[1].Value;
        Assert.True(ApiKey.IsWellFormed(secret), "the bound key is shown");

        using var unbound = KeyClient(await IssueAsync("operator", ApiScopes.EpcisCapture));
        var document = EpcisKit.Document(EpcisKit.Commission("urn:epc:class:lgtin:6901234.000016.BOUND1")).ToJsonString();
        // The account runs two businesses: an unbound key must name one, a bound key need not.
        await EpcisKit.ProblemAsync(await unbound.PostAsync("/epcis/capture", EpcisKit.Body(document)), HttpStatusCode.BadRequest);
        using var bound = KeyClient(secret);
        var job = await EpcisKit.CaptureOkAsync(bound, document);
        var stored = await db.CaptureJobs.AsNoTracking().SingleAsync(j => j.Id == Guid.Parse(job["captureID"]!.GetValue<string>()));
        Assert.Equal(first, stored.BusinessId);
        // Naming the account's other business does not widen the key.
        await EpcisKit.ProblemAsync(await bound.PostAsync($"/epcis/capture?business={secondCode}", EpcisKit.Body(document)), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_key_cannot_be_bound_to_a_business_its_account_does_not_run()
    {
        var (_, _, strangerCode) = await TwoBusinessesAsync();
        using var admin = await factory.SignedInAsync("admin");
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShianDb>();
        var operatorId = await db.Users.Where(u => u.UserName == Roles.Operator).Select(u => u.Id).SingleAsync();
        var before = await db.ApiKeys.CountAsync();
        var refused = await admin.PostFormAsync("/admin/api-keys", new()
        {
            ["Input.UserId"] = operatorId.ToString(), ["Input.Name"] = "stranger", ["Input.Scopes"] = ApiScopes.EpcisCapture, ["Input.Business"] = strangerCode,
        }, action: "/admin/api-keys?handler=Create");
        Assert.Contains($"“{strangerCode}”不是该账户经营的主体", await refused.Content.ReadAsStringAsync());
        Assert.Equal(before, await db.ApiKeys.CountAsync());
    }

    [Fact]
    public async Task An_operator_binds_a_key_to_one_of_its_businesses_on_its_own_page()
    {
        var (first, _, _) = await TwoBusinessesAsync();
        using var operatorClient = await factory.SignedInAsync("operator");
        var name = "own-bound-" + Guid.NewGuid().ToString("N")[..6];
        var created = await operatorClient.PostFormAsync("/traceability/keys", new()
        {
            ["Input.Name"] = name, ["Input.Scopes"] = ApiScopes.EpcisCapture, ["Input.Business"] = first.ToString(),
        }, action: "/traceability/keys?handler=Create");
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShianDb>();
        Assert.Equal(first, (await db.ApiKeys.SingleAsync(k => k.Name == name)).BusinessId);
    }
}

/// <summary>Each key has its own request budget (<c>RateLimits:ApiKeyPerMinute</c>), apart from the others'.</summary>
public sealed class ApiKeyRateLimitTests : IAsyncLifetime
{
    private readonly ShianWebFactory _factory = new() { Settings = { ["RateLimits:ApiKeyPerMinute"] = "3" } };

    public Task InitializeAsync() => _factory.InitializeAsync();

    public Task DisposeAsync() => ((IAsyncLifetime)_factory).DisposeAsync();

    [Fact]
    public async Task A_key_past_its_budget_is_told_to_wait_and_another_key_is_not()
    {
        var (first, _) = await EpcisKit.IssueAsync(_factory, "office", ApiScopes.OrganizationRead);
        var (second, _) = await EpcisKit.IssueAsync(_factory, "office", ApiScopes.OrganizationRead);
        using var a = EpcisKit.Client(_factory, first);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await a.GetAsync("/api/me")).StatusCode);
        }
        var refused = await a.GetAsync("/api/me");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        using var b = EpcisKit.Client(_factory, second);
        Assert.Equal(HttpStatusCode.OK, (await b.GetAsync("/api/me")).StatusCode);
    }
}
