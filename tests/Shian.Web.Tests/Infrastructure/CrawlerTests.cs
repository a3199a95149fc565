using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Shian.Data;
using Shian.Tests.Sampling;
using Shian.Web.Infrastructure;
using Xunit.Abstractions;

namespace Shian.Web.Tests.Infrastructure;

/// <summary>
/// Each demo role signs in and follows what it can click: the navigation, then the first rows of every list, two levels
/// deep. Every page answers below 500, shows no raw resource key, and shows no record outside the role's scope. And no
/// GET changes the database: every table of the model has as many rows after the crawls as before, and the audit chain
/// grew only by the one receipt allowed, a notice marked read by its addressee. A new page joins this test by being linked
/// from the navigation or from a list.
/// </summary>
public sealed partial class CrawlerTests(CrawlerTests.DemoDistrictFactory factory, ITestOutputHelper output) : IClassFixture<CrawlerTests.DemoDistrictFactory>
{
    /// <summary>The demo district with its work (3,000 businesses, a year of inspections, samples, orders), as `--demo` starts it.</summary>
    public sealed class DemoDistrictFactory : ShianWebFactory
    {
        protected override Shian.Web.Infrastructure.StartupOptions Startup => new(Demo: true, DemoWork: true);
    }

    /// <summary>Levels followed below the start pages (<c>/</c> and the navigation).</summary>
    private const int MaxDepth = 2;

    /// <summary>Links of one path pattern (<c>/businesses/{x}</c>) followed from one page: the first rows of a list.</summary>
    private const int LinksPerPatternPerPage = 3;

    /// <summary>Instances of one path pattern a role fetches in all, so a crawl stays at a few hundred requests.</summary>
    private const int InstancesPerPattern = 5;

    /// <summary>A guard against a crawl that runs away (a link that makes new links forever).</summary>
    private const int MaxRequestsPerRole = 800;

    /// <summary>
    /// Failures known today, each with a comment naming the work that fixes it: (role, path pattern without its query,
    /// kind). Empty when every role's crawl is clean. A listed failure that no longer happens fails the test, so the set
    /// cannot go stale.
    /// </summary>
    private static readonly HashSet<(string Role, string Path, string Kind)> KnownFailures = [];

    private static class Kinds
    {
        public const string ServerError = "5xx";
        public const string RawKey = "raw resource key";
        public const string Scope = "out of scope";
    }

    private static readonly string[] Roles = ["admin", "office", "department", "township", "inspector", "insp120119001-1", "lab", "operator"];

    [Fact]
    public async Task Every_role_reaches_only_working_pages_within_its_scope()
    {
        var clock = Stopwatch.StartNew();
        using var warmUp = factory.NewClient(); // starts the host and loads the demo district before the clock of any crawl
        output.WriteLine($"host with the demo district: {clock.Elapsed.TotalSeconds:F1} s");
        await AddOldFailedSampleAsync();

        // Signing in writes (security stamps, lockout counters): every role signs in before the database is read. Then the
        // roles crawl side by side, each on its own client; what changed is told apart by the audit rows' actors.
        var clients = await Task.WhenAll(Roles.Select(async role => (Role: role, Client: await factory.SignedInAsync(role))));
        var before = await DatabaseState.TakeAsync(factory.Services);
        var crawls = await Task.WhenAll(clients.Select(c => CrawlAsync(c.Role, c.Client)));
        var after = await DatabaseState.TakeAsync(factory.Services);
        foreach (var (_, client) in clients)
        {
            client.Dispose();
        }

        var report = new List<string>();
        report.AddRange(await DatabaseState.WritesBetweenAsync(factory.Services, before, after, output));
        // Every key any page, problem or export asked for is in the resource files (a missing one renders as the key).
        report.AddRange(factory.Services.GetRequiredService<MissingResources>().Keys.Select(k => $"resource key {k} is missing from SharedResource.resx"));
        foreach (var (role, crawl, elapsed) in crawls)
        {
            var unexpected = crawl.Failures.Where(f => !KnownFailures.Contains((role, f.Path, f.Kind))).ToList();
            // A known failure is stale when its pages were reached and none failed that way any more.
            var stale = KnownFailures
                .Where(k => k.Role == role && crawl.VisitedPaths.Contains(k.Path) && !crawl.Failures.Any(f => f.Path == k.Path && f.Kind == k.Kind))
                .ToList();
            output.WriteLine($"{role}: {crawl.Requests} requests, {crawl.Failures.Count} failures ({crawl.Failures.Count - unexpected.Count} known), {elapsed.TotalSeconds:F1} s");
            if (crawl.RecordsChecked.Count > 0)
            {
                output.WriteLine("  scope checked on " + string.Join(", ", crawl.RecordsChecked.Select(r => $"{r.Value} {r.Key}")));
            }
            foreach (var known in crawl.Failures.Except(unexpected))
            {
                output.WriteLine($"  known {known}");
            }
            foreach (var (url, referrer) in crawl.NotFound)
            {
                output.WriteLine($"  404 {url} (from {referrer})");
            }
            if (crawl.Requests < 20)
            {
                report.Add($"{role}: reached only {crawl.Requests} pages: did the sign-in or the navigation break?");
            }
            report.AddRange(unexpected.Select(f => $"{role}: {f}"));
            report.AddRange(stale.Select(k => $"{role}: {k.Kind} on {k.Path} is listed in KnownFailures but no longer happens: delete the entry"));
        }
        output.WriteLine($"all roles: {clock.Elapsed.TotalSeconds:F1} s");
        Assert.True(report.Count == 0, $"{report.Count} failures\n" + string.Join("\n", report));
    }

    private async Task<(string Role, Crawl Crawl, TimeSpan Elapsed)> CrawlAsync(string role, HttpClient client)
    {
        var clock = Stopwatch.StartNew();
        var scope = await RoleScope.LoadAsync(factory, role);
        var crawl = new Crawl(client, scope, factory.Services);
        await crawl.RunAsync();
        return (role, crawl, clock.Elapsed);
    }

    [Theory]
    [InlineData("Sampling.Kind.Supervision", true)]
    [InlineData("类型：Sampling.Kind.RiskMonitoring", true)]
    [InlineData("Report.State.accepted", true)]
    [InlineData("共Sampling.Kind.Supervision条", true)]
    [InlineData("Nav.Samples", true)]
    [InlineData("2026-监督抽检.xlsx", false)]
    [InlineData("report.Final.pdf", false)]
    [InlineData("https://shian.example.gov.cn/Public/Trace.Page", false)]
    [InlineData("urn:epc:id:sgtin:0614141.107346.2017", false)]
    [InlineData("/01/06901234000016/10/HG20261101", false)]
    [InlineData("ASP.NET Core · EPCIS 2.0 · GB 2762.2017", false)]
    [InlineData("user@Mail.Example.Com", false)]
    public void The_raw_key_pattern_finds_keys_and_leaves_ordinary_text(string text, bool isKey) =>
        Assert.Equal(isKey, RawResourceKey().IsMatch(text));

    /// <summary>
    /// Old data: a failed sample of the demo operator's business reported before a report opened its case, and submitted
    /// before forms had tokens. The failures list, the operator's home and the print page must leave it as it is (the
    /// backfill is <c>shian sampling open-failure-cases</c> / <c>public-tokens</c>).
    /// </summary>
    private async Task AddOldFailedSampleAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShianDb>();
        var business = await db.OperatorBusinesses.Where(o => db.Users.Any(u => u.Id == o.UserId && u.UserName == "operator"))
            .Join(db.Businesses, o => o.BusinessId, b => b.Id, (_, b) => b).OrderBy(b => b.Name).FirstAsync();
        var lab = await db.Units.Where(u => u.Kind == Shian.Organization.UnitKind.Laboratory).OrderBy(u => u.Name).Select(u => u.Id).FirstAsync();
        var unit = await db.Units.Where(u => u.Kind == Shian.Organization.UnitKind.Department).OrderBy(u => u.Name).Select(u => u.Id).FirstAsync();
        var today = Shian.Common.ShianTime.LocalDate(DateTime.UtcNow);
        var sample = new SampleBuilder(new Shian.Sampling.Sample
        {
            Number = $"JZ-{today.Year}-990001", TaskSource = "监督抽检", BusinessId = business.Id, TownshipId = business.TownshipId, BusinessName = business.Name,
            BusinessAddress = business.Address, FoodCategoryCode = "103", SampleName = "酱卤肉", Specification = "散装", BatchNumber = "B1", ShelfLife = "3天",
            QuantityTaken = 4, BackupQuantity = 2, QuantityUnit = "份", SampledOn = today.AddDays(-15), SamplingUnitId = unit, LaboratoryId = lab,
            Sampler1 = "甲", Sampler2 = "乙", OperatorConfirmed = true, SignerName = "丙", CreatedAt = DateTime.UtcNow, CreatedBy = "old",
        }).Reported(today.AddDays(-1), [new() { Name = "苯甲酸及其钠盐（以苯甲酸计）", Value = "1.2", Unit = "g/kg", Limit = "不得使用", Judgement = Shian.Sampling.ItemJudgement.Fail }]).Sample;
        SampleBuilder.AddTo(db, sample);
        await db.SaveChangesAsync();
    }

    /// <summary>
    /// The row count of every table of the <see cref="ShianDb"/> model (one <c>SELECT COUNT(*)</c> per table, the same on
    /// SQLite and PostgreSQL) and the audit chain's last sequence number.
    /// </summary>
    private sealed record DatabaseState(IReadOnlyDictionary<string, long> Rows, long LastAudit)
    {
        public static async Task<DatabaseState> TakeAsync(IServiceProvider services)
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ShianDb>();
            var sql = db.GetService<ISqlGenerationHelper>();
            var tables = db.Model.GetEntityTypes()
                .Where(e => e.GetTableName() is not null)
                .Select(e => sql.DelimitIdentifier(e.GetTableName()!, e.GetSchema()))
                .Distinct().Order(StringComparer.Ordinal).ToList();
            var rows = new Dictionary<string, long>();
            await db.Database.OpenConnectionAsync();
            try
            {
                await using var command = db.Database.GetDbConnection().CreateCommand();
                foreach (var table in tables)
                {
                    command.CommandText = $"SELECT COUNT(*) FROM {table}";
                    rows[table] = Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
                }
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
            var last = await db.AuditEntries.MaxAsync(a => (long?)a.Sequence) ?? 0;
            return new DatabaseState(rows, last);
        }

        /// <summary>
        /// What the GETs between two states wrote, one line per problem: tables whose row count changed, and audit rows
        /// other than a notice's read stamp set by a user it is addressed to (an operator of its business, a user of its unit).
        /// </summary>
        public static async Task<IReadOnlyList<string>> WritesBetweenAsync(IServiceProvider services, DatabaseState before, DatabaseState after, ITestOutputHelper output)
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ShianDb>();
            var entries = await db.AuditEntries.AsNoTracking().Where(a => a.Sequence > before.LastAudit && a.Sequence <= after.LastAudit).OrderBy(a => a.Sequence).ToListAsync();
            var receipts = new List<Shian.Audit.AuditEntry>();
            var writes = new List<Shian.Audit.AuditEntry>();
            foreach (var entry in entries)
            {
                (await IsReadReceiptAsync(db, entry) ? receipts : writes).Add(entry);
            }
            var auditTable = db.GetService<ISqlGenerationHelper>().DelimitIdentifier(db.Model.FindEntityType(typeof(Shian.Audit.AuditEntry))!.GetTableName()!,
                db.Model.FindEntityType(typeof(Shian.Audit.AuditEntry))!.GetSchema());
            var problems = new List<string>();
            foreach (var (table, count) in after.Rows)
            {
                var was = before.Rows.GetValueOrDefault(table);
                // The audit table grows by the receipts; its rows are checked one by one below.
                var expected = table == auditTable ? was + receipts.Count : was;
                if (count != expected)
                {
                    problems.Add($"GETs changed table {table}: {was} rows before the crawls, {count} after ({count - was:+0;-0}{(table == auditTable ? $", of which {receipts.Count} read receipts" : "")})");
                }
            }
            if (after.LastAudit - before.LastAudit != entries.Count)
            {
                problems.Add($"the audit chain went from sequence {before.LastAudit} to {after.LastAudit} but holds {entries.Count} rows between them");
            }
            foreach (var group in writes.GroupBy(w => (w.Actor, w.Action, w.Entity)).OrderBy(g => g.Key.Actor, StringComparer.Ordinal))
            {
                problems.Add($"{group.Key.Actor}: GETs audited {group.Count()} × {group.Key.Action} {group.Key.Entity} (first: {group.First().EntityId} {Cut(group.First().NewValues)})");
            }
            output.WriteLine($"database: {before.Rows.Count} tables, audit chain {before.LastAudit} → {after.LastAudit}, {receipts.Count} notices marked read by their addressees");
            return problems;
        }

        private static string Cut(string? text) => text is null ? "" : text.Length <= 200 ? text : text[..200] + "…";

        /// <summary>An update of a notice that set its read stamp and nothing else, by a user the notice is addressed to.</summary>
        private static async Task<bool> IsReadReceiptAsync(ShianDb db, Shian.Audit.AuditEntry entry)
        {
            if (entry.Entity != nameof(Shian.Common.Notice) || entry.Action != Shian.Audit.AuditAction.Update || entry.NewValues is null
                || System.Text.Json.JsonDocument.Parse(entry.NewValues).RootElement.EnumerateObject().Select(p => p.Name).SingleOrDefault() != nameof(Shian.Common.Notice.ReadAt)
                || !Guid.TryParse(entry.EntityId, out var id))
            {
                return false;
            }
            var notice = await db.Notices.AsNoTracking().SingleAsync(n => n.Id == id);
            var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.UserName == entry.Actor);
            if (user is null)
            {
                return false;
            }
            return notice.BusinessId is { } business
                ? await db.OperatorBusinesses.AnyAsync(o => o.UserId == user.Id && o.BusinessId == business)
                : notice.UnitId is { } unit && user.UnitId == unit;
        }
    }

    /// <summary>One thing wrong on one page, with the page that linked to it.</summary>
    private sealed record Failure(string Url, string Referrer, string Pattern, string Kind, string Detail)
    {
        public string Path => Pattern.Split('?')[0];

        public override string ToString() => $"{Kind}: {Url} (from {Referrer}): {Detail}";
    }

    /// <summary>What a role may see: its township, its own businesses, or whether the business register is closed to it.</summary>
    private sealed record RoleScope(string Role, Guid? TownshipId, IReadOnlySet<Guid>? OwnBusinesses, bool NoBusinessRegister)
    {
        public static async Task<RoleScope> LoadAsync(ShianWebFactory factory, string role)
        {
            await using var services = factory.Services.CreateAsyncScope();
            var db = services.ServiceProvider.GetRequiredService<ShianDb>();
            var user = await db.Users.AsNoTracking().SingleAsync(u => u.UserName == role);
            var roles = await db.UserRoles.Where(r => r.UserId == user.Id).Join(db.Roles, r => r.RoleId, r => r.Id, (_, r) => r.Name!).ToListAsync();
            var isOperator = roles.SequenceEqual([Shian.Accounts.Roles.Operator]);
            IReadOnlySet<Guid>? own = isOperator
                ? (await db.OperatorBusinesses.Where(o => o.UserId == user.Id).Select(o => o.BusinessId).ToListAsync()).ToHashSet()
                : null;
            // Township officers and township-based inspectors are bound to their township.
            var township = roles.Contains(Shian.Accounts.Roles.Township) || roles.Contains(Shian.Accounts.Roles.Inspector) ? user.TownshipId : null;
            var lab = roles.SequenceEqual([Shian.Accounts.Roles.Laboratory]);
            return new RoleScope(role, township, own, lab);
        }
    }

    /// <summary>Where a record sits; null parts do not apply (a silo of the district has no township).</summary>
    private sealed record Owner(Guid? TownshipId, Guid? BusinessId);

    private const string IdPattern = "(?<id>[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})";

    /// <summary>Detail pages of scoped records: the record's id in the path and how to find where it sits.</summary>
    private static readonly (string Name, Regex Path, Func<ShianDb, Guid, Task<Owner?>> Find)[] ScopedPages =
    [
        ("business", new($"^/businesses/{IdPattern}(/|$)"), (db, id) => db.Businesses.Where(x => x.Id == id).Select(x => new Owner(x.TownshipId, x.Id)).FirstOrDefaultAsync()),
        ("inspection", new($"^/inspections/{IdPattern}(/|$)"), (db, id) => db.Inspections.Where(x => x.Id == id).Select(x => new Owner(x.TownshipId, x.BusinessId)).FirstOrDefaultAsync()),
        ("inspection", new($"^/rectification/new/{IdPattern}(/|$)"), (db, id) => db.Inspections.Where(x => x.Id == id).Select(x => new Owner(x.TownshipId, x.BusinessId)).FirstOrDefaultAsync()),
        ("rectification order", new($"^/rectification/{IdPattern}(/|$)"), (db, id) => db.RectificationOrders.Where(x => x.Id == id).Select(x => new Owner(x.TownshipId, x.BusinessId)).FirstOrDefaultAsync()),
        ("sample", new($"^/sampling/samples/{IdPattern}(/|$)"), (db, id) => db.Samples.Where(x => x.Id == id).Select(x => new Owner(x.TownshipId, x.BusinessId)).FirstOrDefaultAsync()),
        ("failed sample", new($"^/sampling/failures/{IdPattern}(/|$)"), (db, id) => db.SampleFailures.Where(x => x.Id == id).Select(x => new Owner(x.TownshipId, x.BusinessId)).FirstOrDefaultAsync()),
        ("kitchen video", new($"^/kitchen-video/{IdPattern}(/|$)"), (db, id) => db.Businesses.Where(x => x.Id == id).Select(x => new Owner(x.TownshipId, x.Id)).FirstOrDefaultAsync()),
        ("school meal record", new($"^/schools/meals/{IdPattern}(/|$)"), (db, id) => db.SchoolMealRecords.Where(x => x.Id == id).Select(x => new Owner(x.TownshipId, x.BusinessId)).FirstOrDefaultAsync()),
        ("risk factor", new($"^/risk/factors/{IdPattern}(/|$)"), (db, id) => db.RiskFactors.Where(x => x.Id == id).Join(db.Businesses, f => f.BusinessId, b => b.Id, (f, b) => new Owner(b.TownshipId, b.Id)).FirstOrDefaultAsync()),
        ("serious violation", new($"^/credit/serious/{IdPattern}(/|$)"), (db, id) => db.SeriousViolations.Where(x => x.Id == id).Join(db.Businesses, v => v.BusinessId, b => b.Id, (v, b) => new Owner(b.TownshipId, b.Id)).FirstOrDefaultAsync()),
        ("trace product", new($"^/trace/products/{IdPattern}(/|$)"), (db, id) => db.TraceProducts.Where(x => x.Id == id).Select(x => new Owner(x.TownshipId, x.BusinessId)).FirstOrDefaultAsync()),
        ("produce certificate", new($"^/trace/certificates/{IdPattern}(/|$)"), (db, id) => db.ProduceCertificates.Where(x => x.Id == id).Select(x => new Owner(x.TownshipId, x.BusinessId)).FirstOrDefaultAsync()),
        ("silo", new($"^/grain/silos/{IdPattern}(/|$)"), (db, id) => db.Silos.Where(x => x.Id == id).Select(x => new Owner(x.TownshipId, null)).FirstOrDefaultAsync()),
    ];

    [GeneratedRegex("^/(businesses|licences)(/|$)")]
    private static partial Regex BusinessRegister();

    /// <summary>
    /// A resource key shown instead of its text: dotted PascalCase such as <c>Sampling.Kind.Supervision</c> or
    /// <c>Report.State.accepted</c>. File names (lower-case extensions), URLs and GS1 identifiers (digits, colons, slashes
    /// around them) and acronyms (ASP.NET) do not match. Chinese text may touch a key, so the edges name ASCII only.
    /// </summary>
    [GeneratedRegex(@"(?<![A-Za-z0-9_./:@-])[A-Z][a-z][a-zA-Z0-9]*(?:\.[A-Z][a-zA-Z0-9]*)+(?:\.[a-zA-Z][a-zA-Z0-9-]*)?(?![A-Za-z0-9_/@-])")]
    private static partial Regex RawResourceKey();

    [GeneratedRegex("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex GuidText();

    /// <summary>A path's shape: segments holding a digit (ids, codes, dates, lots) become {x}; the query keeps its names.</summary>
    private static string PatternOf(Uri url)
    {
        var segments = url.AbsolutePath.Split('/').Select(s => s.Any(char.IsDigit) || GuidText().IsMatch(s) ? "{x}" : s);
        var path = string.Join('/', segments);
        var names = url.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=')[0]).Order(StringComparer.Ordinal).ToList();
        return names.Count == 0 ? path : path + "?" + string.Join('&', names);
    }

    private sealed class Crawl(HttpClient client, RoleScope scope, IServiceProvider services)
    {
        private static readonly Uri Site = new("http://localhost/");
        private static readonly HtmlParser Parser = new();

        private readonly Queue<(Uri Url, string Referrer, int Depth)> _queue = new();
        private readonly HashSet<string> _seen = [];
        private readonly Dictionary<string, int> _perPattern = [];

        public List<Failure> Failures { get; } = [];
        public List<(string Url, string Referrer)> NotFound { get; } = [];
        public HashSet<string> VisitedPaths { get; } = [];
        public Dictionary<string, int> RecordsChecked { get; } = [];
        public int Requests { get; private set; }

        public async Task RunAsync()
        {
            Enqueue(new Uri(Site, "/"), "(start)", 0);
            while (_queue.TryDequeue(out var next) && Requests < MaxRequestsPerRole)
            {
                await VisitAsync(next.Url, next.Referrer, next.Depth);
            }
            if (_queue.Count > 0)
            {
                Failures.Add(new("", "", "", "crawl", $"stopped after {MaxRequestsPerRole} requests with {_queue.Count} links left: a page makes links without end?"));
            }
        }

        private void Enqueue(Uri url, string referrer, int depth)
        {
            var key = url.PathAndQuery;
            if (!_seen.Add(key))
            {
                return;
            }
            var pattern = PatternOf(url);
            var count = _perPattern.GetValueOrDefault(pattern);
            if (count >= InstancesPerPattern)
            {
                return;
            }
            _perPattern[pattern] = count + 1;
            _queue.Enqueue((url, referrer, depth));
        }

        private async Task VisitAsync(Uri url, string referrer, int depth)
        {
            Requests++;
            var path = url.PathAndQuery;
            var pattern = PatternOf(url);
            VisitedPaths.Add(pattern.Split('?')[0]);
            using var response = await client.GetAsync(path);
            var status = (int)response.StatusCode;
            if (status >= 500)
            {
                Failures.Add(new(path, referrer, pattern, Kinds.ServerError, $"answered {status}"));
                return;
            }
            if (status is >= 300 and < 400 && response.Headers.Location is { } location)
            {
                var target = new Uri(url, location);
                if (target.Host == Site.Host && Followable(target))
                {
                    Enqueue(target, path, depth);
                }
                return;
            }
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                NotFound.Add((path, referrer));
                return;
            }
            if (!response.IsSuccessStatusCode)
            {
                return;
            }
            await CheckScopeAsync(url, referrer, pattern);
            if (response.Content.Headers.ContentType?.MediaType != "text/html")
            {
                return; // a download or an export: its status is all there is to check
            }

            var document = await Parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync());
            foreach (var key in RawKeysIn(document))
            {
                Failures.Add(new(path, referrer, pattern, Kinds.RawKey, key));
            }

            // The navigation is the start of every crawl (level 0); other links are one level further down.
            foreach (var link in document.QuerySelectorAll("#sidenav a[href], header.topbar a[href]"))
            {
                if (Resolve(url, link) is { } target)
                {
                    Enqueue(target, path, 0);
                }
            }
            if (depth >= MaxDepth)
            {
                return;
            }
            var fromThisPage = new Dictionary<string, int>();
            foreach (var link in document.QuerySelectorAll("a[href]").Where(a => a.Closest("#sidenav, header.topbar") is null))
            {
                if (Resolve(url, link) is not { } target)
                {
                    continue;
                }
                var linkPattern = PatternOf(target);
                var taken = fromThisPage.GetValueOrDefault(linkPattern);
                if (taken < LinksPerPatternPerPage)
                {
                    fromThisPage[linkPattern] = taken + 1;
                    Enqueue(target, path, depth + 1);
                }
            }
        }

        private static Uri? Resolve(Uri page, IElement link)
        {
            var href = link.GetAttribute("href")?.Trim();
            if (string.IsNullOrEmpty(href) || href.StartsWith('#') || !Uri.TryCreate(page, href, out var target))
            {
                return null;
            }
            return target.Scheme is "http" or "https" && target.Host == Site.Host && Followable(target) ? target : null;
        }

        /// <summary>Signing out ends the crawl and /culture changes the language: neither is a page to read.</summary>
        private static bool Followable(Uri target) =>
            !target.AbsolutePath.StartsWith("/account/logout", StringComparison.OrdinalIgnoreCase)
            && !target.AbsolutePath.StartsWith("/culture", StringComparison.OrdinalIgnoreCase)
            && !target.AbsolutePath.StartsWith("/account/login", StringComparison.OrdinalIgnoreCase);

        private static IEnumerable<string> RawKeysIn(IDocument document)
        {
            var texts = new List<string>();
            Collect(document.DocumentElement, texts);
            return texts.SelectMany(t => RawResourceKey().Matches(t).Select(m => m.Value)).Distinct();
        }

        /// <summary>The text a reader sees: text nodes outside scripts and styles (attributes are not visited).</summary>
        private static void Collect(INode node, List<string> texts)
        {
            foreach (var child in node.ChildNodes)
            {
                if (child is IText text)
                {
                    texts.Add(text.Data);
                }
                else if (child is IElement element && element.LocalName is not ("script" or "style" or "template"))
                {
                    Collect(element, texts);
                }
            }
        }

        private async Task CheckScopeAsync(Uri url, string referrer, string pattern)
        {
            var path = url.AbsolutePath;
            if (scope.NoBusinessRegister && BusinessRegister().IsMatch(path))
            {
                Failures.Add(new(url.PathAndQuery, referrer, pattern, Kinds.Scope, "the laboratory reached the business register"));
            }
            if (scope.TownshipId is null && scope.OwnBusinesses is null)
            {
                return;
            }
            foreach (var (name, regex, find) in ScopedPages)
            {
                if (regex.Match(path) is not { Success: true } match)
                {
                    continue;
                }
                RecordsChecked[name] = RecordsChecked.GetValueOrDefault(name) + 1;
                await using var lookup = services.CreateAsyncScope();
                var owner = await find(lookup.ServiceProvider.GetRequiredService<ShianDb>(), Guid.Parse(match.Groups["id"].Value));
                if (owner is null)
                {
                    return;
                }
                if (scope.TownshipId is { } township && owner.TownshipId is { } recordTownship && recordTownship != township)
                {
                    Failures.Add(new(url.PathAndQuery, referrer, pattern, Kinds.Scope, $"a {name} of another township"));
                }
                if (scope.OwnBusinesses is { } own && (owner.BusinessId is not { } business || !own.Contains(business)))
                {
                    Failures.Add(new(url.PathAndQuery, referrer, pattern, Kinds.Scope, $"a {name} not of the operator's own businesses"));
                }
                return;
            }
        }
    }
}
