using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Playwright;
using Shian.Web.Infrastructure;

namespace Shian.Browser.Tests;

/// <summary>
/// The platform on a real Kestrel port, on a fresh SQLite file with the demo district, and Debian's Chromium driven by
/// Playwright. Playwright's own browser download is never used.
/// </summary>
public sealed class BrowserFixture : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("shian-browser-").FullName;
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;
    public string BaseUrl { get; private set; } = "";

    public static string ChromiumPath => Environment.GetEnvironmentVariable("SHIAN_CHROMIUM") ?? "/usr/bin/chromium";

    /// <summary>Where screenshots go: $SHIAN_ARTIFACTS/screenshots, else artifacts/screenshots in the repository.</summary>
    public static string Screenshots
    {
        get
        {
            var root = Environment.GetEnvironmentVariable("SHIAN_ARTIFACTS") ?? Path.Combine(RepositoryRoot(), "artifacts");
            return Directory.CreateDirectory(Path.Combine(root, "screenshots")).FullName;
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("Database:ConnectionString", $"Data Source={Path.Combine(_folder, "shian.db")}");
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<StartupOptions>();
            services.AddSingleton(new StartupOptions(Demo: true));
        });
    }

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"Chromium is not installed at {ChromiumPath}: install the Debian package 'chromium' (scripts/test.sh does) or set SHIAN_CHROMIUM.");
        }
        UseKestrel(0);
        StartServer();
        BaseUrl = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>A fresh browser context (own cookies), optionally with a phone-sized viewport.</summary>
    public async Task<IPage> NewPageAsync(int width = 1280, int height = 900)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl, ViewportSize = new ViewportSize { Width = width, Height = height } });
        return await context.NewPageAsync();
    }

    /// <summary>A fresh context signed in as the user (phone-sized unless told otherwise).</summary>
    public async Task<IPage> SignInAsync(string user, string password, int width = 390, int height = 844)
    {
        var page = await NewPageAsync(width, height);
        await page.GotoAsync("/account/login");
        await page.GetByLabel("用户名").FillAsync(user);
        await page.GetByLabel("密码").FillAsync(password);
        await page.GetByTestId("login-submit").ClickAsync();
        await Assertions.Expect(page).Not.ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login"));
        return page;
    }

    /// <summary>Whether the page fits its viewport's width (no sideways scrolling on a phone).</summary>
    public static Task<bool> FitsAsync(IPage page) => page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth");

    async Task IAsyncLifetime.DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }
        _playwright?.Dispose();
        await DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Shian.slnx")))
            {
                return dir.FullName;
            }
        }
        return Directory.GetCurrentDirectory();
    }
}
