using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Shian.Data;

/// <summary>
/// Inserts many rows of one entity, bypassing the change tracker (and therefore the audit interceptor: the caller
/// records what it wrote). Columns, names and value conversions come from the EF model, so the rows are stored exactly
/// as SaveChanges would store them, in SQLite and PostgreSQL alike. For the tables written by the thousand (risk grade
/// history, EPCIS events and their identifiers, the transparency log); everything else goes through SaveChanges.
/// </summary>
public static class BulkInsert
{
    public static async Task RunAsync<T>(ShianDb db, IReadOnlyList<T> rows, CancellationToken ct = default) where T : class
    {
        if (rows.Count == 0)
        {
            return;
        }
        var plan = Plans.GetOrAdd((db.Model, typeof(T)), key => Plan.For(db, key.Type));
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            if (db.Database.GetDbConnection() is NpgsqlConnection postgres)
            {
                await CopyAsync(postgres, plan, rows, ct);
            }
            else
            {
                await InsertEachAsync(db.Database.GetDbConnection(), transaction, plan, rows, ct);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
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
            return value is Enum ? Convert.ChangeType(value, Enum.GetUnderlyingType(value.GetType()), System.Globalization.CultureInfo.InvariantCulture) : value;
        }
    }

    private sealed record Plan(string Table, IReadOnlyList<Column> Columns, string InsertSql, string CopySql)
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
            return new Plan(name, columns,
                $"INSERT INTO {name} ({list}) VALUES ({string.Join(", ", columns.Select((_, i) => $"@p{i}"))})",
                $"COPY {name} ({list}) FROM STDIN (FORMAT BINARY)");
        }
    }

    /// <summary>
    /// SQLite is in-process: one prepared single-row statement, its parameters bound anew for each row, is fastest
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
