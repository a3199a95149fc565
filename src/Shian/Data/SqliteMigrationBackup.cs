using Microsoft.Data.Sqlite;

namespace Shian.Data;

/// <summary>
/// The copy of a SQLite database taken before its schema is upgraded. SQLite cannot rebuild a table (add or drop a
/// foreign key, change a column) inside the migration's transaction, so EF commits such a migration in pieces and a
/// crash between them leaves a half-migrated database that no later start can finish. While the copy
/// <c>{database}.pre-migration</c> exists, an upgrade is in progress or was cut off: the next start puts the copy back
/// and migrates again. PostgreSQL needs none of this: each migration runs in one transaction there.
/// </summary>
public static class SqliteMigrationBackup
{
    /// <summary>The copy beside <paramref name="databaseFile"/>; it exists only while an upgrade runs or after one was cut off.</summary>
    public static string PathFor(string databaseFile) => databaseFile + ".pre-migration";

    private static string PartialPathFor(string databaseFile) => PathFor(databaseFile) + ".partial";

    /// <summary>Whether an upgrade of <paramref name="databaseFile"/> was cut off and its copy is waiting to be put back.</summary>
    public static bool IsLeftOver(string databaseFile) => File.Exists(PathFor(databaseFile));

    /// <summary>
    /// Copies the database before an upgrade. The copy is written under a temporary name and renamed when complete, so
    /// a crash while copying leaves the database untouched and no copy to restore. A database without tables (a new
    /// file) is recorded as an empty copy: putting it back means starting the file again.
    /// </summary>
    public static void Take(string databaseFile)
    {
        var partial = PartialPathFor(databaseFile);
        File.Delete(partial);
        using (var source = Open(databaseFile, SqliteOpenMode.ReadWrite))
        {
            using var tables = source.CreateCommand();
            tables.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table'";
            if ((long)tables.ExecuteScalar()! == 0)
            {
                File.WriteAllBytes(partial, []);
            }
            else
            {
                // The backup API copies a consistent snapshot page by page, including what is still in the write-ahead log.
                using var copy = Open(partial, SqliteOpenMode.ReadWriteCreate);
                source.BackupDatabase(copy);
            }
        }
        using (var written = new FileStream(partial, FileMode.Open, FileAccess.ReadWrite))
        {
            written.Flush(flushToDisk: true);
        }
        File.Move(partial, PathFor(databaseFile), overwrite: true);
    }

    /// <summary>
    /// Puts the copy back over the database and deletes it. Through the backup API, so that SQLite's own locks and the
    /// write-ahead log of the interrupted upgrade are respected; an empty copy deletes the database files instead. The
    /// caller closes its own pooled connections to the file first.
    /// </summary>
    public static void Restore(string databaseFile)
    {
        var backup = PathFor(databaseFile);
        if (new FileInfo(backup).Length == 0)
        {
            foreach (var file in new[] { databaseFile, databaseFile + "-wal", databaseFile + "-shm", databaseFile + "-journal" })
            {
                File.Delete(file);
            }
        }
        else
        {
            using var source = Open(backup, SqliteOpenMode.ReadOnly);
            using var destination = Open(databaseFile, SqliteOpenMode.ReadWrite);
            source.BackupDatabase(destination);
        }
        File.Delete(backup);
    }

    /// <summary>Deletes the copy once the upgrade has completed, and any partial copy a crash while copying left.</summary>
    public static void Discard(string databaseFile)
    {
        File.Delete(PartialPathFor(databaseFile));
        File.Delete(PathFor(databaseFile));
    }

    private static SqliteConnection Open(string file, SqliteOpenMode mode)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = mode, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }
}
