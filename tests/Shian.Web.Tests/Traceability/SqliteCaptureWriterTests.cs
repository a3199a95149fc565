using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shian.Accounts;
using Shian.Data;
using Shian.Demo;
using Shian.Organization;
using Shian.Performance;
using Shian.Traceability;

namespace Shian.Web.Tests.Traceability;

/// <summary>
/// Capture into a SQLite file (whatever SHIAN_TEST_DB says: this is SQLite's write path): the write-ahead log is copied
/// into the database file by a background checkpoint, long bursts start the log over, and the pooled connection is
/// handed back with SQLite's defaults.
/// <para>Alone, not beside other test classes: they call <see cref="SqliteConnection.ClearAllPools"/> when they finish,
/// which closes this class's pooled connections too; when the last one closes, SQLite copies the log out and deletes it,
/// and a measured log size then says nothing about the writer.</para>
/// </summary>
[Collection(nameof(SqliteFileMeasurements))]
public sealed class SqliteCaptureWriterTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "shian-tests", Guid.NewGuid().ToString("N"));
    private string File => Path.Combine(_folder, "shian.db");
    private ServiceProvider _services = null!;
    private Guid _business;
    private Guid _user;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        _services = await TestDatabase.MigratedServicesAsync(DatabaseSettings.Sqlite(File));
        await using var scope = _services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShianDb>();
        var jurisdiction = DistrictFiles.ReadDemo().Jurisdiction!;
        db.Jurisdictions.Add(jurisdiction);
        var (businesses, _) = DemoBusinesses.Generate(jurisdiction.Townships, 1, DateTime.UtcNow, seed: 7);
        db.Businesses.AddRange(businesses);
        var user = new ShianUser { UserName = "capture", NormalizedUserName = "CAPTURE", DisplayName = "capture", CreatedAt = DateTime.UtcNow };
        db.Users.Add(user);
        await db.SaveChangesAsync();
        (_business, _user) = (businesses[0].Id, user.Id);
        // Start the captures on an empty log, so that its size is theirs alone.
        await using var connection = new SqliteConnection($"Data Source={File};Pooling=False");
        await connection.OpenAsync();
        await using var truncate = connection.CreateCommand();
        truncate.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
        await truncate.ExecuteNonQueryAsync();
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean from the temp folder.
        }
    }

    private async Task<SqliteWriter> CaptureAsync(int documents, Action<SqliteWriter>? configure = null)
    {
        SqliteWriter? writer = null;
        for (var d = 0; d < documents; d++)
        {
            await using var scope = _services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ShianDb>();
            writer = _services.GetRequiredService<SqliteWriter>();
            configure?.Invoke(writer);
            var events = Enumerable.Range(0, 50).Select(i => EpcisKit.Commission($"urn:epc:class:lgtin:4012345.011111.D{d}L{i}")).ToArray();
            var outcome = await EpcisDocumentCapture.CaptureAsync(db, Encoding.UTF8.GetBytes(EpcisKit.Document(events).ToJsonString()), _business, _user, DateTime.UtcNow);
            Assert.True(outcome.Succeeded, string.Join("; ", outcome.Errors.Select(e => e.Message)));
            // One document at a time, each checkpoint finished before the next write: what happens then is deterministic.
            await writer.CheckpointsIdleAsync();
        }
        return writer!;
    }

    /// <summary>Events in the database file itself, read from a copy of it without its write-ahead log.</summary>
    private async Task<long> EventsInDatabaseFileAsync()
    {
        var copy = Path.Combine(_folder, "copy.db");
        System.IO.File.Copy(File, copy, overwrite: true);
        await using var connection = new SqliteConnection($"Data Source={copy};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM \"EpcisEvents\"";
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task<(long Autocheckpoint, long CacheSize)> PooledConnectionSettingsAsync()
    {
        await using var scope = _services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShianDb>();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_autocheckpoint";
        var autocheckpoint = (long)(await command.ExecuteScalarAsync())!;
        command.CommandText = "PRAGMA cache_size";
        return (autocheckpoint, (long)(await command.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task A_new_database_file_has_16_KB_pages()
    {
        await using var connection = new SqliteConnection($"Data Source={File};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA page_size";
        Assert.Equal(16384L, await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Captured_events_reach_the_database_file_through_the_background_checkpoint()
    {
        // Three small documents stay far below SQLite's own checkpoint mark (1,000 pages): only the writer's background
        // checkpoint copies them out of the log.
        await CaptureAsync(3);

        Assert.Equal(150, await EventsInDatabaseFileAsync());
        Assert.Equal((1000, -2000), await PooledConnectionSettingsAsync());
    }

    [Fact]
    public async Task A_failed_checkpoint_is_logged()
    {
        // A writer whose checkpoints go to a database that cannot be opened (its folder does not exist).
        var log = new RecordingLogger<SqliteWriter>();
        await using var writer = new SqliteWriter($"Data Source={Path.Combine(_folder, "missing", "shian.db")};Mode=ReadWrite", log);
        await using var scope = _services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShianDb>();

        await writer.WriteAsync(db, () => Task.CompletedTask);
        await writer.CheckpointsIdleAsync();

        var (level, exception) = Assert.Single(log.Entries);
        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Warning, level);
        Assert.IsType<SqliteException>(exception);
    }

    [Fact]
    public async Task The_log_is_written_over_from_its_start_instead_of_growing()
    {
        await CaptureAsync(2, writer => writer.RestartLogAtPages = 1);
        var afterTwo = new FileInfo(File + "-wal").Length;
        await CaptureAsync(4, writer => writer.RestartLogAtPages = 1);
        var afterSix = new FileInfo(File + "-wal").Length;

        // The log file holds about one document, not four more on top of the first two. (Here it starts over by itself,
        // the background checkpoint having copied everything before the next write begins; the RESTART past the limit is
        // for back-to-back writers, whose timing a test cannot pin down. Either way the log must not accumulate.)
        Assert.InRange(afterSix, 1, afterTwo * 3 / 2);
        Assert.Equal(300, await EventsInDatabaseFileAsync());
    }
}

/// <summary>Tests that measure SQLite's files run after the parallel ones, one class at a time.</summary>
[CollectionDefinition(nameof(SqliteFileMeasurements), DisableParallelization = true)]
public sealed class SqliteFileMeasurements;

/// <summary>Keeps the level and exception of each entry logged.</summary>
public sealed class RecordingLogger<T> : Microsoft.Extensions.Logging.ILogger<T>
{
    private readonly List<(Microsoft.Extensions.Logging.LogLevel, Exception?)> _entries = [];

    public IReadOnlyList<(Microsoft.Extensions.Logging.LogLevel Level, Exception? Exception)> Entries
    {
        get
        {
            lock (_entries)
            {
                return [.. _entries];
            }
        }
    }

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => true;

    public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (_entries)
        {
            _entries.Add((logLevel, exception));
        }
    }
}
