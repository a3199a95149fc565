using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shian.Audit;
using Shian.Data;
using Shian.Demo;
using Shian.Organization;
using Shian.Performance;
using Shian.Risk;

namespace Shian.Bench;

/// <summary>
/// <c>shian risk regrade</c> through a SQLite database of 100,000 businesses: read them with their factors, grade, and
/// write the history. <see cref="Regrade_100K_all_change"/> is the worst case (no grade yet, or a new sheet version
/// moving every score: a row for everyone); <see cref="Regrade_100K_none_change"/> the nightly case. Target: under 10 s.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 0, iterationCount: 3)]
public class RiskRegradeBenchmarks
{
    private const int Count = 100_000;
    private string _folder = "";
    private ServiceProvider? _services;

    [GlobalSetup]
    public void FillRegister()
    {
        _folder = Directory.CreateTempSubdirectory("shian-bench-risk-").FullName;
        var services = new ServiceCollection();
        services.AddSingleton<IAuditActor>(new FixedAuditActor("bench"));
        services.AddShianData(DatabaseSettings.FromArgument(Path.Combine(_folder, "shian.db")));
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
        RiskSheets.EnsureSeededAsync(db, DateTime.UtcNow).GetAwaiter().GetResult();
        var (businesses, _) = DemoBusinesses.Generate(jurisdiction.Townships, Count, DateTime.UtcNow, seed: 11);
        // The register is set-up, not what is measured: stored in bulk, one dynamic factor for every tenth business.
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var factors = businesses.Where((_, i) => i % 10 == 0).Select((b, i) => new RiskFactor
        {
            Id = Guid.CreateVersion7(), BusinessId = b.Id, ItemCode = RiskSheets.DynamicItems[i % RiskSheets.DynamicItems.Count].Code,
            Points = 1 + i % 10, Reason = "bench", Date = today.AddDays(-(i % 300)), RecordedAt = DateTime.UtcNow, RecordedBy = "bench",
        }).ToList();
        using (var transaction = db.Database.BeginTransaction())
        {
            BulkInsert.RunAsync(db, businesses).GetAwaiter().GetResult();
            BulkInsert.RunAsync(db, factors).GetAwaiter().GetResult();
            transaction.Commit();
        }
    }

    [IterationSetup(Target = nameof(Regrade_100K_all_change))]
    public void ForgetGrades() => Use(db => db.RiskGrades.ExecuteDeleteAsync());

    [IterationSetup(Target = nameof(Regrade_100K_none_change))]
    public void GradeOnce() => Use(async db =>
    {
        if (!await db.RiskGrades.AnyAsync())
        {
            await RiskRegrade.RunAsync(db, "bench", DateTime.UtcNow);
        }
        return 0;
    });

    [Benchmark]
    public int Regrade_100K_all_change() => Regrade(expectChanges: true);

    [Benchmark]
    public int Regrade_100K_none_change() => Regrade(expectChanges: false);

    private int Regrade(bool expectChanges) => Use(async db =>
    {
        var result = await RiskRegrade.RunAsync(db, "bench", DateTime.UtcNow);
        // Refuse a fast wrong answer: every graded business is written on a first grading and none on a repeat.
        if (result.Graded < Count / 2 || result.Changed != (expectChanges ? result.Graded : 0)
            || await db.RiskGrades.CountAsync(g => g.SupersededAt == null) != result.Graded)
        {
            throw new InvalidOperationException($"Unexpected regrade: {result.Graded} graded, {result.Changed} changed.");
        }
        return result.Changed;
    });

    private T Use<T>(Func<ShianDb, Task<T>> work)
    {
        using var scope = _services!.CreateScope();
        return work(scope.ServiceProvider.GetRequiredService<ShianDb>()).GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Drop()
    {
        _services?.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
