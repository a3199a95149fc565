using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shian.Data;

namespace Shian.Web.Tests.Infrastructure;

/// <summary>
/// Behind a reverse proxy (a real Kestrel port, the proxy being this machine): the client's address and scheme are
/// taken from X-Forwarded-* only when the proxy is configured, so that HTTPS redirection, Secure cookies and the
/// per-client sign-in limit see the real client; the data-protection key ring is shared through the database.
/// </summary>
public sealed class ForwardedHeadersTests
{
    private const string Client1 = "203.0.113.9";
    private const string Client2 = "203.0.113.10";

    private static async Task<(ShianWebFactory Factory, HttpClient Client)> StartAsync(Dictionary<string, string> settings, TestDatabase? existing = null)
    {
        var factory = new ShianWebFactory { Settings = settings, ExistingDatabase = existing };
        await factory.InitializeAsync();
        factory.UseKestrel(0);
        factory.StartServer();
        var address = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()
            .Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal);
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = new Uri(address) };
        return (factory, client);
    }

    private static async Task StopAsync(ShianWebFactory factory, HttpClient client)
    {
        client.Dispose();
        await ((IAsyncLifetime)factory).DisposeAsync();
    }

    private static HttpRequestMessage Get(string path, string forwardedFor, string forwardedProto)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        request.Headers.Add("X-Forwarded-Proto", forwardedProto);
        return request;
    }

    private static IEnumerable<string> SetCookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [];

    [Fact]
    public async Task From_a_configured_proxy_the_client_is_the_forwarded_one()
    {
        var (factory, client) = await StartAsync(new()
        {
            ["ForwardedHeaders:KnownProxies"] = "127.0.0.1,::1,::ffff:127.0.0.1",
            ["RateLimits:SignInPerMinute"] = "2",
        });
        try
        {
            // A remote client that came over plain HTTP is sent to HTTPS.
            var plain = await client.SendAsync(Get("/", Client1, "http"));
            Assert.True(plain.StatusCode is HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect or HttpStatusCode.Redirect,
                $"expected a redirect to https, got {(int)plain.StatusCode}");
            Assert.StartsWith("https://", plain.Headers.Location!.OriginalString);

            // Over HTTPS (as the proxy says) the form-token cookie is Secure.
            var secure = await client.SendAsync(Get("/account/login", Client1, "https"));
            Assert.Equal(HttpStatusCode.OK, secure.StatusCode);
            var csrf = SetCookies(secure).Single(c => c.StartsWith("shian.csrf=", StringComparison.Ordinal));
            Assert.Contains("secure", csrf, StringComparison.OrdinalIgnoreCase);

            // Each client has its own sign-in budget: the second client is not refused for the first one's attempts.
            Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(Get("/account/login", Client1, "https"))).StatusCode);
            Assert.Equal(HttpStatusCode.TooManyRequests, (await client.SendAsync(Get("/account/login", Client1, "https"))).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(Get("/account/login", Client2, "https"))).StatusCode);
        }
        finally
        {
            await StopAsync(factory, client);
        }
    }

    [Fact]
    public async Task Without_a_configured_proxy_the_headers_are_ignored()
    {
        var (factory, client) = await StartAsync(new() { ["RateLimits:SignInPerMinute"] = "2" });
        try
        {
            // The connection is local and plain HTTP whatever the headers claim: no redirect, no Secure cookie.
            var response = await client.SendAsync(Get("/account/login", Client1, "https"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.DoesNotContain("secure", SetCookies(response).Single(c => c.StartsWith("shian.csrf=", StringComparison.Ordinal)), StringComparison.OrdinalIgnoreCase);
            // And a claimed address buys no fresh sign-in budget.
            Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(Get("/account/login", Client1, "https"))).StatusCode);
            Assert.Equal(HttpStatusCode.TooManyRequests, (await client.SendAsync(Get("/account/login", Client2, "https"))).StatusCode);
        }
        finally
        {
            await StopAsync(factory, client);
        }
    }

    [Fact]
    public async Task Two_servers_on_one_database_share_the_key_ring()
    {
        var (first, firstClient) = await StartAsync([]);
        var (second, secondClient) = (default(ShianWebFactory), default(HttpClient));
        try
        {
            var login = await firstClient.GetAsync("/account/login");
            var html = await login.Content.ReadAsStringAsync();
            var token = WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value);
            var csrf = SetCookies(login).Single(c => c.StartsWith("shian.csrf=", StringComparison.Ordinal)).Split(';')[0];
            var post = new HttpRequestMessage(HttpMethod.Post, "/account/login")
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["Input.UserName"] = "office", ["Input.Password"] = Shian.Demo.DemoSeeder.Password, ["__RequestVerificationToken"] = token,
                }),
            };
            post.Headers.Add("Cookie", csrf);
            var signedIn = await firstClient.SendAsync(post);
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
            var auth = SetCookies(signedIn).Single(c => c.StartsWith("shian.auth=", StringComparison.Ordinal)).Split(';')[0];

            await using (var scope = first.Services.CreateAsyncScope())
            {
                Assert.True(await scope.ServiceProvider.GetRequiredService<ShianDb>().DataProtectionKeys.AnyAsync(), "the key ring is in the database");
            }

            (second, secondClient) = await StartAsync([], first.Database);
            var workbench = new HttpRequestMessage(HttpMethod.Get, "/workbench");
            workbench.Headers.Add("Cookie", auth);
            Assert.Equal(HttpStatusCode.OK, (await secondClient.SendAsync(workbench)).StatusCode);
        }
        finally
        {
            if (second is not null)
            {
                await StopAsync(second, secondClient!);
            }
            await StopAsync(first, firstClient);
        }
    }
}
