extern alias web;

using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Shian.Data;
using Shian.Demo;
using Shian.Inspections;
using Shian.Performance;
using Shian.Risk;
using StartupOptions = web::Shian.Web.Infrastructure.StartupOptions;

namespace Shian.Bench;

/// <summary>
/// <c>pages-at-size</c>: the office's pages over a large district's register. Starts the web host (in process, on a fresh
/// SQLite file under <c>SHIAN_BENCH_PAGES_DIR</c>, default <c>/tmp/shian-pages-at-size</c>) with the demo district and its
/// work, as <c>--demo</c> does; stores <c>SHIAN_BENCH_PAGES_BUSINESSES</c> (default 100,000) generated businesses with
/// their licences in bulk; grades them with the risk regrade and plans the year's inspections with the schedule
/// generation, as the nightly jobs do; then signs in as office and requests every page the navigation links to: one
/// request to warm the page, then <c>SHIAN_BENCH_PAGES_RUNS</c> (default 3) timed ones. Prints, per page, the status,
/// the median, and the most parameters any one SQL command of the page carried (an id list sent back to the database
/// shows as thousands). Target: every page 200 within 1 s. The CPU column is the process's CPU time over the request (the
/// host runs in this process), a figure that a loaded machine inflates less than the wall time.
/// </summary>
public static class PagesAtSize
{
    public static async Task RunAsync()
    {
        var folder = Environment.GetEnvironmentVariable("SHIAN_BENCH_PAGES_DIR") ?? "/tmp/shian-pages-at-size";
        var extra = int.TryParse(Environment.GetEnvironmentVariable("SHIAN_BENCH_PAGES_BUSINESSES"), out var n) ? n : 100_000;
        var runs = int.TryParse(Environment.GetEnvironmentVariable("SHIAN_BENCH_PAGES_RUNS"), out var r) ? r : 3;
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
        Directory.CreateDirectory(folder);
        var clock = Stopwatch.StartNew();
        Console.WriteLine($"load average at start: {LoadAverage()}");

        CommandCounter.Start();
        await using var host = new DemoHost(Path.Combine(folder, "shian.db"));
        using (var warm = host.CreateClient())
        {
            // Starting the host migrates the database and loads the demo district with its work.
        }
        Console.WriteLine($"demo district loaded: {clock.Elapsed.TotalSeconds:F0} s");

        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ShianDb>();
            var demoBusinesses = await db.Businesses.CountAsync();
            var townships = await db.Townships.AsNoTracking().OrderBy(t => t.Code).ToListAsync();
            var now = DateTime.UtcNow;
            var (businesses, licences) = DemoBusinesses.Generate(townships, extra, now, seed: 100_007);
            for (var i = 0; i < licences.Count; i++)
            {
                // The generator numbers by position, as it numbered the demo's own 3,000: made unique.
                licences[i].Number = $"D{i:000000}-{licences[i].Number}";
                licences[i].Id = Guid.CreateVersion7(); // SaveChanges would give it one; BulkInsert stores what it is given
            }
            var step = Stopwatch.StartNew();
            await using (var transaction = await db.Database.BeginTransactionAsync())
            {
                await BulkInsert.RunAsync(db, businesses);
                await BulkInsert.RunAsync(db, licences);
                await transaction.CommitAsync();
            }
            Console.WriteLine($"{extra:N0} businesses and {licences.Count:N0} licences stored on top of the demo's {demoBusinesses:N0}: {step.Elapsed.TotalSeconds:F0} s");
            step.Restart();
            var graded = await RiskRegrade.RunAsync(db, "bench", now);
            Console.WriteLine($"risk regrade: {graded.Graded:N0} graded, {graded.Changed:N0} changed: {step.Elapsed.TotalSeconds:F0} s");
            step.Restart();
            var planned = await InspectionSchedule.GenerateAsync(db, Shian.Common.ShianTime.LocalDate(now).Year, TimeProvider.System);
            Console.WriteLine($"inspection schedule: {planned:N0} visits planned: {step.Elapsed.TotalSeconds:F0} s");
        }

        using var office = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        await SignInAsync(office, "office", DemoSeeder.Password);
        var pages = await NavigationAsync(office);
        Console.WriteLine($"{pages.Count} pages in the office's navigation; load average before the requests: {LoadAverage()}");
        Console.WriteLine();
        Console.WriteLine("| page | status | median ms | slowest ms | median CPU ms | SQL commands | most parameters in one command |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var page in pages)
        {
            var statuses = new List<int>();
            var times = new List<double>();
            var cpu = new List<double>();
            var (commands, parameters) = (0, 0);
            for (var i = 0; i <= runs; i++)
            {
                CommandCounter.Reset();
                var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
                var watch = Stopwatch.StartNew();
                using var response = await office.GetAsync(page);
                await response.Content.ReadAsByteArrayAsync();
                watch.Stop();
                statuses.Add((int)response.StatusCode);
                (commands, parameters) = (Math.Max(commands, CommandCounter.Commands), Math.Max(parameters, CommandCounter.MostParameters));
                if (i > 0) // the first request warms the page (Razor, queries compiled)
                {
                    times.Add(watch.Elapsed.TotalMilliseconds);
                    cpu.Add((Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds);
                }
            }
            times.Sort();
            cpu.Sort();
            var status = string.Join("/", statuses.Distinct());
            Console.WriteLine($"| `{page}` | {status} | {times[times.Count / 2]:F0} | {times[^1]:F0} | {cpu[cpu.Count / 2]:F0} | {commands} | {parameters} |");
        }
        Console.WriteLine();
        Console.WriteLine($"load average at the end: {LoadAverage()}; whole run {clock.Elapsed.TotalMinutes:F1} min");
    }

    private static async Task SignInAsync(HttpClient client, string user, string password)
    {
        var form = await client.GetStringAsync("/account/login");
        var token = Regex.Match(form, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"");
        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.UserName"] = user, ["Input.Password"] = password, ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
        }));
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Signing in as {user} answered {(int)response.StatusCode}.");
        }
    }

    /// <summary>The pages the side navigation and the top bar link to (as the crawler test starts), without sign-out or language links.</summary>
    private static async Task<List<string>> NavigationAsync(HttpClient client)
    {
        var document = await new HtmlParser().ParseDocumentAsync(await client.GetStringAsync("/"));
        return document.QuerySelectorAll("#sidenav a[href], header.topbar a[href]")
            .Select(a => a.GetAttribute("href")!)
            .Where(href => href.StartsWith('/') && !href.StartsWith("//") && !href.Contains("logout", StringComparison.OrdinalIgnoreCase)
                && !href.Contains("culture", StringComparison.OrdinalIgnoreCase))
            .Prepend("/")
            .Distinct()
            .ToList();
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) + $" ({Environment.ProcessorCount} cores)" : "n/a";

    /// <summary>The web host of the tests (<c>WebApplicationFactory</c>) on a SQLite file, with the demo district and its work.</summary>
    private sealed class DemoHost(string path) : WebApplicationFactory<web::Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            builder.UseContentRoot(WebProjectFolder());
            builder.UseSetting("Database:Provider", "Sqlite");
            builder.UseSetting("Database:ConnectionString", $"Data Source={path}");
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
            builder.ConfigureServices(services =>
            {
                services.RemoveAll<StartupOptions>();
                services.AddSingleton(new StartupOptions(Demo: true, DemoWork: true));
            });
        }
    }

    /// <summary>src/Shian.Web of this checkout, where the host finds its views' static files and settings.</summary>
    private static string WebProjectFolder()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Shian.slnx")))
            {
                return Path.Combine(folder.FullName, "src", "Shian.Web");
            }
        }
        throw new InvalidOperationException("Run from a build inside the Shian checkout: Shian.slnx was not found above " + AppContext.BaseDirectory);
    }

    /// <summary>
    /// Counts the SQL commands of the request under way and the most parameters one of them carried, from EF Core's
    /// diagnostic events (every context of the process reports there; only one request runs at a time).
    /// </summary>
    private sealed class CommandCounter : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>
    {
        private static int _commands;
        private static int _mostParameters;
        private static readonly CommandCounter Instance = new();
        private static IDisposable? _subscription;

        public static int Commands => _commands;
        public static int MostParameters => _mostParameters;

        public static void Start() => _subscription ??= DiagnosticListener.AllListeners.Subscribe(Instance);

        public static void Reset() => (_commands, _mostParameters) = (0, 0);

        public void OnNext(DiagnosticListener listener)
        {
            if (listener.Name == DbLoggerCategory.Name)
            {
                listener.Subscribe(this);
            }
        }

        public void OnNext(KeyValuePair<string, object?> e)
        {
            if (e.Key == RelationalEventId.CommandExecuting.Name && e.Value is CommandEventData data)
            {
                Interlocked.Increment(ref _commands);
                int seen;
                while (data.Command.Parameters.Count > (seen = _mostParameters)
                       && Interlocked.CompareExchange(ref _mostParameters, data.Command.Parameters.Count, seen) != seen)
                {
                }
            }
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }
    }
}
