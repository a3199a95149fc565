using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using LinqToDB.Data;
using LinqToDB.EntityFrameworkCore;
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
/// The served bulk-copy library against the hand-written <see cref="BulkInsert"/> and against plain SaveChanges (the
/// <c>Performance:FastPaths=false</c> path): 10,000 EPCIS event rows (the most one capture document may carry, about
/// 1 KB each, six indexes) into SQLite (a file) and PostgreSQL (<c>SHIAN_BENCH_PG</c>), each in a transaction that is
/// rolled back, so every iteration writes into the same table. The setup writes a few rows with each and reads them back
/// through EF, and refuses to time a writer whose rows EF does not read back as written.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class BulkWriteBenchmarks
{
    public const int Rows = 10_000;

    [Params("sqlite", "postgres")]
    public string Database { get; set; } = "sqlite";

    private List<EpcisEvent> _rows = [];
    private BenchDatabase? _database;
    private ServiceProvider? _fast;
    private ServiceProvider? _plain;

    [GlobalSetup]
    public void Setup()
    {
        LinqToDBForEFTools.Initialize();
        _database = BenchDatabase.Create(Database, "bulk");
        _fast = _database.Services(new PerformanceSettings(FastPaths: true));
        _plain = _database.Services(new PerformanceSettings(FastPaths: false));
        Run(_fast, async db =>
        {
            if (!(await ShianData.MigrateAsync(db)).Ok)
            {
                throw new InvalidOperationException("The benchmark database did not open.");
            }
        });
        _rows = Events(Rows, seed: 1);
        foreach (var (name, write) in new (string, Func<ShianDb, List<EpcisEvent>, Task>)[] { ("BulkInsert", (db, rows) => BulkInsert.RunAsync(db, rows)), ("linq2db", Linq2DbAsync) })
        {
            var sample = Events(5, seed: 2);
            Run(_fast, async db =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync();
                await write(db, sample);
                var ids = sample.Select(e => e.Id).ToList();
                var back = await db.EpcisEvents.AsNoTracking().Where(e => ids.Contains(e.Id)).ToListAsync();
                var same = back.Count == sample.Count && sample.All(s => back.Single(b => b.Id == s.Id) is { } b
                    && b.EventTime == s.EventTime && b.RecordTime == s.RecordTime && b.BusinessId == s.BusinessId && b.Json == s.Json && b.Type == s.Type);
                Console.WriteLine($"// {Database}: {name} rows read back through EF as written: {same} ({back.Count} of {sample.Count} found by id)");
                if (!same)
                {
                    throw new InvalidOperationException($"{name} stores rows that EF does not read back as written ({back.Count} of {sample.Count} found by id).");
                }
            });
        }
    }

    /// <summary>linq2db's bulk copy with its default options: multi-row INSERTs on SQLite, binary COPY on PostgreSQL.</summary>
    private static async Task Linq2DbAsync(ShianDb db, List<EpcisEvent> rows)
    {
        await using var connection = db.CreateLinqToDBConnection(db.Database.CurrentTransaction);
        await connection.BulkCopyAsync(new BulkCopyOptions(), rows);
    }

    private static List<EpcisEvent> Events(int count, int seed)
    {
        var read = EpcisDocumentReader.Read(Encoding.UTF8.GetString(EpcisCaptureBenchmarks.FoodDocument(count, seed)));
        if (read.Events.Count != count)
        {
            throw new InvalidOperationException("The benchmark document did not read: " + string.Join("; ", read.Errors.Take(3).Select(e => e.Message)));
        }
        var (business, job) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        var at = new DateTime(2026, 12, 7, 10, 0, 0, 123, DateTimeKind.Utc);
        foreach (var e in read.Events)
        {
            (e.BusinessId, e.CaptureJobId, e.RecordTime) = (business, job, at);
        }
        return [.. read.Events];
    }

    private static void Run(ServiceProvider services, Func<ShianDb, Task> work)
    {
        using var scope = services.CreateScope();
        work(scope.ServiceProvider.GetRequiredService<ShianDb>()).GetAwaiter().GetResult();
    }

    private void RolledBack(ServiceProvider services, Func<ShianDb, Task> write) => Run(services, async db =>
    {
        await using var transaction = await db.Database.BeginTransactionAsync();
        await write(db);
    });

    [Benchmark(Baseline = true)]
    public void BulkInsert_10000() => RolledBack(_fast!, db => BulkInsert.RunAsync(db, _rows));

    [Benchmark]
    public void Linq2Db_BulkCopy_10000() => RolledBack(_fast!, db => Linq2DbAsync(db, _rows));

    [Benchmark]
    public void SaveChanges_10000() => RolledBack(_plain!, db => BulkInsert.RunAsync(db, _rows));

    [GlobalCleanup]
    public void Cleanup()
    {
        _fast?.Dispose();
        _plain?.Dispose();
        _database?.Drop();
    }
}

/// <summary>
/// The served JSON Schema libraries against the hand-written <see cref="CompiledSchema"/>: is one 1,000-event EPCIS
/// document (<see cref="EpcisCaptureBenchmarks.FoodDocument"/>, about 0.9 MB) valid against the GS1 EPCIS 2.0 schema,
/// from its bytes (each parses as it must: System.Text.Json for JsonSchema.Net and the compiled check, Json.NET for
/// NJsonSchema). The setup also counts how many of a set of invalid documents (each refused by JsonSchema.Net, the
/// reference) each library refuses: a fast answer that accepts invalid documents does not meet the target.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class SchemaLibraryBenchmarks
{
    private byte[] _document = [];
    private string _text = "";
    private NJsonSchema.JsonSchema _njsonSchema = null!;

    [GlobalSetup]
    public void Setup()
    {
        _document = EpcisCaptureBenchmarks.FoodDocument(EpcisCaptureBenchmarks.Events, seed: 1);
        _text = Encoding.UTF8.GetString(_document);
        EpcisSchema.Warm();
        using (var stream = typeof(EpcisSchema).Assembly.GetManifestResourceStream("epcis/EPCIS-JSON-Schema.json")!)
        using (var reader = new StreamReader(stream))
        {
            _njsonSchema = NJsonSchema.JsonSchema.FromJsonAsync(reader.ReadToEnd()).GetAwaiter().GetResult();
        }
        if (!CompiledSchema_1000() || !JsonSchemaNet_1000())
        {
            throw new InvalidOperationException("The benchmark document is not valid.");
        }
        Console.WriteLine($"// NJsonSchema on the valid 1,000-event document: {(NJsonSchema_1000() ? "valid" : "invalid: " + string.Join("; ", _njsonSchema.Validate(_text).Take(3)))}");
        var (reference, compiled, njson) = (0, 0, 0);
        foreach (var (what, invalid) in InvalidDocuments())
        {
            using var parsed = JsonDocument.Parse(invalid);
            if (EpcisSchema.IsValidByLibrary(parsed.RootElement))
            {
                Console.WriteLine($"// (not counted: JsonSchema.Net accepts {what})");
                continue;
            }
            reference++;
            compiled += EpcisSchema.IsValidByCompiled(parsed.RootElement) ? 0 : 1;
            var refusedByNJson = _njsonSchema.Validate(invalid).Count > 0;
            njson += refusedByNJson ? 1 : 0;
            Console.WriteLine($"// {what}: CompiledSchema {(EpcisSchema.IsValidByCompiled(parsed.RootElement) ? "accepts" : "refuses")}, NJsonSchema {(refusedByNJson ? "refuses" : "accepts")}");
        }
        Console.WriteLine($"// Invalid documents refused: JsonSchema.Net {reference}, CompiledSchema {compiled}, NJsonSchema {njson}");
    }

    /// <summary>One event of the GS1 example broken in one way the schema forbids.</summary>
    private static IEnumerable<(string What, string Json)> InvalidDocuments()
    {
        var examples = Path.Combine(RepositoryRoot(), "samples", "epcis", "examples");
        var original = JsonNode.Parse(File.ReadAllText(Path.Combine(examples, "Example_9.6.1-ObjectEvent.jsonld")))!;
        (string, Action<JsonObject, JsonObject>)[] mutations =
        [
            ("action MODIFY (enum)", (_, e) => e["action"] = "MODIFY"),
            ("ObjectEvent without action (if/then required)", (_, e) => e.Remove("action")),
            ("a non-namespaced extension field (propertyNames)", (_, e) => e["colour"] = "red"),
            ("eventTime 'yesterday' (format date-time)", (_, e) => e["eventTime"] = "yesterday"),
            ("eventTimeZoneOffset '8 hours' (pattern)", (_, e) => e["eventTimeZoneOffset"] = "8 hours"),
            ("bizStep 'ship it' (vocabulary or URI)", (_, e) => e["bizStep"] = "ship it"),
            ("readPoint id 'here' (format uri)", (_, e) => e["readPoint"] = new JsonObject { ["id"] = "here" }),
            ("quantity 'many' (type)", (_, e) => e["quantityList"] = new JsonArray(new JsonObject { ["epcClass"] = "urn:epc:class:lgtin:4012345.012345.998877", ["quantity"] = "many" })),
            ("an event of type 'Event' (enum)", (_, e) => e["type"] = "Event"),
            ("document without schemaVersion (required)", (d, _) => d.Remove("schemaVersion")),
        ];
        foreach (var (what, mutate) in mutations)
        {
            var document = original.DeepClone().AsObject();
            mutate(document, document["epcisBody"]!["eventList"]![0]!.AsObject());
            yield return (what, document.ToJsonString());
        }
    }

    private static string RepositoryRoot()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Shian.slnx")))
                {
                    return dir.FullName;
                }
            }
        }
        throw new InvalidOperationException("Run from within the repository (samples/epcis/examples is read).");
    }

    [Benchmark(Baseline = true)]
    public bool CompiledSchema_1000()
    {
        using var parsed = JsonDocument.Parse(_document);
        return EpcisSchema.IsValidByCompiled(parsed.RootElement);
    }

    [Benchmark]
    public bool JsonSchemaNet_1000()
    {
        using var parsed = JsonDocument.Parse(_document);
        return EpcisSchema.IsValidByLibrary(parsed.RootElement);
    }

    [Benchmark]
    public bool NJsonSchema_1000() => _njsonSchema.Validate(_text).Count == 0;
}

/// <summary>A throwaway benchmark database: a SQLite file in a temporary folder, or a PostgreSQL database (<c>SHIAN_BENCH_PG</c>).</summary>
public sealed class BenchDatabase
{
    private readonly string? _folder;
    private readonly string? _pgAdmin;
    private readonly string? _pgName;

    private BenchDatabase(DatabaseSettings settings, string? folder, string? pgAdmin, string? pgName) =>
        (Settings, _folder, _pgAdmin, _pgName) = (settings, folder, pgAdmin, pgName);

    public DatabaseSettings Settings { get; }

    public static BenchDatabase Create(string provider, string name)
    {
        if (provider == "postgres")
        {
            var admin = Environment.GetEnvironmentVariable("SHIAN_BENCH_PG")
                ?? throw new InvalidOperationException("Set SHIAN_BENCH_PG to an administrator connection string (e.g. Host=127.0.0.1;Port=55432;Username=postgres).");
            var database = $"shian_bench_{name}_" + Guid.NewGuid().ToString("N")[..8];
            using (var connection = new Npgsql.NpgsqlConnection(admin))
            {
                connection.Open();
                using var create = new Npgsql.NpgsqlCommand($"CREATE DATABASE {database}", connection);
                create.ExecuteNonQuery();
            }
            return new(new DatabaseSettings(DatabaseProvider.Postgres, new Npgsql.NpgsqlConnectionStringBuilder(admin) { Database = database }.ConnectionString), null, admin, database);
        }
        var folder = Directory.CreateTempSubdirectory($"shian-bench-{name}-").FullName;
        return new(DatabaseSettings.FromArgument(Path.Combine(folder, "shian.db")), folder, null, null);
    }

    public ServiceProvider Services(PerformanceSettings performance)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IAuditActor>(new FixedAuditActor("bench"));
        services.AddShianData(Settings, performance);
        return services.BuildServiceProvider();
    }

    public void Drop()
    {
        if (_pgName is not null)
        {
            Npgsql.NpgsqlConnection.ClearAllPools();
            using var admin = new Npgsql.NpgsqlConnection(_pgAdmin);
            admin.Open();
            using var drop = new Npgsql.NpgsqlCommand($"DROP DATABASE IF EXISTS {_pgName} WITH (FORCE)", admin);
            drop.ExecuteNonQuery();
        }
        else if (_folder is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(_folder, recursive: true);
        }
    }
}
