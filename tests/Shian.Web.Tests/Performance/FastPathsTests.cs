using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shian.Accounts;
using Shian.Data;
using Shian.Demo;
using Shian.Organization;
using Shian.Performance;
using Shian.Traceability;
using Shian.Web.Tests.Traceability;

namespace Shian.Web.Tests.Performance;

/// <summary>
/// <c>Performance:FastPaths</c>: on, a capture's rows bypass the change tracker (BulkInsert); off, they go through
/// SaveChanges. Either way the same rows are stored and none of them is audited row by row. On the run's provider.
/// </summary>
public sealed class FastPathsTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_capture_stores_the_same_rows_on_either_path(bool fastPaths)
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var services = await TestDatabase.MigratedServicesAsync(database.Settings, new PerformanceSettings(fastPaths));
        var (business, user) = await SeedAsync(services);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShianDb>();
        var savedThroughSaveChanges = 0;
        db.SavedChanges += (_, e) => savedThroughSaveChanges += e.EntitiesSavedCount;
        var events = Enumerable.Range(0, 3).Select(i => EpcisKit.Commission($"urn:epc:class:lgtin:4012345.011111.F{i}")).ToArray();

        var outcome = await EpcisDocumentCapture.CaptureAsync(db, Encoding.UTF8.GetBytes(EpcisKit.Document(events).ToJsonString()), business, user, DateTime.UtcNow);

        Assert.True(outcome.Succeeded, string.Join("; ", outcome.Errors.Select(e => e.Message)));
        db.ChangeTracker.Clear();
        Assert.Equal(3, await db.EpcisEvents.CountAsync(e => e.CaptureJobId == outcome.Job!.Id));
        Assert.Equal(3, await db.EpcisEventEpcs.CountAsync());
        Assert.Equal(3L, await db.LedgerEntries.CountAsync());
        Assert.Equal(0, await db.AuditEntries.CountAsync(a => a.Entity == nameof(EpcisEvent) || a.Entity == nameof(EpcisEventEpc) || a.Entity == nameof(Shian.Ledger.LedgerEntry)));
        // The job (and its audit row) goes through SaveChanges on both paths; on the plain one so do the events,
        // identifiers and log rows.
        if (fastPaths)
        {
            Assert.Equal(2, savedThroughSaveChanges);
        }
        else
        {
            Assert.True(savedThroughSaveChanges > 3 + 3 + 3, $"{savedThroughSaveChanges} rows went through SaveChanges");
        }
    }

    [Fact]
    public async Task The_SQLite_writer_is_registered_only_for_SQLite_and_used_only_on_the_fast_paths()
    {
        await using var database = await TestDatabase.CreateAsync();
        foreach (var fastPaths in new[] { true, false })
        {
            await using var services = await TestDatabase.MigratedServicesAsync(database.Settings, new PerformanceSettings(fastPaths));
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ShianDb>();
            Assert.Equal(!TestDatabase.IsPostgres, services.GetService<SqliteWriter>() is not null);
            Assert.Equal(fastPaths && !TestDatabase.IsPostgres, db.SqliteWriter() is not null);
            Assert.Equal(fastPaths, db.PerformanceSettings().FastPaths);
        }
    }

    private static async Task<(Guid Business, Guid User)> SeedAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShianDb>();
        var jurisdiction = DistrictFiles.ReadDemo().Jurisdiction!;
        db.Jurisdictions.Add(jurisdiction);
        var (businesses, _) = DemoBusinesses.Generate(jurisdiction.Townships, 1, DateTime.UtcNow, seed: 7);
        db.Businesses.AddRange(businesses);
        var user = new ShianUser { UserName = "capture", NormalizedUserName = "CAPTURE", DisplayName = "capture", CreatedAt = DateTime.UtcNow };
        db.Users.Add(user);
        await db.SaveChangesAsync();
        return (businesses[0].Id, user.Id);
    }
}
