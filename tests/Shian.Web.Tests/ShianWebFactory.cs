using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Shian.Demo;
using Shian.Web.Infrastructure;

namespace Shian.Web.Tests;

/// <summary>
/// The real web host on a fresh database of the run's provider, with the demo district and accounts loaded.
/// One per test class (<c>IClassFixture</c>); dropped with its database afterwards.
/// </summary>
public class ShianWebFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    private TestDatabase? _database;

    /// <summary>The text messages the application sent (no gateway in tests).</summary>
    public RecordingSms Sms { get; } = new();

    public TestDatabase Database => _database ?? throw new InvalidOperationException("InitializeAsync has not run.");

    /// <summary>Set before the first client is created to start on an existing database instead of a fresh one.</summary>
    public TestDatabase? ExistingDatabase { get; init; }

    /// <summary>Settings applied after the test defaults (e.g. a low rate limit for the test that checks it).</summary>
    public Dictionary<string, string> Settings { get; init; } = [];

    public async Task InitializeAsync() => _database = ExistingDatabase ?? await TestDatabase.CreateAsync();

    /// <summary>The demo accounts and district; a subclass may ask for the demo's work too (businesses, a year of records).</summary>
    protected virtual StartupOptions Startup => new(Demo: true);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Database:Provider", Database.Settings.Provider.ToString());
        builder.UseSetting("Database:ConnectionString", Database.Settings.ConnectionString);
        // Many tests sign in from the same address within a minute; the limit itself is tested with its own factory.
        builder.UseSetting("RateLimits:SignInPerMinute", "10000");
        builder.UseSetting("RateLimits:PublicComplaintsPerMinute", "10000");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<StartupOptions>();
            services.AddSingleton(Startup);
            services.RemoveAll<Shian.Common.ISmsSender>();
            services.AddSingleton<Shian.Common.ISmsSender>(Sms);
        });
    }

    public HttpClient NewClient() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>A client signed in as a demo account.</summary>
    public async Task<HttpClient> SignedInAsync(string userName, string password = DemoSeeder.Password)
    {
        var client = NewClient();
        var response = await client.PostFormAsync("/account/login", new() { ["Input.UserName"] = userName, ["Input.Password"] = password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        if (_database is not null && ExistingDatabase is null)
        {
            await _database.DisposeAsync();
        }
    }
}

/// <summary>A text-message sender that keeps what it was asked to send.</summary>
public sealed class RecordingSms : Shian.Common.ISmsSender
{
    private readonly List<(string Phone, string Text)> _sent = [];

    public IReadOnlyList<(string Phone, string Text)> Sent
    {
        get
        {
            lock (_sent)
            {
                return _sent.ToList();
            }
        }
    }

    public Task SendAsync(string phone, string text, CancellationToken ct = default)
    {
        lock (_sent)
        {
            _sent.Add((phone, text));
        }
        return Task.CompletedTask;
    }
}

public static class FormPosts
{
    private static readonly Regex Token = new("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"", RegexOptions.Compiled);

    /// <summary>
    /// Posts a form as a browser would: first GETs <paramref name="page"/> for the antiforgery token (the client keeps the
    /// cookie), then posts the fields with the token.
    /// </summary>
    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string page, Dictionary<string, string> fields, string? action = null)
    {
        var html = await client.GetStringAsync(page);
        var token = Token.Match(html);
        Assert.True(token.Success, $"no antiforgery token on {page}");
        fields["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value);
        return await client.PostAsync(action ?? page, new FormUrlEncodedContent(fields));
    }

    /// <summary>As <see cref="PostFormAsync"/>, for forms that post one name several times (ticked checkboxes).</summary>
    public static async Task<HttpResponseMessage> PostFieldsAsync(this HttpClient client, string page, IEnumerable<(string Name, string Value)> fields, string? action = null)
    {
        var html = await client.GetStringAsync(page);
        var token = Token.Match(html);
        Assert.True(token.Success, $"no antiforgery token on {page}");
        var pairs = fields.Select(f => KeyValuePair.Create(f.Name, f.Value)).Append(KeyValuePair.Create("__RequestVerificationToken", WebUtility.HtmlDecode(token.Groups[1].Value)));
        return await client.PostAsync(action ?? page, new FormUrlEncodedContent(pairs));
    }

    /// <summary>As <see cref="PostFormAsync"/>, as multipart/form-data with files (name, file name, bytes).</summary>
    public static async Task<HttpResponseMessage> PostFilesAsync(this HttpClient client, string page, Dictionary<string, string> fields,
        IEnumerable<(string Field, string FileName, byte[] Content)> files, string? action = null)
    {
        var html = await client.GetStringAsync(page);
        var token = Token.Match(html);
        Assert.True(token.Success, $"no antiforgery token on {page}");
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(WebUtility.HtmlDecode(token.Groups[1].Value)), "__RequestVerificationToken");
        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value), name);
        }
        foreach (var (field, fileName, content) in files)
        {
            form.Add(new ByteArrayContent(content), field, fileName);
        }
        return await client.PostAsync(action ?? page, form);
    }
}
