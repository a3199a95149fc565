namespace Shian.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>Which database to use. SQLite in <c>data/shian.db</c> under the working directory unless configured otherwise.</summary>
public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString)
{
    public static string DefaultSqlitePath => Path.Combine(Directory.GetCurrentDirectory(), "data", "shian.db");

    public static DatabaseSettings DefaultSqlite => Sqlite(DefaultSqlitePath);

    public static DatabaseSettings Sqlite(string path) => new(DatabaseProvider.Sqlite, $"Data Source={path}");

    /// <summary>
    /// From configuration: <c>Database:Provider</c> (Sqlite or Postgres) and <c>Database:ConnectionString</c> (or the
    /// connection string named <c>Shian</c>).
    /// </summary>
    public static DatabaseSettings FromConfiguration(string? provider, string? connection)
    {
        if (string.IsNullOrWhiteSpace(provider))
        {
            return connection is null ? DefaultSqlite : FromArgument(connection);
        }
        if (provider.Equals("Postgres", StringComparison.OrdinalIgnoreCase) || provider.Equals("PostgreSQL", StringComparison.OrdinalIgnoreCase))
        {
            return new DatabaseSettings(DatabaseProvider.Postgres,
                connection ?? throw new InvalidOperationException("Database:Provider is Postgres but Database:ConnectionString is not set."));
        }
        if (provider.Equals("Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            return connection is null ? DefaultSqlite : FromArgument(connection);
        }
        throw new InvalidOperationException($"Database:Provider '{provider}' is not supported; use Sqlite or Postgres.");
    }

    /// <summary>
    /// The CLI's <c>--db</c> value: a bare <c>Data Source=…</c> or a file path means SQLite; a connection string with
    /// <c>Host=</c> (or <c>Server=</c>) means PostgreSQL.
    /// </summary>
    public static DatabaseSettings FromArgument(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return DefaultSqlite;
        }
        var text = value.Trim();
        if (text.StartsWith("Data Source=", StringComparison.OrdinalIgnoreCase) || text.StartsWith("DataSource=", StringComparison.OrdinalIgnoreCase)
            || text.StartsWith("Filename=", StringComparison.OrdinalIgnoreCase))
        {
            return new DatabaseSettings(DatabaseProvider.Sqlite, text);
        }
        if (text.Contains("Host=", StringComparison.OrdinalIgnoreCase) || text.Contains("Server=", StringComparison.OrdinalIgnoreCase))
        {
            return new DatabaseSettings(DatabaseProvider.Postgres, text);
        }
        return Sqlite(Path.GetFullPath(text));
    }

    /// <summary>The SQLite file, or null for PostgreSQL and in-memory databases.</summary>
    public string? SqliteFile
    {
        get
        {
            if (Provider != DatabaseProvider.Sqlite)
            {
                return null;
            }
            var builder = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(ConnectionString);
            return builder.DataSource is "" or ":memory:" || builder.Mode == Microsoft.Data.Sqlite.SqliteOpenMode.Memory
                ? null
                : Path.GetFullPath(builder.DataSource);
        }
    }

    /// <summary>Safe to print: PostgreSQL passwords removed.</summary>
    public string Describe() => Provider == DatabaseProvider.Sqlite
        ? $"SQLite {SqliteFile ?? ConnectionString}"
        : "PostgreSQL " + string.Join(';', ConnectionString.Split(';').Where(p => !p.TrimStart().StartsWith("Password", StringComparison.OrdinalIgnoreCase)));
}
