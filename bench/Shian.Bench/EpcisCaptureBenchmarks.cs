using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
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
/// EPCIS capture of one 1,000-event document of food events (lots commissioned with quantities, shipped and received
/// with source and destination lists, some transformed into new lots), in its parts: the JSON schema, the reader, and
/// the whole capture (schema, reader, <see cref="EpcisCapture.StoreAsync"/>) into SQLite and PostgreSQL.
/// Target: ≥ 20,000 events/s, i.e. ≤ 50 ms per document, on each database.
/// </summary>
[MemoryDiagnoser]
public class EpcisCaptureBenchmarks
{
    public const int Events = 1000;

    private byte[] _document = [];

    /// <summary>A realistic document: per lot one commissioning, four shipments, four receipts and one transformation.</summary>
    public static byte[] FoodDocument(int count, int seed)
    {
        var random = new Random(seed);
        var events = new JsonArray();
        var day = new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);
        for (var i = 0; events.Count < count; i++)
        {
            var lot = $"urn:epc:class:lgtin:6901234.0{random.Next(10000, 99999)}.L{seed}{i:D5}";
            var product = $"urn:epc:class:lgtin:6901234.0{random.Next(10000, 99999)}.P{seed}{i:D5}";
            var farm = $"urn:epc:id:sgln:6901234.{random.Next(10000, 99999)}.0";
            var at = day.AddMinutes(i * 17);
            JsonObject Base(string type, DateTime time, string bizStep, string? disposition, string location) => new()
            {
                ["type"] = type,
                ["eventTime"] = time.AddHours(8).ToString("yyyy-MM-dd'T'HH:mm:ss.fff") + "+08:00",
                ["eventTimeZoneOffset"] = "+08:00",
                ["bizStep"] = bizStep,
                ["disposition"] = disposition,
                ["readPoint"] = new JsonObject { ["id"] = location },
                ["bizLocation"] = new JsonObject { ["id"] = location },
            };
            var commission = Base("ObjectEvent", at, "commissioning", "active", farm);
            commission["action"] = "ADD";
            commission["quantityList"] = new JsonArray(new JsonObject { ["epcClass"] = lot, ["quantity"] = 500 + random.Next(500), ["uom"] = "KGM" });
            commission["ilmd"] = new JsonObject { ["cbvmda:bestBeforeDate"] = "2026-12-31", ["cbvmda:countryOfOrigin"] = "CN" };
            events.Add(commission);
            for (var s = 0; s < 4 && events.Count < count; s++)
            {
                var shop = $"urn:epc:id:sgln:6909876.{random.Next(10000, 99999)}.0";
                var ship = Base("ObjectEvent", at.AddHours(1 + s), "shipping", "in_transit", farm);
                ship["action"] = "OBSERVE";
                ship["quantityList"] = new JsonArray(new JsonObject { ["epcClass"] = lot, ["quantity"] = 50 + s, ["uom"] = "KGM" });
                ship["bizTransactionList"] = new JsonArray(new JsonObject { ["type"] = "desadv", ["bizTransaction"] = $"urn:epcglobal:cbv:bt:6901234000004:D{seed}{i}{s}" });
                ship["sourceList"] = new JsonArray(new JsonObject { ["type"] = "owning_party", ["source"] = "urn:epc:id:pgln:6901234.00000" });
                ship["destinationList"] = new JsonArray(new JsonObject { ["type"] = "owning_party", ["destination"] = "urn:epc:id:pgln:6909876.00000" },
                    new JsonObject { ["type"] = "location", ["destination"] = shop });
                events.Add(ship);
                if (events.Count < count)
                {
                    var receive = Base("ObjectEvent", at.AddHours(3 + s), "receiving", "in_progress", shop);
                    receive["action"] = "OBSERVE";
                    receive["quantityList"] = new JsonArray(new JsonObject { ["epcClass"] = lot, ["quantity"] = 50 + s, ["uom"] = "KGM" });
                    receive["sourceList"] = new JsonArray(new JsonObject { ["type"] = "owning_party", ["source"] = "urn:epc:id:pgln:6901234.00000" });
                    receive["destinationList"] = new JsonArray(new JsonObject { ["type"] = "owning_party", ["destination"] = "urn:epc:id:pgln:6909876.00000" });
                    events.Add(receive);
                }
            }
            if (events.Count < count)
            {
                var transform = Base("TransformationEvent", at.AddHours(9), "commissioning", "active", farm);
                transform.Remove("disposition");
                transform["disposition"] = "active";
                transform["inputQuantityList"] = new JsonArray(new JsonObject { ["epcClass"] = lot, ["quantity"] = 300, ["uom"] = "KGM" });
                transform["outputQuantityList"] = new JsonArray(new JsonObject { ["epcClass"] = product, ["quantity"] = 1200, ["uom"] = "H87" });
                events.Add(transform);
            }
        }
        var document = new JsonObject
        {
            ["@context"] = new JsonArray("https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"),
            ["type"] = "EPCISDocument",
            ["schemaVersion"] = "2.0",
            ["creationDate"] = "2026-11-29T08:00:00.000+08:00",
            ["epcisBody"] = new JsonObject { ["eventList"] = events },
        };
        return Encoding.UTF8.GetBytes(document.ToJsonString());
    }

    [GlobalSetup]
    public void Setup()
    {
        _document = FoodDocument(Events, seed: 1);
        EpcisSchema.Warm();
        // Refuse to time a broken product: the document must pass the schema and be read into 1,000 events.
        var (read, errors, _) = EpcisDocumentCapture.Check(_document);
        if (read is null || read.Events.Count != Events)
        {
            throw new InvalidOperationException("The benchmark document is not valid: " + string.Join("; ", errors.Take(5).Select(e => e.Path + " " + e.Message)));
        }
    }

    [Benchmark]
    public bool Schema_1000()
    {
        using var parsed = JsonDocument.Parse(_document);
        return EpcisSchema.Validate(parsed.RootElement).Count == 0;
    }

    [Benchmark]
    public int Read_1000() => EpcisDocumentReader.Read(Encoding.UTF8.GetString(_document)).Events.Count;

    [Benchmark]
    public int Check_1000() => EpcisDocumentCapture.Check(_document).Read!.Events.Count;
}

/// <summary>The whole capture of the same document, into a SQLite file and into PostgreSQL (<c>SHIAN_BENCH_PG</c>).</summary>
[MemoryDiagnoser]
public class EpcisStoreBenchmarks
{
    [Params("sqlite", "postgres")]
    public string Database { get; set; } = "sqlite";

    private byte[][] _documents = [];
    private int _next;
    private string _folder = "";
    private string? _pgAdmin;
    private string? _pgName;
    private ServiceProvider? _services;
    private Guid _business;
    private Guid _user;

    [GlobalSetup]
    public void Setup()
    {
        // Distinct documents, so that each iteration stores new events as a live repository would.
        _documents = [.. Enumerable.Range(0, 64).Select(i => EpcisCaptureBenchmarks.FoodDocument(EpcisCaptureBenchmarks.Events, seed: 100 + i))];
        EpcisSchema.Warm();
        DatabaseSettings settings;
        if (Database == "postgres")
        {
            _pgAdmin = Environment.GetEnvironmentVariable("SHIAN_BENCH_PG")
                ?? throw new InvalidOperationException("Set SHIAN_BENCH_PG to an administrator connection string (e.g. Host=127.0.0.1;Port=55432;Username=postgres).");
            _pgName = "shian_bench_epcis_" + Guid.NewGuid().ToString("N")[..8];
            using (var admin = new Npgsql.NpgsqlConnection(_pgAdmin))
            {
                admin.Open();
                using var create = new Npgsql.NpgsqlCommand($"CREATE DATABASE {_pgName}", admin);
                create.ExecuteNonQuery();
            }
            settings = new DatabaseSettings(DatabaseProvider.Postgres, new Npgsql.NpgsqlConnectionStringBuilder(_pgAdmin) { Database = _pgName }.ConnectionString);
        }
        else
        {
            _folder = Directory.CreateTempSubdirectory("shian-bench-epcis-").FullName;
            settings = DatabaseSettings.FromArgument(Path.Combine(_folder, "shian.db"));
        }
        var services = new ServiceCollection();
        services.AddSingleton<IAuditActor>(new FixedAuditActor("bench"));
        services.AddShianData(settings);
        _services = services.BuildServiceProvider();
        using var scope = _services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ShianDb>();
        if (!ShianData.MigrateAsync(db).GetAwaiter().GetResult().Ok)
        {
            throw new InvalidOperationException("The benchmark database did not open.");
        }
        var jurisdiction = DistrictFiles.ReadDemo().Jurisdiction!;
        db.Jurisdictions.Add(jurisdiction);
        db.SaveChanges();
        var (businesses, _) = DemoBusinesses.Generate(jurisdiction.Townships, 1, DateTime.UtcNow, seed: 5);
        db.Businesses.AddRange(businesses);
        var user = new Shian.Accounts.ShianUser { UserName = "bench", NormalizedUserName = "BENCH", DisplayName = "bench", CreatedAt = DateTime.UtcNow };
        db.Users.Add(user);
        db.SaveChanges();
        _business = businesses[0].Id;
        _user = user.Id;
    }

    /// <summary>The set-up database, for <see cref="CaptureThroughput"/>: its services, the capturing business and user.</summary>
    internal (ServiceProvider Services, Guid Business, Guid User) Store => (_services!, _business, _user);

    [Benchmark]
    public int Capture_1000()
    {
        using var scope = _services!.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ShianDb>();
        var document = _documents[_next++ % _documents.Length];
        var outcome = EpcisDocumentCapture.CaptureAsync(db, document, _business, _user, DateTime.UtcNow).GetAwaiter().GetResult();
        if (outcome.Job is not { EventCount: EpcisCaptureBenchmarks.Events })
        {
            throw new InvalidOperationException("Capture failed: " + string.Join("; ", outcome.Errors.Take(5).Select(e => e.Path + " " + e.Message)));
        }
        return outcome.Job.EventCount;
    }

    [GlobalCleanup]
    public void Drop()
    {
        _services?.Dispose();
        if (_pgName is not null)
        {
            Npgsql.NpgsqlConnection.ClearAllPools();
            using var admin = new Npgsql.NpgsqlConnection(_pgAdmin);
            admin.Open();
            using var drop = new Npgsql.NpgsqlCommand($"DROP DATABASE IF EXISTS {_pgName} WITH (FORCE)", admin);
            drop.ExecuteNonQuery();
        }
        else
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(_folder, recursive: true);
        }
    }
}
