using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shian.Audit;
using Shian.Data;
using Shian.Demo;
using Shian.Organization;
using Shian.Performance;
using Shian.Traceability;

namespace Shian.Bench;

/// <summary>
/// Lot genealogy over a large EPCIS store: backward and forward trace of one lot in the middle of a six-level chain,
/// computed at query time from the identifier index. Target: median under 20 ms.
/// The store (SHIAN_BENCH_TRACE_EVENTS events, default 10,000,000, in chains of <see cref="TraceStore.EventsPerChain"/>)
/// is built once into SHIAN_BENCH_TRACE_DB (default /tmp/trace-genealogy-bench/trace-{events}.db) and reused.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 20)]
public class TraceBenchmarks
{
    private ServiceProvider? _services;
    private string _lot = "";

    [GlobalSetup]
    public void Open()
    {
        var (path, events) = TraceStore.Settings();
        TraceStore.EnsureBuilt(path, events);
        _services = TraceStore.Services(path);
        _lot = TraceStore.MiddleLot(events);
    }

    [GlobalCleanup]
    public void Close() => _services?.Dispose();

    [Benchmark]
    public async Task<int> Backward_and_forward_trace_of_a_middle_lot()
    {
        using var scope = _services!.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ShianDb>();
        var backward = await Genealogy.TraceAsync(db, _lot, TraceDirection.Backward);
        var forward = await Genealogy.TraceAsync(db, _lot, TraceDirection.Forward);
        var nodes = backward.Nodes().Count() + forward.Nodes().Count();
        // Backward: L3 ← L2 ← two L1s (4 nodes); forward: L3 → L4 → pallet and L5 → L6 (5 nodes).
        if (nodes != 9)
        {
            throw new InvalidOperationException($"Unexpected trace: {nodes} nodes.");
        }
        return nodes;
    }
}

/// <summary>Builds the benchmark's EPCIS store with <see cref="BulkInsert"/>, indexes created after the rows.</summary>
public static class TraceStore
{
    public const int EventsPerChain = 20;
    private const string Gtin1 = "06901234000018"; // paddy
    private const string Gtin2 = "06901234000025"; // brown rice
    private const string Gtin3 = "06901234000032"; // polished rice
    private const string Gtin4 = "06901234000049"; // 5 kg bags
    private const string Gtin5 = "06901234000056"; // repacked at the wholesaler
    private const string Gtin6 = "06901234000063"; // canteen meals

    public static (string Path, int Events) Settings()
    {
        var events = int.TryParse(Environment.GetEnvironmentVariable("SHIAN_BENCH_TRACE_EVENTS"), CultureInfo.InvariantCulture, out var n) ? n : 10_000_000;
        var path = Environment.GetEnvironmentVariable("SHIAN_BENCH_TRACE_DB") is { Length: > 0 } p ? p : $"/tmp/trace-genealogy-bench/trace-{events}.db";
        return (path, events);
    }

    public static string MiddleLot(int events) => TraceKey.Lot(Gtin3, $"C{events / EventsPerChain / 2}-3");

    public static ServiceProvider Services(string path)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IAuditActor>(new FixedAuditActor("bench"));
        services.AddShianData(DatabaseSettings.FromArgument(path));
        return services.BuildServiceProvider();
    }

    public static void EnsureBuilt(string path, int events)
    {
        if (File.Exists(path + ".done"))
        {
            return;
        }
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        foreach (var f in new[] { path, path + "-wal", path + "-shm" }.Where(File.Exists))
        {
            File.Delete(f);
        }
        var clock = Stopwatch.StartNew();
        using var services = Services(path);
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ShianDb>();
        if (!ShianData.MigrateAsync(db).GetAwaiter().GetResult().Ok)
        {
            throw new InvalidOperationException("The benchmark database did not open.");
        }
        var jurisdiction = DistrictFiles.ReadDemo().Jurisdiction!;
        db.Jurisdictions.Add(jurisdiction);
        db.SaveChanges();
        var (businesses, _) = DemoBusinesses.Generate(jurisdiction.Townships, 10, DateTime.UtcNow, seed: 5);
        db.Businesses.AddRange(businesses);
        var user = db.Users.Select(u => (Guid?)u.Id).FirstOrDefault();
        var job = new CaptureJob { Id = Guid.CreateVersion7(), BusinessId = businesses[0].Id, UserId = user ?? Guid.Empty, CreatedAt = DateTime.UtcNow };
        job.Succeed(0, job.CreatedAt);
        db.CaptureJobs.Add(job);
        db.SaveChanges();

        // Indexes after the rows: building them once is several times faster than maintaining them row by row.
        var connection = db.Database.GetDbConnection();
        db.Database.OpenConnection();
        var indexes = new List<(string Name, string Sql)>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ('EpcisEvents', 'EpcisEventEpcs')";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                indexes.Add((reader.GetString(0), reader.GetString(1)));
            }
        }
        db.Database.ExecuteSqlRaw("PRAGMA synchronous = OFF");
        // A 1 GiB page cache: the index builds at the end sort millions of keys and are disk-bound with the default 2 MB.
        db.Database.ExecuteSqlRaw("PRAGMA cache_size = -1048576");
        foreach (var (name, _) in indexes)
        {
#pragma warning disable EF1002 // index names read from sqlite_master a moment ago
            db.Database.ExecuteSqlRaw($"DROP INDEX \"{name}\"");
#pragma warning restore EF1002
        }
        var chains = events / EventsPerChain;
        const int batch = 5_000;
        for (var start = 0; start < chains; start += batch)
        {
            var rows = new List<EpcisEvent>(batch * EventsPerChain);
            for (var c = start; c < Math.Min(chains, start + batch); c++)
            {
                Chain(c, chains, job, rows);
            }
            using var transaction = db.Database.BeginTransaction();
            BulkInsert.RunAsync(db, rows).GetAwaiter().GetResult();
            BulkInsert.RunAsync(db, rows.SelectMany(e => e.Epcs).ToList()).GetAwaiter().GetResult();
            transaction.Commit();
            if (start / batch % 20 == 0)
            {
                Console.WriteLine($"// trace store: {Math.Min(chains, start + batch) * EventsPerChain:N0} events, {clock.Elapsed:hh\\:mm\\:ss}");
            }
        }
        foreach (var (name, sql) in indexes)
        {
            Console.WriteLine($"// trace store: index {name}, {clock.Elapsed:hh\\:mm\\:ss}");
            db.Database.ExecuteSqlRaw(sql);
        }
        db.Database.ExecuteSqlRaw("ANALYZE");
        db.Database.CloseConnection();
        File.WriteAllText(path + ".done", $"{events} events in {clock.Elapsed}\n");
        Console.WriteLine($"// trace store: built in {clock.Elapsed:hh\\:mm\\:ss}");
    }

    /// <summary>
    /// One rice chain of 20 events: harvest at a farm, shipped to a mill, milled (with the neighbouring chain's paddy) into
    /// brown rice, shipped to a polisher, polished, packed in bags, palletised, shipped to a wholesaler, repacked, shipped
    /// to two canteens, cooked, plus an inspection.
    /// </summary>
    private static void Chain(int c, int chains, CaptureJob job, List<EpcisEvent> rows)
    {
        var l1 = TraceKey.Lot(Gtin1, $"C{c}-1");
        var neighbour = TraceKey.Lot(Gtin1, $"C{(c + 1) % chains}-1");
        var l2 = TraceKey.Lot(Gtin2, $"C{c}-2");
        var l3 = TraceKey.Lot(Gtin3, $"C{c}-3");
        var l4 = TraceKey.Lot(Gtin4, $"C{c}-4");
        var l5 = TraceKey.Lot(Gtin5, $"C{c}-5");
        var l6 = TraceKey.Lot(Gtin6, $"C{c}-6");
        var pallet = $"00/{c:D17}{c % 10}";
        var farm = Gln(c % 1000);
        var mill = Gln(1000 + c % 100);
        var polisher = Gln(1100 + c % 50);
        var packer = Gln(1200 + c % 50);
        var wholesaler = Gln(1300 + c % 20);
        var canteenA = Gln(1400 + c % 500);
        var canteenB = Gln(1400 + (c + 7) % 500);
        var t = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(c);
        var step = 0;
        EpcisEvent E(EpcisEventType type, string? action, string? bizStep, string location, string? source, string? destination, params (EpcRole Role, string Key, decimal? Qty)[] epcs)
        {
            var id = Guid.CreateVersion7();
            var at = t.AddHours(step++);
            var parties = source is null ? "" : $",\"sourceList\":[{{\"type\":\"location\",\"source\":\"{source}\"}}],\"destinationList\":[{{\"type\":\"location\",\"destination\":\"{destination}\"}}]";
            var e = new EpcisEvent
            {
                Id = id, EventId = $"urn:uuid:{id}", Type = type, EventTime = at, EventTimeZoneOffset = "+08:00", RecordTime = job.CreatedAt,
                Action = action, BizStep = bizStep, BizLocation = location, BusinessId = job.BusinessId, CaptureJobId = job.Id,
                Json = $"{{\"type\":\"{type}\",\"eventID\":\"urn:uuid:{id}\",\"eventTime\":\"{at:yyyy-MM-ddTHH:mm:ss}Z\",\"eventTimeZoneOffset\":\"+08:00\"{(bizStep is null ? "" : $",\"bizStep\":\"{bizStep}\"")}{parties}}}",
                Epcs = epcs.Select(x => new EpcisEventEpc { Id = Guid.CreateVersion7(), EventId = id, Role = x.Role, Key = x.Key, Quantity = x.Qty, Uom = x.Qty is null ? null : "KGM" }).ToList(),
            };
            rows.Add(e);
            return e;
        }
        E(EpcisEventType.ObjectEvent, "ADD", "commissioning", farm, null, null, (EpcRole.Epc, l1, 1000m));
        E(EpcisEventType.ObjectEvent, "OBSERVE", "shipping", farm, farm, mill, (EpcRole.Epc, l1, 1000m));
        E(EpcisEventType.ObjectEvent, "OBSERVE", "receiving", mill, farm, mill, (EpcRole.Epc, l1, 1000m));
        E(EpcisEventType.TransformationEvent, null, "commissioning", mill, null, null, (EpcRole.Input, l1, 1000m), (EpcRole.Input, neighbour, 500m), (EpcRole.Output, l2, 1200m));
        E(EpcisEventType.ObjectEvent, "OBSERVE", "shipping", mill, mill, polisher, (EpcRole.Epc, l2, 1200m));
        E(EpcisEventType.ObjectEvent, "OBSERVE", "receiving", polisher, mill, polisher, (EpcRole.Epc, l2, 1200m));
        E(EpcisEventType.TransformationEvent, null, "commissioning", polisher, null, null, (EpcRole.Input, l2, 1200m), (EpcRole.Output, l3, 1000m));
        E(EpcisEventType.ObjectEvent, "OBSERVE", "inspecting", polisher, null, null, (EpcRole.Epc, l3, null));
        E(EpcisEventType.ObjectEvent, "OBSERVE", "shipping", polisher, polisher, packer, (EpcRole.Epc, l3, 1000m));
        E(EpcisEventType.ObjectEvent, "OBSERVE", "receiving", packer, polisher, packer, (EpcRole.Epc, l3, 1000m));
        E(EpcisEventType.TransformationEvent, null, "commissioning", packer, null, null, (EpcRole.Input, l3, 1000m), (EpcRole.Output, l4, 1000m));
        E(EpcisEventType.AggregationEvent, "ADD", "packing", packer, null, null, (EpcRole.Parent, pallet, null), (EpcRole.Child, l4, 1000m));
        E(EpcisEventType.ObjectEvent, "OBSERVE", "shipping", packer, packer, wholesaler, (EpcRole.Epc, pallet, null));
        E(EpcisEventType.ObjectEvent, "OBSERVE", "receiving", wholesaler, packer, wholesaler, (EpcRole.Epc, pallet, null));
        E(EpcisEventType.TransformationEvent, null, "repackaging", wholesaler, null, null, (EpcRole.Input, l4, 1000m), (EpcRole.Output, l5, 1000m));
        E(EpcisEventType.ObjectEvent, "OBSERVE", "shipping", wholesaler, wholesaler, canteenA, (EpcRole.Epc, l5, 600m));
        E(EpcisEventType.ObjectEvent, "OBSERVE", "receiving", canteenA, wholesaler, canteenA, (EpcRole.Epc, l5, 600m));
        E(EpcisEventType.ObjectEvent, "OBSERVE", "shipping", wholesaler, wholesaler, canteenB, (EpcRole.Epc, l5, 400m));
        E(EpcisEventType.ObjectEvent, "OBSERVE", "receiving", canteenB, wholesaler, canteenB, (EpcRole.Epc, l5, 400m));
        E(EpcisEventType.TransformationEvent, null, "commissioning", canteenA, null, null, (EpcRole.Input, l5, 100m), (EpcRole.Output, l6, 300m));
    }

    private static string Gln(int n)
    {
        var body = $"690123{n:D6}";
        return $"414/{body}{Gtin.CheckDigit(body)}";
    }
}

/// <summary>
/// <c>Shian.Bench trace-probe</c>: times each trace of the benchmark's lot (wall per direction, process CPU, and how
/// many SQL commands ran and how long they took from execution to the reader's disposal), for looking into a slow run.
/// SHIAN_BENCH_TRACE_SQL=1 prints each command's text once; SHIAN_BENCH_TRACE_COLD=1 starts every call with nothing
/// cached (Linux: the store's file leaves the OS page cache, and the pooled connections take SQLite's page caches along);
/// SHIAN_BENCH_TRACE_COLD=connections only closes the pooled connections (a new connection per call, OS cache warm).
/// </summary>
public static class TraceProbe
{
    public static async Task RunAsync()
    {
        var (path, events) = TraceStore.Settings();
        var timer = new CommandTimer(Environment.GetEnvironmentVariable("SHIAN_BENCH_TRACE_SQL") == "1");
        var services = new ServiceCollection();
        services.AddSingleton<IAuditActor>(new FixedAuditActor("bench"));
        services.AddShianData(DatabaseSettings.FromArgument(path));
        services.ConfigureDbContext<ShianDb>(o => o.AddInterceptors(timer));
        using var provider = services.BuildServiceProvider();
        var lot = TraceStore.MiddleLot(events);
        var runs = int.TryParse(Environment.GetEnvironmentVariable("SHIAN_BENCH_TRACE_PROBE_RUNS"), CultureInfo.InvariantCulture, out var r) ? r : 15;
        var totals = new List<double>();
        var cold = Environment.GetEnvironmentVariable("SHIAN_BENCH_TRACE_COLD");
        for (var i = 0; i < runs; i++)
        {
            if (cold is "1" or "connections")
            {
                // SQLite's page caches (and parsed schemas) go with the pooled connections, the OS's with the advice.
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            }
            if (cold is "1")
            {
                Evict(DatabaseSettings.FromArgument(path).SqliteFile!);
            }
            using var scope = provider.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<ShianDb>();
            timer.Reset();
            var clock = Stopwatch.StartNew();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var backward = await Genealogy.TraceAsync(db, lot, TraceDirection.Backward);
            var b = clock.Elapsed.TotalMilliseconds;
            var forward = await Genealogy.TraceAsync(db, lot, TraceDirection.Forward);
            var total = clock.Elapsed.TotalMilliseconds;
            totals.Add(total);
            Console.WriteLine($"backward {b:F1} ms, forward {total - b:F1} ms, cpu {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds:F0} ms, " +
                $"{timer.Commands} commands {timer.Elapsed.TotalMilliseconds:F1} ms, nodes {backward.Nodes().Count()}+{forward.Nodes().Count()}");
        }
        // The first calls pay for JIT and a cold page cache; the rest is the steady state.
        var steady = totals.Skip(Math.Min(5, totals.Count / 2)).Order().ToList();
        if (steady.Count > 0)
        {
            double At(double q) => steady[(int)Math.Round(q * (steady.Count - 1))];
            Console.WriteLine($"// backward + forward over calls {totals.Count - steady.Count + 1}–{totals.Count}: median {At(0.5):F1} ms, Q1 {At(0.25):F1} ms, Q3 {At(0.75):F1} ms, min {steady[0]:F1} ms, max {steady[^1]:F1} ms");
        }
    }

    /// <summary>Drops the file's pages from the OS page cache (POSIX_FADV_DONTNEED; clean pages only, which a read-only run leaves).</summary>
    private static void Evict(string file)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        if (posix_fadvise((int)stream.SafeFileHandle.DangerousGetHandle(), 0, 0, 4) != 0)
        {
            throw new InvalidOperationException("posix_fadvise failed.");
        }
    }

    [System.Runtime.InteropServices.DllImport("libc")]
    private static extern int posix_fadvise(int fd, long offset, long length, int advice);

    private sealed class CommandTimer(bool print) : Microsoft.EntityFrameworkCore.Diagnostics.DbCommandInterceptor
    {
        private readonly HashSet<string> _printed = [];
        private long _started;
        public int Commands { get; private set; }
        public TimeSpan Elapsed { get; private set; }

        public void Reset() => (Commands, Elapsed) = (0, TimeSpan.Zero);

        public override ValueTask<Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<System.Data.Common.DbDataReader>> ReaderExecutingAsync(
            System.Data.Common.DbCommand command, Microsoft.EntityFrameworkCore.Diagnostics.CommandEventData eventData,
            Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<System.Data.Common.DbDataReader> result, CancellationToken ct = default)
        {
            Commands++;
            if (print && _printed.Add(command.CommandText))
            {
                Console.WriteLine(command.CommandText + "\n");
            }
            _started = Stopwatch.GetTimestamp();
            return ValueTask.FromResult(result);
        }

        public override Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult DataReaderDisposing(System.Data.Common.DbCommand command,
            Microsoft.EntityFrameworkCore.Diagnostics.DataReaderDisposingEventData eventData, Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult result)
        {
            Elapsed += Stopwatch.GetElapsedTime(_started);
            return result;
        }
    }
}
