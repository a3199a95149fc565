using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shian.Accounts;
using Shian.Data;

namespace Shian.Web.Tests.Accounts;

/// <summary>Machine access with <c>Authorization: Bearer</c>: accepted with the right scope, refused with a reason otherwise.</summary>
public sealed class ApiKeyTests(ShianWebFactory factory) : IClassFixture<ShianWebFactory>
{
    private async Task<(string Secret, Guid Id)> IssueAsync(string user, params string[] scopes)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShianDb>();
        var owner = await db.Users.SingleAsync(u => u.UserName == user);
        var (key, secret) = ApiKey.Create(owner.Id, "test-" + Guid.NewGuid().ToString("N")[..8], scopes, DateTime.UtcNow);
        db.ApiKeys.Add(key);
        await db.SaveChangesAsync();
        return (secret, key.Id);
    }

    private HttpClient ClientWith(string authorization)
    {
        var client = factory.NewClient();
        client.DefaultRequestHeaders.Authorization = AuthenticationHeaderValue.Parse(authorization);
        return client;
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task A_scoped_key_reads_the_organisation()
    {
        var (secret, _) = await IssueAsync("office", ApiScopes.OrganizationRead);
        using var client = ClientWith("Bearer " + secret);
        var townships = await client.GetFromJsonAsync<JsonElement>("/api/organization/townships");
        Assert.Equal(28, townships.GetArrayLength());
        Assert.Contains(townships.EnumerateArray(), t => t.GetProperty("name").GetString() == "文昌街道");

        var me = await client.GetFromJsonAsync<JsonElement>("/api/me");
        Assert.Equal("office", me.GetProperty("userName").GetString());
        Assert.Equal("Jurisdiction", me.GetProperty("accessLevel").GetString());
    }

    [Fact]
    public async Task A_malformed_key_is_refused_with_a_problem_document()
    {
        using var client = ClientWith("Bearer not-a-key");
        var problem = await ProblemAsync(await client.GetAsync("/api/me"), HttpStatusCode.Unauthorized);
        Assert.Equal(("未认证", "API 密钥格式不正确"), (problem.GetProperty("title").GetString(), problem.GetProperty("detail").GetString()));
        // In the request's language, one language at a time.
        var english = await ProblemAsync(await client.GetAsync("/api/me?culture=en"), HttpStatusCode.Unauthorized);
        Assert.Equal(("Unauthorized", "The API key is malformed."), (english.GetProperty("title").GetString(), english.GetProperty("detail").GetString()));
    }

    [Fact]
    public async Task An_unknown_key_is_refused()
    {
        using var client = ClientWith("Bearer " + ApiKey.KeyPrefix + new string('a', 64));
        var problem = await ProblemAsync(await client.GetAsync("/api/me"), HttpStatusCode.Unauthorized);
        Assert.Contains("无效", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_revoked_key_is_refused_and_says_so()
    {
        var (secret, id) = await IssueAsync("office", ApiScopes.OrganizationRead);
        using var client = ClientWith("Bearer " + secret);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/me")).StatusCode);

        using var admin = await factory.SignedInAsync("admin");
        var revoked = await admin.PostFormAsync("/admin/api-keys", new(), action: $"/admin/api-keys?handler=Revoke&keyId={id}");
        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);

        var problem = await ProblemAsync(await client.GetAsync("/api/me"), HttpStatusCode.Unauthorized);
        Assert.Contains("吊销", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_key_without_the_scope_is_forbidden()
    {
        var (secret, _) = await IssueAsync("office", ApiScopes.EpcisQuery);
        using var client = ClientWith("Bearer " + secret);
        await ProblemAsync(await client.GetAsync("/api/organization/units"), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_key_acts_with_its_owners_role_only()
    {
        var (secret, _) = await IssueAsync("operator", ApiScopes.OrganizationRead);
        using var client = ClientWith("Bearer " + secret);
        await ProblemAsync(await client.GetAsync("/api/organization/townships"), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_admin_page_shows_a_new_key_once_and_stores_only_its_hash()
    {
        using var admin = await factory.SignedInAsync("admin");
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShianDb>();
        var operatorId = await db.Users.Where(u => u.UserName == "operator").Select(u => u.Id).SingleAsync();
        var response = await admin.PostFormAsync("/admin/api-keys", new()
        {
            ["Input.UserId"] = operatorId.ToString(), ["Input.Name"] = "erp-sync", ["Input.Scopes"] = ApiScopes.EpcisCapture,
        }, action: "/admin/api-keys?handler=Create");
        var html = await response.Content.ReadAsStringAsync();
        var secret = System.Text.RegularExpressions.Regex.Match(html, "data-testid=\"new-api-key\">(shian_[0-9a-f]{64})<").Groups[1].Value;
        Assert.True(ApiKey.IsWellFormed(secret), "the new key is shown");
        var stored = await db.ApiKeys.SingleAsync(k => k.Name == "erp-sync");
        Assert.Equal(ApiKey.HashOf(secret), stored.Hash);
        Assert.DoesNotContain(secret, await admin.GetStringAsync("/admin/api-keys"));

        var noScope = await admin.PostFormAsync("/admin/api-keys", new() { ["Input.UserId"] = operatorId.ToString(), ["Input.Name"] = "x" }, action: "/admin/api-keys?handler=Create");
        Assert.Contains("请至少选择一项权限范围", await noScope.Content.ReadAsStringAsync());
    }
}
