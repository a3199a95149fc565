using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Shian.Data;

namespace Shian.Performance;

/// <summary>
/// Large writes into one SQLite file (EPCIS capture documents of up to thousands of events):
/// <list type="bullet">
/// <item>one at a time, queued here asynchronously rather than in SQLite's busy handler, which polls with sleeps;</item>
/// <item>with a page cache that holds a whole document's pages until the commit, instead of spilling them early;</item>
/// <item>and without a checkpoint inside the commit. SQLite's automatic checkpoint (every 1,000 pages of write-ahead
/// log, so after every document or few) copies the log into the database file and syncs it in whichever commit crosses
/// the mark: it made the commit of a 1,000-event document about three times slower. Here a background task checkpoints
/// after each write instead, while the next document is being checked and written.</item>
/// </list>
/// Other writers keep SQLite's defaults. One per application (a singleton registered by
/// <see cref="ShianData.AddShianData"/> for a SQLite database); a failed checkpoint is logged, and disposing waits for
/// the last one. Used only when <see cref="PerformanceSettings.FastPaths"/> is on.
/// </summary>
public sealed class SqliteWriter(string connectionString, ILogger<SqliteWriter> logger) : IAsyncDisposable
{
    private const string Defaults = "PRAGMA cache_size=-2000; PRAGMA wal_autocheckpoint=1000;"; // SQLite's own
    private const string ForLargeWrites = "PRAGMA cache_size=-16384; PRAGMA wal_autocheckpoint=0;"; // 16 MB; no checkpoint on commit

    private readonly SemaphoreSlim _gate = new(1, 1);
    private int _checkpointState; // 0 idle, 1 running, 2 running and asked again
    private Task _checkpoints = Task.CompletedTask;

    /// <summary>
    /// The log size, in pages, past which the background checkpoint holds writers back once to start the log over.
    /// The log restarts by itself only when a write begins after everything in it was copied, a moment that
    /// back-to-back documents rarely leave, so a long burst would otherwise grow it without end. 4,096 pages is 64 MB
    /// with a new file's 16 KB pages (16 MB with SQLite's default 4 KB); the file keeps that size and is written over
    /// from its start (measured faster than truncating it and letting it grow again).
    /// </summary>
    public int RestartLogAtPages { get; set; } = 4_096;

    /// <summary>Runs <paramref name="write"/> (which commits its own transaction) as this database's one large writer.</summary>
    public async Task WriteAsync(ShianDb db, Func<Task> write, CancellationToken ct = default)
    {
        await _gate.WaitAsync(ct);
        try
        {
            await db.Database.OpenConnectionAsync(ct);
            try
            {
                await db.Database.ExecuteSqlRawAsync(ForLargeWrites, ct);
                await write();
            }
            finally
            {
                // The connection goes back to the pool: leave it as other writers expect it.
                await db.Database.ExecuteSqlRawAsync(Defaults, CancellationToken.None);
                await db.Database.CloseConnectionAsync();
            }
        }
        finally
        {
            _gate.Release();
        }
        RequestCheckpoint();
    }

    /// <summary>Completes when no background checkpoint is running (tests; an orderly shutdown).</summary>
    public Task CheckpointsIdleAsync() => Volatile.Read(ref _checkpoints);

    public async ValueTask DisposeAsync() => await CheckpointsIdleAsync();

    private void RequestCheckpoint()
    {
        while (true)
        {
            var state = Volatile.Read(ref _checkpointState);
            if (state == 2)
            {
                return;
            }
            if (Interlocked.CompareExchange(ref _checkpointState, state + 1, state) == state)
            {
                if (state == 0)
                {
                    Volatile.Write(ref _checkpoints, Task.Run(CheckpointLoopAsync));
                }
                return;
            }
        }
    }

    private async Task CheckpointLoopAsync()
    {
        do
        {
            try
            {
                await CheckpointAsync();
            }
            catch (Exception e)
            {
                // Nothing is lost: the log keeps every committed page, and the next write asks again. But a checkpoint
                // that keeps failing lets the log grow without end, so it is said.
                logger.LogWarning(e, "SQLite checkpoint after a capture failed; the write-ahead log keeps the data and the next capture retries");
            }
        }
        // Asked again while running: once more. Otherwise idle, unless a request slipped in between the two exchanges.
        while (Interlocked.CompareExchange(ref _checkpointState, 1, 2) == 2 || Interlocked.CompareExchange(ref _checkpointState, 0, 1) != 1);
    }

    private async Task CheckpointAsync()
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        // PASSIVE copies what it can without waiting for anyone, so the next document's write goes on meanwhile.
        var logPages = await RunCheckpointAsync(connection, "PASSIVE");
        if (logPages >= RestartLogAtPages)
        {
            await _gate.WaitAsync();
            try
            {
                await RunCheckpointAsync(connection, "RESTART");
            }
            finally
            {
                _gate.Release();
            }
        }
    }

    /// <summary>Runs a checkpoint and answers the log's size in pages.</summary>
    private static async Task<long> RunCheckpointAsync(SqliteConnection connection, string mode)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA wal_checkpoint({mode})";
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? reader.GetInt64(1) : 0;
    }
}
