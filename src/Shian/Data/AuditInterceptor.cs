using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Shian.Audit;
using Shian.Common;

namespace Shian.Data;

/// <summary>
/// Records every insert, update and delete made through <see cref="ShianDb"/> as hash-chained <see cref="AuditEntry"/>
/// rows, written in the same transaction as the change. Appends are serialised by the database itself (SQLite's
/// write lock, a PostgreSQL advisory lock), so concurrent writers never fork the chain.
/// </summary>
public sealed class AuditInterceptor(IAuditActor actor, TimeProvider clock) : SaveChangesInterceptor
{
    // Values that must never reach the trail; a change to them is recorded as "changed" without the value.
    // "Xml" is a data-protection key ring entry (the key material that signs cookies and form tokens).
    private static readonly HashSet<string> Secret = ["PasswordHash", "SecurityStamp", "ConcurrencyStamp", "Hash", "Xml"];
    private const string Hidden = "***";
    private const long PostgresAppendLockKey = 0x5348_4941_4E41; // "SHIANA"

    private static readonly JsonSerializerOptions Json = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // keep Chinese readable in the trail
        Converters = { new JsonStringEnumConverter() },
    };

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is ShianDb db)
        {
            AppendAsync(db, CancellationToken.None).GetAwaiter().GetResult();
        }
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is ShianDb db)
        {
            await AppendAsync(db, cancellationToken);
        }
        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Finish(eventData.Context, commit: true);
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is ShianDb { AuditTransaction: { } transaction } db)
        {
            db.AuditTransaction = null;
            await transaction.CommitAsync(cancellationToken);
            await transaction.DisposeAsync();
        }
        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Finish(eventData.Context, commit: false);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Finish(eventData.Context, commit: false);
        return Task.CompletedTask;
    }

    private async Task AppendAsync(ShianDb db, CancellationToken ct)
    {
        if (db.SavingUnaudited)
        {
            return;
        }
        db.ChangeTracker.DetectChanges();
        var changes = db.ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .ToList();
        if (changes.Any(e => e.Entity is AuditEntry && e.State != EntityState.Added))
        {
            throw new InvalidOperationException("The audit trail is append-only.");
        }
        changes.RemoveAll(e => e.Entity is AuditEntry);
        if (changes.Count == 0)
        {
            return;
        }

        if (db.Database.CurrentTransaction is null)
        {
            // Microsoft.Data.Sqlite begins IMMEDIATE transactions: the write lock is ours before we read the chain's tail.
            db.AuditTransaction = await db.Database.BeginTransactionAsync(ct);
        }
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({PostgresAppendLockKey})", ct);
        }

        var tail = await db.AuditEntries.AsNoTracking()
            .OrderByDescending(a => a.Sequence)
            .Select(a => new { a.Sequence, a.Hash })
            .FirstOrDefaultAsync(ct);
        var sequence = tail?.Sequence ?? 0;
        var previousHash = tail?.Hash ?? AuditChain.Genesis;
        var at = ShianTime.UtcNow(clock);

        foreach (var change in changes)
        {
            if (Describe(change, at) is not { } row)
            {
                continue;
            }
            row.Sequence = ++sequence;
            AuditChain.Seal(row, previousHash);
            previousHash = row.Hash;
            db.AuditEntries.Add(row);
        }
    }

    /// <summary>The audit row for one change, or null for an update that changed no value.</summary>
    private AuditEntry? Describe(EntityEntry change, DateTime at)
    {
        var oldValues = new SortedDictionary<string, object?>(StringComparer.Ordinal);
        var newValues = new SortedDictionary<string, object?>(StringComparer.Ordinal);
        foreach (var property in change.Properties)
        {
            var name = property.Metadata.Name;
            if (property.Metadata.ClrType == typeof(byte[]))
            {
                continue; // file contents: the row records the file's hash and length, not megabytes of base64
            }
            var secret = Secret.Contains(name);
            switch (change.State)
            {
                case EntityState.Added:
                    newValues[name] = secret ? Hidden : property.CurrentValue;
                    break;
                case EntityState.Deleted:
                    oldValues[name] = secret ? Hidden : property.OriginalValue;
                    break;
                case EntityState.Modified when property.IsModified && !Equals(property.OriginalValue, property.CurrentValue):
                    oldValues[name] = secret ? Hidden : property.OriginalValue;
                    newValues[name] = secret ? Hidden : property.CurrentValue;
                    break;
            }
        }

        if (change.State == EntityState.Modified && newValues.Count == 0)
        {
            return null;
        }

        var key = change.Metadata.FindPrimaryKey()!.Properties
            .Select(p => change.Property(p.Name))
            .Select(p => p.IsTemporary ? "new" : Convert.ToString(p.CurrentValue, System.Globalization.CultureInfo.InvariantCulture));

        return new AuditEntry
        {
            At = at,
            Actor = actor.Name,
            Action = change.State switch
            {
                EntityState.Added => AuditAction.Insert,
                EntityState.Deleted => AuditAction.Delete,
                _ => AuditAction.Update,
            },
            Entity = change.Metadata.ClrType.Name,
            EntityId = string.Join(",", key),
            OldValues = change.State == EntityState.Added ? null : JsonSerializer.Serialize(oldValues, Json),
            NewValues = change.State == EntityState.Deleted ? null : JsonSerializer.Serialize(newValues, Json),
        };
    }

    private static void Finish(DbContext? context, bool commit)
    {
        if (context is not ShianDb { AuditTransaction: { } transaction } db)
        {
            return;
        }
        db.AuditTransaction = null;
        if (commit)
        {
            transaction.Commit();
        }
        else
        {
            transaction.Rollback();
        }
        transaction.Dispose();
    }
}
