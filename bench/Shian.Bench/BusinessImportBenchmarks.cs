using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using Shian.Audit;
using Shian.Data;
using Shian.Demo;
using Shian.Organization;
using Shian.Registry;

namespace Shian.Bench;

/// <summary>
/// Importing 100,000 businesses from one .xlsx file into a fresh SQLite database, as `shian businesses import` and the
/// web import do: read, check every row, store all in one transaction with the audit trail. Target: under 60 s.
/// Each iteration starts from an empty register (same file, new database), so runs are comparable.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 0, iterationCount: 3)]
public class BusinessImportBenchmarks
{
    private const int Rows = 100_000;
    private byte[] _workbook = [];
    private string _folder = "";
    private ServiceProvider? _services;
    private AsyncServiceScope _scope;

    [GlobalSetup]
    public void MakeWorkbook()
    {
        var townships = DistrictFiles.ReadDemo().Jurisdiction!.Townships;
        foreach (var township in townships)
        {
            township.Id = Guid.NewGuid(); // the file names townships, not ids
        }
        var (businesses, _) = DemoBusinesses.Generate(townships, Rows, DateTime.UtcNow, seed: 7);
        var names = townships.ToDictionary(t => t.Id, t => t.Name);
        using var stream = new MemoryStream();
        stream.SaveAs(businesses.Select(b => new Dictionary<string, object?>
        {
            [BusinessInput.Columns.Name] = b.Name, [BusinessInput.Columns.CreditCode] = b.CreditCode, [BusinessInput.Columns.LegalRepresentative] = b.LegalRepresentative,
            [BusinessInput.Columns.Address] = b.Address, [BusinessInput.Columns.Township] = names[b.TownshipId],
            [BusinessInput.Columns.Subtype] = BusinessTypes.FindSubtype(b.Subtype)!.Name, [BusinessInput.Columns.ContactPhone] = b.ContactPhone,
            [BusinessInput.Columns.Tags] = string.Join("、", b.TagList.Select(t => BusinessTypes.FindTag(t)!.Name)),
            [BusinessInput.Columns.Latitude] = b.Latitude, [BusinessInput.Columns.Longitude] = b.Longitude,
        }));
        _workbook = stream.ToArray();
    }

    [IterationSetup]
    public void EmptyDatabase()
    {
        _folder = Directory.CreateTempSubdirectory("shian-bench-").FullName;
        var services = new ServiceCollection();
        services.AddSingleton<IAuditActor>(new FixedAuditActor("bench"));
        services.AddShianData(DatabaseSettings.FromArgument(Path.Combine(_folder, "shian.db")));
        _services = services.BuildServiceProvider();
        _scope = _services.CreateAsyncScope();
        var db = _scope.ServiceProvider.GetRequiredService<ShianDb>();
        if (!ShianData.MigrateAsync(db).GetAwaiter().GetResult().Ok)
        {
            throw new InvalidOperationException("The benchmark database did not open.");
        }
        db.Jurisdictions.Add(DistrictFiles.ReadDemo().Jurisdiction!);
        db.SaveChanges();
        db.ChangeTracker.Clear();
    }

    [Benchmark]
    public async Task<int> Import_100K_from_xlsx()
    {
        var db = _scope.ServiceProvider.GetRequiredService<ShianDb>();
        var (imported, errors) = await BusinessImport.ImportAsync(db, _workbook, "businesses.xlsx", mayOverride: false, TimeProvider.System);
        if (errors.Count > 0 || imported != Rows || await db.Businesses.CountAsync() != Rows)
        {
            throw new InvalidOperationException($"The import did not store every row: {imported} imported, {errors.Count} errors, first: {errors.FirstOrDefault()}");
        }
        return imported;
    }

    [IterationCleanup]
    public void Drop()
    {
        _scope.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _services?.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
