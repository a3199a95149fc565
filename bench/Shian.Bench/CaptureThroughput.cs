using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shian.Data;
using Shian.Performance;
using Shian.Traceability;

namespace Shian.Bench;

/// <summary>
/// <c>capture-throughput</c>: events per second through <see cref="EpcisDocumentCapture.CaptureAsync"/> (what
/// <c>POST /epcis/capture</c> runs: schema, reader, one transaction per 1,000-event document), with one client and with
/// two and four concurrent clients, into SQLite and (with <c>SHIAN_BENCH_PG</c>) PostgreSQL. Each run starts on a fresh
/// database, warms up on <c>SHIAN_BENCH_CAPTURE_WARMUP</c> documents with the same clients (default 100: the runtime
/// recompiles the hot code with its profile for the first fifteen seconds or so, which a long-running server has long
/// finished), then stores
/// <c>SHIAN_BENCH_CAPTURE_DOCS</c> (default 60) distinct documents. <c>SHIAN_BENCH_CAPTURE_CLIENTS</c> picks the client
/// counts (default <c>1,2,4</c>).
/// </summary>
public static class CaptureThroughput
{
    public static async Task RunAsync()
    {
        var count = int.TryParse(Environment.GetEnvironmentVariable("SHIAN_BENCH_CAPTURE_DOCS"), out var n) ? n : 60;
        var warmup = int.TryParse(Environment.GetEnvironmentVariable("SHIAN_BENCH_CAPTURE_WARMUP"), out var w) ? w : 100;
        var documents = Enumerable.Range(0, count + warmup).Select(i => EpcisCaptureBenchmarks.FoodDocument(EpcisCaptureBenchmarks.Events, seed: 1000 + i)).ToArray();
        EpcisSchema.Warm();
        var clientCounts = (Environment.GetEnvironmentVariable("SHIAN_BENCH_CAPTURE_CLIENTS") ?? "1,2,4").Split(',').Select(int.Parse).ToArray();
        var databases = Environment.GetEnvironmentVariable("SHIAN_BENCH_PG") is null ? new[] { "sqlite" } : ["sqlite", "postgres"];
        Console.WriteLine($"load average before: {LoadAverage()}");
        Console.WriteLine("| database | clients | documents | events/s | median ms per document | p90 ms | CPU ms per document | GCs per document (gen 0/1/2) | allocated MB per document |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---|---:|");
        foreach (var database in databases)
        {
            foreach (var clients in clientCounts)
            {
                var store = new EpcisStoreBenchmarks { Database = database };
                store.Setup();
                try
                {
                    var (services, business, user) = store.Store;
                    await ClientsAsync(services, documents[count..], clients, business, user, []);
                    var latencies = new List<double>();
                    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                    var collections = new[] { GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2) };
                    var allocated = GC.GetTotalAllocatedBytes(precise: true);
                    var wall = Stopwatch.StartNew();
                    await ClientsAsync(services, documents[..count], clients, business, user, latencies);
                    wall.Stop();
                    var cpuPerDocument = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / count;
                    var gcs = string.Join("/", Enumerable.Range(0, 3).Select(g => ((GC.CollectionCount(g) - collections[g]) / (double)count).ToString("F2")));
                    var megabytes = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1048576.0 / count;
                    latencies.Sort();
                    Console.WriteLine($"| {database} | {clients} | {count} | {count * EpcisCaptureBenchmarks.Events / wall.Elapsed.TotalSeconds:N0} | "
                        + $"{latencies[latencies.Count / 2]:F1} | {latencies[latencies.Count * 9 / 10]:F1} | {cpuPerDocument:F1} | {gcs} | {megabytes:F1} |");
                }
                finally
                {
                    await CheckpointsIdleAsync(store.Store.Services);
                    store.Drop();
                }
            }
        }
        Console.WriteLine($"load average after: {LoadAverage()}");
    }

    private static async Task CaptureAsync(ServiceProvider services, byte[] document, Guid business, Guid user)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShianDb>();
        var outcome = await EpcisDocumentCapture.CaptureAsync(db, document, business, user, DateTime.UtcNow);
        if (outcome.Job is not { EventCount: EpcisCaptureBenchmarks.Events })
        {
            throw new InvalidOperationException("Capture failed: " + string.Join("; ", outcome.Errors.Take(5).Select(e => e.Path + " " + e.Message)));
        }
    }

    /// <summary>Captures the documents with <paramref name="clients"/> concurrent clients, adding each one's latency in ms.</summary>
    private static async Task ClientsAsync(ServiceProvider services, byte[][] documents, int clients, Guid business, Guid user, List<double> latencies)
    {
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < documents.Length)
            {
                var one = Stopwatch.StartNew();
                await CaptureAsync(services, documents[i], business, user);
                lock (latencies)
                {
                    latencies.Add(one.Elapsed.TotalMilliseconds);
                }
            }
        })));
    }

    /// <summary>SQLite: lets the last background checkpoint finish before the database folder is deleted.</summary>
    private static async Task CheckpointsIdleAsync(ServiceProvider services)
    {
        if (services.GetService<SqliteWriter>() is { } writer)
        {
            await writer.CheckpointsIdleAsync();
        }
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "unknown";
}
