using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using Shian.Data;
using SQLitePCL;

namespace Shian.Performance;

/// <summary>
/// Inserts many rows of one entity, bypassing the change tracker (and therefore the audit interceptor: the caller
/// records what it wrote). Columns, names and value conversions come from the EF model, so the rows are stored exactly
/// as SaveChanges would store them, in SQLite and PostgreSQL alike. For the tables written by the thousand (risk grade
/// history, EPCIS events and their identifiers, the transparency log); everything else goes through SaveChanges.
/// With <see cref="PerformanceSettings.FastPaths"/> off the rows go through EF's change tracker and SaveChanges instead
/// (still without audit rows), as plain EF code would write them.
/// </summary>
public static class BulkInsert
{
    public static async Task RunAsync<T>(ShianDb db, IReadOnlyList<T> rows, CancellationToken ct = default) where T : class
    {
        if (rows.Count == 0)
        {
            return;
        }
        if (!db.PerformanceSettings().FastPaths)
        {
            await SaveChangesAsync(db, rows, ct);
            return;
        }
        var plan = Plans.GetOrAdd((db.Model, typeof(T)), key => Plan.For(db, key.Type));
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            if (db.Database.GetDbConnection() is NpgsqlConnection postgres)
            {
                await CopyAsync(postgres, plan, rows, ct);
            }
            else if (plan.SqliteBindsDirectly && db.Database.GetDbConnection() is SqliteConnection sqlite)
            {
                InsertEachDirectly(sqlite, plan, rows);
            }
            else
            {
                await InsertEachAsync(db.Database.GetDbConnection(), db.Database.CurrentTransaction?.GetDbTransaction(), plan, rows, ct);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// The plain path: each row added to the change tracker by itself (not the objects it refers to, which their own
    /// batch writes) and saved with SaveChanges, then let go, as the fast path leaves nothing tracked. Changes that were
    /// already pending are saved first, audited as usual.
    /// </summary>
    private static async Task SaveChangesAsync<T>(ShianDb db, IReadOnlyList<T> rows, CancellationToken ct) where T : class
    {
        if (db.ChangeTracker.HasChanges())
        {
            await db.SaveChangesAsync(ct);
        }
        var detect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        db.SavingUnaudited = true;
        try
        {
            foreach (var row in rows)
            {
                db.Entry(row).State = EntityState.Added;
            }
            await db.SaveChangesAsync(ct);
        }
        finally
        {
            db.SavingUnaudited = false;
            foreach (var row in rows)
            {
                db.Entry(row).State = EntityState.Detached;
            }
            db.ChangeTracker.AutoDetectChangesEnabled = detect;
        }
    }

    private static readonly ConcurrentDictionary<(IModel Model, Type Type), Plan> Plans = new();

    /// <summary>One column: how to read it from an entity and turn it into what the provider stores.</summary>
    private sealed record Column(string Name, IProperty Property, RelationalTypeMapping Mapping, IClrPropertyGetter Getter)
    {
        /// <summary>The stored value, converted as SaveChanges converts it (UTC instants, enums by name).</summary>
        public object? StoreValue(object entity)
        {
            var value = Getter.GetClrValue(entity);
            if (value is null)
            {
                return null;
            }
            if (Mapping.Converter is { } converter)
            {
                return converter.ConvertToProvider(value);
            }
            return value is Enum ? Convert.ChangeType(value, Enum.GetUnderlyingType(value.GetType()), CultureInfo.InvariantCulture) : value;
        }
    }

    private sealed record Plan(IReadOnlyList<Column> Columns, string InsertSql, string CopySql, bool SqliteBindsDirectly)
    {
        public static Plan For(ShianDb db, Type type)
        {
            var entity = db.Model.FindEntityType(type) ?? throw new InvalidOperationException($"{type.Name} is not mapped.");
            var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
            var sql = db.GetService<ISqlGenerationHelper>();
            var columns = entity.GetProperties()
                .Select(p => new Column(p.GetColumnName(table)!, p, p.GetRelationalTypeMapping(), p.GetGetter()))
                .ToList();
            var name = sql.DelimitIdentifier(table.Name, table.Schema);
            var list = string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.Name)));
            return new Plan(columns,
                $"INSERT INTO {name} ({list}) VALUES ({string.Join(", ", columns.Select((_, i) => $"@p{i}"))})",
                $"COPY {name} ({list}) FROM STDIN (FORMAT BINARY)",
                columns.All(c => BindsDirectly(c.Mapping)));
        }
    }

    /// <summary>
    /// SQLite, for the column types <see cref="BindDirectly"/> knows: one prepared single-row statement whose values are
    /// bound by position straight through SQLitePCL. Binding through <see cref="SqliteParameter"/>s looked each one up
    /// by name and converted each string to UTF-8 in managed code for every row, about half of the insert's time.
    /// </summary>
    private static void InsertEachDirectly<T>(SqliteConnection connection, Plan plan, IReadOnlyList<T> rows) where T : class
    {
        var handle = connection.Handle!;
        SqliteException.ThrowExceptionForRC(raw.sqlite3_prepare_v2(handle, plan.InsertSql, out var statement), handle);
        using (statement)
        {
            foreach (var row in rows)
            {
                for (var c = 0; c < plan.Columns.Count; c++)
                {
                    SqliteException.ThrowExceptionForRC(BindDirectly(statement, c + 1, plan.Columns[c].StoreValue(row)), handle);
                }
                StepDirectly(statement, handle);
                raw.sqlite3_reset(statement);
            }
        }
    }

    /// <summary>Runs the statement, waiting out another connection's write lock as Microsoft.Data.Sqlite does.</summary>
    private static void StepDirectly(sqlite3_stmt statement, sqlite3 handle)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        int rc;
        while ((rc = raw.sqlite3_step(statement)) is raw.SQLITE_BUSY or raw.SQLITE_LOCKED && waited.Elapsed < BusyTimeout)
        {
            raw.sqlite3_reset(statement);
            Thread.Sleep(10);
        }
        if (rc != raw.SQLITE_DONE)
        {
            raw.sqlite3_reset(statement);
            SqliteException.ThrowExceptionForRC(rc, handle);
        }
    }

    private static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Whether <see cref="BindDirectly"/> stores the column's provider values as Microsoft.Data.Sqlite would.</summary>
    private static bool BindsDirectly(RelationalTypeMapping mapping)
    {
        var type = mapping.Converter?.ProviderClrType ?? mapping.ClrType;
        type = Nullable.GetUnderlyingType(type) ?? type;
        type = type.IsEnum ? Enum.GetUnderlyingType(type) : type;
        return type == typeof(string) || type == typeof(byte[]) || type == typeof(double) || IntegerTypes.Contains(type)
            || (type == typeof(Guid) || type == typeof(DateTime) || type == typeof(decimal)) && mapping.StoreType == "TEXT";
    }

    private static readonly HashSet<Type> IntegerTypes = [typeof(long), typeof(int), typeof(short), typeof(byte), typeof(bool)];

    /// <summary>
    /// Binds one stored value as Microsoft.Data.Sqlite binds it for EF's SQLite mappings: GUIDs as upper-case text, times
    /// as <c>yyyy-MM-dd HH:mm:ss.FFFFFFF</c> text, decimals as text (BulkInsertTests holds it to what SaveChanges stores).
    /// Text goes in as UTF-16; SQLite converts it while copying.
    /// </summary>
    private static int BindDirectly(sqlite3_stmt statement, int index, object? value)
    {
        Span<char> buffer = stackalloc char[128];
        int written;
        switch (value)
        {
            case null:
                return raw.sqlite3_bind_null(statement, index);
            case string text:
                return raw.sqlite3_bind_text16(statement, index, text);
            case byte[] bytes:
                return raw.sqlite3_bind_blob(statement, index, bytes);
            case bool flag:
                return raw.sqlite3_bind_int64(statement, index, flag ? 1 : 0);
            case long or int or short or byte:
                return raw.sqlite3_bind_int64(statement, index, Convert.ToInt64(value, CultureInfo.InvariantCulture));
            case double number:
                return raw.sqlite3_bind_double(statement, index, number);
            case Guid guid when guid.TryFormat(buffer, out written):
                System.Text.Ascii.ToUpperInPlace(buffer[..written], out written);
                return raw.sqlite3_bind_text16(statement, index, buffer[..written]);
            case DateTime time when time.TryFormat(buffer, out written, @"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFF", CultureInfo.InvariantCulture):
                return raw.sqlite3_bind_text16(statement, index, buffer[..written]);
            case decimal amount when amount.TryFormat(buffer, out written, "0.0###########################", CultureInfo.InvariantCulture):
                return raw.sqlite3_bind_text16(statement, index, buffer[..written]);
            default:
                throw new NotSupportedException($"BulkInsert does not bind {value.GetType().Name} directly.");
        }
    }

    /// <summary>
    /// SQLite, for other column types: one prepared single-row statement, its parameters bound anew for each row
    /// (wide multi-row statements make it look parameters up by name in ever longer lists).
    /// </summary>
    private static async Task InsertEachAsync<T>(DbConnection connection, DbTransaction? transaction, Plan plan, IReadOnlyList<T> rows, CancellationToken ct) where T : class
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = plan.InsertSql;
        var parameters = new DbParameter[plan.Columns.Count];
        for (var c = 0; c < parameters.Length; c++)
        {
            var column = plan.Columns[c];
            // Created through the mapping once, so that it is typed as SaveChanges types it (SQLite's text GUIDs).
            parameters[c] = column.Mapping.CreateParameter(command, $"@p{c}", column.Getter.GetClrValue(rows[0]), column.Property.IsNullable);
            command.Parameters.Add(parameters[c]);
        }
        command.Prepare();
        foreach (var row in rows)
        {
            for (var c = 0; c < parameters.Length; c++)
            {
                parameters[c].Value = plan.Columns[c].StoreValue(row) ?? DBNull.Value;
            }
            await command.ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>PostgreSQL: one binary COPY, the server's own bulk path, inside the caller's transaction.</summary>
    private static async Task CopyAsync<T>(NpgsqlConnection connection, Plan plan, IReadOnlyList<T> rows, CancellationToken ct) where T : class
    {
        await using var writer = await connection.BeginBinaryImportAsync(plan.CopySql, ct);
        foreach (var row in rows)
        {
            await writer.StartRowAsync(ct);
            foreach (var column in plan.Columns)
            {
                var value = column.StoreValue(row);
                if (value is null)
                {
                    await writer.WriteNullAsync(ct);
                }
                else
                {
                    await writer.WriteAsync(value, column.Mapping.StoreTypeNameBase, ct);
                }
            }
        }
        await writer.CompleteAsync(ct);
    }
}
