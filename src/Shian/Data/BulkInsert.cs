using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Shian.Data;

/// <summary>
/// Inserts many rows of one entity with multi-row INSERT statements, bypassing the change tracker (and therefore the
/// audit interceptor: the caller records what it wrote). Columns, names and value conversions come from the EF model,
/// so the rows are stored exactly as SaveChanges would store them, in SQLite and PostgreSQL alike. For the few
/// history tables that are written by the hundred thousand (risk grades); everything else goes through SaveChanges.
/// </summary>
public static class BulkInsert
{
    public static async Task RunAsync<T>(ShianDb db, IReadOnlyList<T> rows, CancellationToken ct = default) where T : class
    {
        if (rows.Count == 0)
        {
            return;
        }
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var sql = db.GetService<ISqlGenerationHelper>();
        var columns = entity.GetProperties()
            .Select(p => (Property: p, Name: p.GetColumnName(table)!, Mapping: p.GetRelationalTypeMapping(), Getter: p.GetGetter()))
            .ToList();
        var head = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.Name)))}) VALUES ";
        // SQLite is in-process: one prepared single-row statement executed per row is fastest (it binds parameters by
        // name with a linear search, so wide multi-row statements get slower, not faster). PostgreSQL pays a round trip
        // per statement, so it gets 200 rows at a time (well inside its 65,535-parameter limit).
        var rowsPerStatement = db.Database.IsSqlite() ? 1 : 200;

        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var connection = db.Database.GetDbConnection();
            DbCommand? command = null;
            try
            {
                foreach (var chunk in rows.Chunk(rowsPerStatement))
                {
                    if (command is null || chunk.Length != rowsPerStatement)
                    {
                        // Same text, same command: SQLite keeps the statement prepared between executions.
                        if (command is not null)
                        {
                            await command.DisposeAsync();
                        }
                        command = connection.CreateCommand();
                        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
                        command.CommandText = head + string.Join(", ", Enumerable.Range(0, chunk.Length)
                            .Select(r => "(" + string.Join(", ", columns.Select((_, c) => $"@p{r}_{c}")) + ")"));
                    }
                    command.Parameters.Clear();
                    for (var r = 0; r < chunk.Length; r++)
                    {
                        for (var c = 0; c < columns.Count; c++)
                        {
                            var (property, _, mapping, getter) = columns[c];
                            var value = getter.GetClrValue(chunk[r]);
                            // CreateParameter applies the property's converters (UTC instants, enums by name, SQLite's text GUIDs).
                            command.Parameters.Add(mapping.CreateParameter(command, $"p{r}_{c}", value, property.IsNullable));
                        }
                    }
                    await command.ExecuteNonQueryAsync(ct);
                }
            }
            finally
            {
                if (command is not null)
                {
                    await command.DisposeAsync();
                }
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
