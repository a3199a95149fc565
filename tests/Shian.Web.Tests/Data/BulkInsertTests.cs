using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shian.Data;
using Shian.Ledger;
using Shian.Performance;
using Shian.Traceability;

namespace Shian.Web.Tests.Data;

/// <summary>
/// Rows written by <see cref="BulkInsert"/> (SQLite: bound directly through SQLitePCL; PostgreSQL: binary COPY) are
/// stored exactly as SaveChanges stores the same values: same text for GUIDs, times and decimals, same nulls.
/// </summary>
public sealed class BulkInsertTests : IAsyncLifetime
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

    private static readonly DateTime At = new(2026, 11, 29, 8, 30, 15, 123, DateTimeKind.Utc);

    private static EpcisEvent Event(Guid id, bool full) => new()
    {
        Id = id,
        EventId = "urn:uuid:6f1c0b3e-0000-4000-8000-00000000000" + (full ? "1" : "2"),
        Type = EpcisEventType.TransformationEvent,
        EventTime = At.AddTicks(4567),
        EventTimeZoneOffset = "+08:00",
        RecordTime = At,
        Action = full ? "ADD" : null,
        BizStep = full ? "commissioning" : null,
        Disposition = full ? "https://ns.example.com/disp/新鲜" : null,
        ReadPoint = full ? "414/6901234000018" : null,
        BizLocation = null,
        BusinessId = Guid.Parse("0193a5b2-7c11-7d2e-9f00-abcdefabcdef"),
        CaptureJobId = Guid.Parse("0193a5b2-7c11-7d2e-9f00-123456789abc"),
        IsErrorDeclaration = full,
        Json = """{"type":"TransformationEvent","名称":"大米"}""",
    };

    private static EpcisEventEpc Epc(Guid id, bool full) => new()
    {
        Id = id,
        EventId = Guid.Parse("0193a5b2-7c11-7d2e-9f00-00000000000a"),
        Role = EpcRole.Output,
        Key = "01/06901234000011/10/L1",
        Quantity = full ? 1234.5m : null,
        Uom = full ? "KGM" : null,
    };

    [Fact]
    public async Task Bulk_rows_are_stored_as_SaveChanges_stores_them()
    {
        await AssertSameAsync(Event(Guid.NewGuid(), full: true), Event(Guid.NewGuid(), full: true));
        await AssertSameAsync(Event(Guid.NewGuid(), full: false), Event(Guid.NewGuid(), full: false));
        await AssertSameAsync(Epc(Guid.NewGuid(), full: true), Epc(Guid.NewGuid(), full: true));
        await AssertSameAsync(Epc(Guid.NewGuid(), full: false), Epc(Guid.NewGuid(), full: false));
        var small = Epc(Guid.NewGuid(), full: true);
        small.Quantity = 0.0001m;
        var smallSaved = Epc(Guid.NewGuid(), full: true);
        smallSaved.Quantity = 0.0001m;
        await AssertSameAsync(small, smallSaved);
        byte[] hash = [.. Enumerable.Range(0, 32).Select(i => (byte)(i * 7))];
        await AssertSameAsync(
            new LedgerEntry { Index = 0, Kind = "epcis-event", Reference = "ref", Data = hash, LeafHash = hash, AppendedAt = At },
            new LedgerEntry { Index = 1, Kind = "epcis-event", Reference = "ref", Data = hash, LeafHash = hash, AppendedAt = At });
        await AssertSameAsync(new LedgerNode { Position = 1, Hash = hash }, new LedgerNode { Position = 2, Hash = hash });
    }

    /// <summary>Writes one row with BulkInsert and an equal one (but for its key) with SaveChanges; compares every other column as stored.</summary>
    private async Task AssertSameAsync<T>(T bulk, T saved) where T : class
    {
        await using var scope = _services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShianDb>();
        var entity = db.Model.FindEntityType(typeof(T))!;
        var table = entity.GetTableName()!;
        var keys = entity.FindPrimaryKey()!.Properties.Select(p => p.GetColumnName()).ToHashSet();
        var columns = entity.GetProperties().Select(p => p.GetColumnName()).Where(c => !keys.Contains(c)).ToList();
        await using (var clear = db.Database.GetDbConnection().CreateCommand())
        {
            await db.Database.OpenConnectionAsync();
            clear.CommandText = $"DELETE FROM \"{table}\""; // the table name comes from the model
            await clear.ExecuteNonQueryAsync();
        }

        await BulkInsert.RunAsync(db, [bulk]);
        db.Add(saved);
        await db.SaveChangesAsync();

        var postgres = db.Database.IsNpgsql();
        DbConnection connection = db.Database.GetDbConnection(); // opened above, for the delete
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {string.Join(", ", columns.Select(c => postgres ? $"\"{c}\"::text" : $"quote(\"{c}\")"))} FROM \"{table}\"";
        var rows = new List<string?[]>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                rows.Add([.. Enumerable.Range(0, columns.Count).Select(i => reader.IsDBNull(i) ? null : reader.GetString(i))]);
            }
        }
        Assert.Equal(2, rows.Count);
        Assert.Equal(rows[1], rows[0]);
    }
}
