using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shian.Accounts;
using Shian.Data;

namespace Shian.Web.Tests.Plans;

/// <summary>/api/v1 answers with plans and tasks, scoped by the caller's unit, and documents itself in OpenAPI.</summary>
public sealed class PlansApiTests(ShianWebFactory factory) : IClassFixture<ShianWebFactory>
{
    private async Task<(Guid PlanId, HttpClient Client)> ClientAsync(string user, params string[] scopes)
    {
        var planId = await SeedPlan.EnsureAsync(factory);
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShianDb>();
        var owner = await db.Users.SingleAsync(u => u.UserName == user);
        var (key, secret) = ApiKey.Create(owner.Id, "api-" + Guid.NewGuid().ToString("N")[..6], scopes, DateTime.UtcNow);
        db.ApiKeys.Add(key);
        await db.SaveChangesAsync();
        var client = factory.NewClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return (planId, client);
    }

    [Fact]
    public async Task The_office_sees_every_task_and_a_department_only_its_own()
    {
        var (planId, office) = await ClientAsync("office", ApiScopes.PlansRead);
        var plans = await office.GetFromJsonAsync<JsonElement>("/api/v1/plans");
        Assert.Equal("蓟州区2020年食品安全监督管理计划", plans[0].GetProperty("title").GetString());
        var all = await office.GetFromJsonAsync<JsonElement>($"/api/v1/plans/{planId}/tasks");
        Assert.Equal(22, all.GetArrayLength());
        var sampling = all.EnumerateArray().Single(t => t.GetProperty("number").GetInt32() == 15);
        Assert.Equal("responsible", sampling.GetProperty("responsibilities")[0].GetProperty("role").GetString());
        Assert.Equal("sampling.batches_per_1000", sampling.GetProperty("indicators")[0].GetProperty("metric").GetString());
        Assert.Equal(4m, sampling.GetProperty("indicators")[0].GetProperty("value").GetDecimal());

        var (_, department) = await ClientAsync("department", ApiScopes.PlansRead);
        var own = await department.GetFromJsonAsync<JsonElement>($"/api/v1/plans/{planId}/tasks");
        Assert.Equal(15, own.GetArrayLength());
        Assert.All(own.EnumerateArray(), t => Assert.Contains(t.GetProperty("responsibilities").EnumerateArray(), r => r.GetProperty("unit").GetString() == "区市场监管局"));

        var forestryTask = all.EnumerateArray().Single(t => t.GetProperty("number").GetInt32() == 14).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.NotFound, (await department.GetAsync($"/api/v1/tasks/{forestryTask}/reports")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await office.GetAsync($"/api/v1/tasks/{forestryTask}/reports")).StatusCode);
    }

    [Fact]
    public async Task Keys_need_the_plans_scope_and_unknown_plans_are_404()
    {
        var (_, unscoped) = await ClientAsync("office", ApiScopes.OrganizationRead);
        Assert.Equal(HttpStatusCode.Forbidden, (await unscoped.GetAsync("/api/v1/plans")).StatusCode);
        var (_, office) = await ClientAsync("office", ApiScopes.PlansRead);
        var missing = await office.GetAsync($"/api/v1/plans/{Guid.NewGuid()}/tasks");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);

        using var anonymous = factory.NewClient();
        var document = await anonymous.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        Assert.True(document.GetProperty("paths").TryGetProperty("/api/v1/plans/{id}/tasks", out _));
    }
}
