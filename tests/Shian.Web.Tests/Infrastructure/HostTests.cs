using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shian.Data;

namespace Shian.Web.Tests.Infrastructure;

/// <summary>What every deployment answers: health, API documents, headers, language, errors.</summary>
public sealed class HostTests(ShianWebFactory factory) : IClassFixture<ShianWebFactory>
{
    [Fact]
    public async Task Health_endpoints_answer_anonymously()
    {
        using var client = factory.NewClient();
        Assert.Equal("Healthy", await client.GetStringAsync("/health/live"));
        Assert.Equal("Healthy", await client.GetStringAsync("/health/ready"));
    }

    [Fact]
    public async Task The_openapi_document_describes_the_api_and_scalar_serves_it()
    {
        using var client = factory.NewClient();
        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = document.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/me", out _));
        Assert.True(paths.TryGetProperty("/api/organization/townships", out _));
        Assert.False(paths.TryGetProperty("/culture", out _));
        var scalar = await client.GetAsync("/scalar/v1");
        Assert.Equal(HttpStatusCode.OK, scalar.StatusCode);
        Assert.Contains("scalar", await scalar.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/account/login")]
    [InlineData("/health/live")]
    [InlineData("/api/me")]
    public async Task Every_response_carries_the_security_headers(string path)
    {
        using var client = factory.NewClient();
        var response = await client.GetAsync(path);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("default-src 'self'", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
    }

    [Fact]
    public async Task A_form_post_without_the_antiforgery_token_is_rejected_and_changes_nothing()
    {
        using var client = await factory.SignedInAsync("admin");
        var response = await client.PostAsync("/admin/townships/edit", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Code"] = "120119999", ["Input.Name"] = "伪造镇", ["Input.Kind"] = "镇",
        }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await using var scope = factory.Services.CreateAsyncScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<ShianDb>().Townships.AnyAsync(t => t.Code == "120119999"));

        var culture = await client.PostAsync("/culture", new FormUrlEncodedContent(new Dictionary<string, string> { ["culture"] = "en" }));
        Assert.Equal(HttpStatusCode.BadRequest, culture.StatusCode);
    }

    [Fact]
    public async Task Chinese_is_the_default_and_english_is_kept_once_chosen()
    {
        using var client = factory.NewClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-US");
        Assert.Contains("<h1>登录</h1>", await client.GetStringAsync("/account/login"));

        var switched = await client.PostFormAsync("/account/login", new() { ["culture"] = "en", ["returnUrl"] = "/account/login" }, action: "/culture");
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Equal("/account/login", switched.Headers.Location!.OriginalString);
        Assert.Contains("<h1>Sign in</h1>", await client.GetStringAsync("/account/login"));

        var offsite = await client.PostFormAsync("/account/login", new() { ["culture"] = "zh-Hans", ["returnUrl"] = "//evil.example/" }, action: "/culture");
        Assert.Equal("/", offsite.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("/\\evil.example/")]
    [InlineData("/\\/evil.example/")]
    [InlineData("https://evil.example/")]
    [InlineData("/ok\r\nLocation: https://evil.example/")]
    public async Task The_language_switch_never_leaves_the_site_and_never_fails(string returnUrl)
    {
        using var client = factory.NewClient();
        var response = await client.PostFormAsync("/account/login", new() { ["culture"] = "en", ["returnUrl"] = returnUrl }, action: "/culture");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task The_language_switch_without_a_form_token_or_a_form_is_a_bad_request()
    {
        using var anonymous = factory.NewClient();
        var noToken = await anonymous.PostAsync("/culture", new FormUrlEncodedContent(new Dictionary<string, string> { ["culture"] = "en", ["returnUrl"] = "/" }));
        Assert.Equal(HttpStatusCode.BadRequest, noToken.StatusCode);
        var noForm = await anonymous.PostAsync("/culture", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, noForm.StatusCode);
        var badCulture = await anonymous.PostFormAsync("/account/login", new() { ["culture"] = "xx" }, action: "/culture");
        Assert.Equal(HttpStatusCode.BadRequest, badCulture.StatusCode);
    }

    [Fact]
    public async Task Unknown_pages_get_a_page_and_unknown_api_paths_a_problem_document()
    {
        using var client = await factory.SignedInAsync("office");
        var page = await client.GetAsync("/no-such-page");
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Contains("页面不存在", await page.Content.ReadAsStringAsync());

        var api = await client.GetAsync("/api/no-such-thing");
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Calendar_api_computes_deadlines_and_names_bad_parameters()
    {
        using var client = await factory.SignedInAsync("inspector");
        var deadline = await client.GetFromJsonAsync<JsonElement>("/api/calendar/add-working-days?start=2020-09-28&days=5");
        Assert.Equal("2020-10-12", deadline.GetProperty("result").GetString());
        Assert.True(deadline.GetProperty("yearsCovered").GetBoolean());

        var bad = await client.GetAsync("/api/calendar/add-working-days?days=99999");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problem = await bad.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("start", out _));
        Assert.True(problem.GetProperty("errors").TryGetProperty("days", out _));
    }
}

/// <summary>A database created without the demo has no jurisdiction yet: pages still render, under the default name.</summary>
public sealed class EmptyDatabaseTests : IAsyncLifetime
{
    private sealed class EmptyFactory : ShianWebFactory
    {
        protected override Shian.Web.Infrastructure.StartupOptions Startup => new(Demo: false);
    }

    private readonly EmptyFactory _factory = new();

    public Task InitializeAsync() => _factory.InitializeAsync();

    public Task DisposeAsync() => ((IAsyncLifetime)_factory).DisposeAsync();

    [Fact]
    public async Task The_sign_in_page_renders_with_the_default_platform_name()
    {
        using var client = _factory.NewClient();
        var response = await client.GetAsync("/account/login");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("食安监管平台", await response.Content.ReadAsStringAsync());
    }
}
