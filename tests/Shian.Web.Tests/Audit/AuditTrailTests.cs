using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shian.Audit;
using Shian.Data;
using Shian.Organization;

namespace Shian.Web.Tests.Audit;

/// <summary>The audit trail on a real database: what it records, and that concurrent writers never fork the chain.</summary>
public sealed class AuditTrailTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _services = await TestDatabase.MigratedServicesAsync(_database.Settings);
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _database.DisposeAsync();
    }

    private async Task<Guid> AddJurisdictionAsync()
    {
        await using var scope = _services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShianDb>();
        var jurisdiction = new Jurisdiction { RegionCode = "120119", Name = "蓟州区", PlatformName = "平台" };
        db.Jurisdictions.Add(jurisdiction);
        await db.SaveChangesAsync();
        return jurisdiction.Id;
    }

    [Fact]
    public async Task Insert_update_and_delete_are_recorded_with_who_and_the_values()
    {
        var jurisdictionId = await AddJurisdictionAsync();
        Guid townshipId;
        await using (var scope = _services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ShianDb>();
            var township = new Township { JurisdictionId = jurisdictionId, Code = "120119001", Name = "文昌街道", Kind = "街道" };
            db.Townships.Add(township);
            await db.SaveChangesAsync();
            townshipId = township.Id;
            township.Name = "文昌街道（改）";
            await db.SaveChangesAsync();
            db.Townships.Remove(township);
            await db.SaveChangesAsync();
        }

        await using var check = _services.CreateAsyncScope();
        var rows = await check.ServiceProvider.GetRequiredService<ShianDb>().AuditEntries
            .Where(a => a.Entity == nameof(Township) && a.EntityId == townshipId.ToString())
            .OrderBy(a => a.Sequence).ToListAsync();
        Assert.Equal([AuditAction.Insert, AuditAction.Update, AuditAction.Delete], rows.Select(r => r.Action));
        Assert.All(rows, r => Assert.Equal("tester", r.Actor));
        Assert.Contains("\"Name\":\"文昌街道\"", rows[0].NewValues);
        Assert.Null(rows[0].OldValues);
        Assert.Equal("{\"Name\":\"文昌街道\"}", rows[1].OldValues);
        Assert.Equal("{\"Name\":\"文昌街道（改）\"}", rows[1].NewValues);
        Assert.Contains("\"Code\":\"120119001\"", rows[2].OldValues);
        Assert.Null(rows[2].NewValues);
        Assert.Equal(7, townshipId.Version);
    }

    [Fact]
    public async Task A_failed_save_leaves_neither_the_change_nor_an_audit_row()
    {
        var jurisdictionId = await AddJurisdictionAsync();
        long before;
        await using (var scope = _services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ShianDb>();
            before = await db.AuditEntries.CountAsync();
            db.Townships.Add(new Township { JurisdictionId = jurisdictionId, Code = "120119100", Name = "渔阳镇", Kind = "镇" });
            db.Townships.Add(new Township { JurisdictionId = jurisdictionId, Code = "120119100", Name = "重复", Kind = "镇" });
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        }
        await using var check = _services.CreateAsyncScope();
        var after = check.ServiceProvider.GetRequiredService<ShianDb>();
        Assert.Equal(before, await after.AuditEntries.CountAsync());
        Assert.False(await after.Townships.AnyAsync(t => t.Code == "120119100"));
        Assert.True((await after.VerifyAuditTrailAsync()).Intact);
    }

    [Fact]
    public async Task Concurrent_writers_keep_one_unbroken_chain()
    {
        var jurisdictionId = await AddJurisdictionAsync();
        long before;
        await using (var scope = _services.CreateAsyncScope())
        {
            before = await scope.ServiceProvider.GetRequiredService<ShianDb>().AuditEntries.LongCountAsync();
        }
        const int writers = 8;
        const int savesEach = 10;
        await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < savesEach; i++)
            {
                await using var scope = _services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<ShianDb>();
                db.Units.Add(new Unit { JurisdictionId = jurisdictionId, Name = $"单位{w}-{i}", Kind = UnitKind.Department });
                await db.SaveChangesAsync();
            }
        })));

        await using var check = _services.CreateAsyncScope();
        var verification = await check.ServiceProvider.GetRequiredService<ShianDb>().VerifyAuditTrailAsync(batchSize: 7);
        Assert.True(verification.Intact, verification.Break?.Reason.ToString());
        // One more row per unit, numbered without gaps.
        Assert.Equal(before + writers * savesEach, verification.Rows);
    }

    [Fact]
    public async Task The_database_refuses_to_change_or_remove_audit_rows()
    {
        await AddJurisdictionAsync();
        await using var scope = _services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShianDb>();
        await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("UPDATE \"AuditEntries\" SET \"Actor\" = 'mallory'"));
        await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("DELETE FROM \"AuditEntries\""));
        Assert.Equal("tester", await db.AuditEntries.Select(a => a.Actor).FirstAsync());
    }
}
