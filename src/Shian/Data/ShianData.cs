using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Shian.Accounts;
using Shian.Audit;
using Shian.Common;
using Shian.Performance;

namespace Shian.Data;

/// <summary>Registration of the database, identity stores and audit trail, shared by the web host and the CLI.</summary>
public static class ShianData
{
    public const string SqliteMigrationsAssembly = "Shian.Migrations.Sqlite";
    public const string PostgresMigrationsAssembly = "Shian.Migrations.Postgres";

    public static void UseShianDatabase(this DbContextOptionsBuilder options, DatabaseSettings settings)
    {
        // A deployment has one jurisdiction; reading "the" jurisdiction with FirstOrDefault is intended.
        options.ConfigureWarnings(w => w.Ignore(Microsoft.EntityFrameworkCore.Diagnostics.CoreEventId.FirstWithoutOrderByAndFilterWarning));
        switch (settings.Provider)
        {
            case DatabaseProvider.Sqlite:
                options.UseSqlite(settings.ConnectionString, o => o.MigrationsAssembly(SqliteMigrationsAssembly));
                // SQLite's table rebuilds cannot run in one transaction. EF warns at every start; MigrateAsync guards them
                // instead with a copy of the file taken before and restored after a failure or crash (SqliteMigrationBackup).
                options.ConfigureWarnings(w => w.Ignore(Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.NonTransactionalMigrationOperationWarning));
                break;
            case DatabaseProvider.Postgres:
                options.UseNpgsql(settings.ConnectionString, o => o.MigrationsAssembly(PostgresMigrationsAssembly));
                break;
        }
    }

    /// <summary>
    /// The database, its audit interceptor, the performance pieces and the ASP.NET Core Identity stores. The caller supplies who is acting
    /// (<see cref="IAuditActor"/>) and adds its own sign-in mechanism on top of the returned builder.
    /// </summary>
    public static IdentityBuilder AddShianData(this IServiceCollection services, DatabaseSettings settings, PerformanceSettings? performance = null)
    {
        services.AddSingleton(settings);
        // The hand-written fast paths (src/Shian/Performance/README.md) and the setting that turns them off.
        services.AddLogging();
        services.AddSingleton(performance ?? PerformanceSettings.Default);
        if (settings.Provider == DatabaseProvider.Sqlite)
        {
            services.AddSingleton(sp => new SqliteWriter(settings.ConnectionString, sp.GetRequiredService<ILogger<SqliteWriter>>()));
        }
        services.AddSingleton(TimeProvider.System);
        services.AddScoped<AuditInterceptor>();
        services.AddDbContext<ShianDb>((sp, options) =>
        {
            options.UseShianDatabase(settings);
            options.AddInterceptors(sp.GetRequiredService<AuditInterceptor>());
        });
        return services.AddIdentityCore<ShianUser>(IdentityPolicy.Configure)
            .AddRoles<ShianRole>()
            .AddEntityFrameworkStores<ShianDb>();
    }

    /// <param name="Notice">Something the operator should know although the database opened (an interrupted upgrade was undone).</param>
    public sealed record OpenResult(bool Ok, Problem? Error, Problem? Notice = null);

    /// <summary>
    /// Brings the database to the schema this build knows: creates the SQLite file (WAL mode) if absent, applies pending
    /// migrations, and seeds base data (roles, the holiday calendar). Refuses a database whose schema is newer than
    /// this build, or a file that is not a database, with a message for the operator; never throws for those.
    /// </summary>
    public static Task<OpenResult> MigrateAsync(ShianDb db, CancellationToken ct = default) => OpenAsync(db, migrate: true, ct);

    /// <summary>
    /// The same checks as <see cref="MigrateAsync"/> without changing anything: for read-only work such as verifying
    /// the audit trail. A database that needs migrating is refused with the command that migrates it.
    /// </summary>
    public static Task<OpenResult> CheckAsync(ShianDb db, CancellationToken ct = default) => OpenAsync(db, migrate: false, ct);

    private static async Task<OpenResult> OpenAsync(ShianDb db, bool migrate, CancellationToken ct)
    {
        var settings = DatabaseSettings.FromArgument(db.Database.GetConnectionString());
        Problem? interrupted = null;
        if (settings.SqliteFile is { } file)
        {
            if (!migrate && !File.Exists(file))
            {
                return new OpenResult(false, new Problem("Database.FileMissing", file));
            }
            var directory = Path.GetDirectoryName(file)!;
            try
            {
                Directory.CreateDirectory(directory);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return new OpenResult(false, new Problem("Database.FolderUncreatable", directory, e.Message));
            }
            if (!LooksLikeSqlite(file))
            {
                return new OpenResult(false, new Problem("Database.NotSqlite", file));
            }
            if (SqliteMigrationBackup.IsLeftOver(file))
            {
                var backup = SqliteMigrationBackup.PathFor(file);
                if (!migrate)
                {
                    return new OpenResult(false, new Problem("Database.UpgradeInterrupted", backup));
                }
                try
                {
                    SqliteMigrationBackup.Restore(file);
                    interrupted = new Problem("Database.UpgradeResumed", backup);
                }
                catch (Exception e) when (e is SqliteException or IOException or UnauthorizedAccessException)
                {
                    return new OpenResult(false, RestoreFailed(file, e));
                }
            }
        }

        try
        {
            if (migrate && db.Database.IsSqlite())
            {
                // WAL lets readers continue while one writer commits; the setting is stored in the file. A new file gets
                // 16 KB pages (SQLite's default is 4 KB; an existing file keeps its size): EPCIS events are about 1 KB a
                // row, and capture measured about 10% faster with a quarter of the pages to write and sync per document
                // (bench/results/2026-11-29-epcis-capture.md). The page size must be set before the first table.
                await db.Database.OpenConnectionAsync(ct);
                await db.Database.ExecuteSqlRawAsync("PRAGMA page_size=16384;", ct);
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
                await db.Database.CloseConnectionAsync();
            }

            var known = db.Database.GetMigrations().ToHashSet();
            var applied = (await db.Database.GetAppliedMigrationsAsync(ct)).ToList();
            var unknown = applied.Where(m => !known.Contains(m)).ToList();
            if (unknown.Count > 0)
            {
                return new OpenResult(false, new Problem("Database.SchemaNewer", unknown[^1]));
            }

            if (!migrate)
            {
                return known.Except(applied).Any()
                    ? new OpenResult(false, new Problem("Database.SchemaOutdated"))
                    : new OpenResult(true, null);
            }
            if (settings.SqliteFile is not { } sqliteFile || !known.Except(applied).Any())
            {
                await db.Database.MigrateAsync(ct);
            }
            else
            {
                try
                {
                    SqliteMigrationBackup.Take(sqliteFile);
                }
                catch (IOException e)
                {
                    return new OpenResult(false, new Problem("Database.BackupFailed", SqliteMigrationBackup.PathFor(sqliteFile), e.Message));
                }
                try
                {
                    await db.Database.MigrateAsync(ct);
                }
                catch (Exception e)
                {
                    await db.Database.CloseConnectionAsync();
                    SqliteConnection.ClearPool((SqliteConnection)db.Database.GetDbConnection());
                    try
                    {
                        SqliteMigrationBackup.Restore(sqliteFile);
                    }
                    catch (Exception restoring) when (restoring is SqliteException or IOException or UnauthorizedAccessException)
                    {
                        return new OpenResult(false, RestoreFailed(sqliteFile, restoring));
                    }
                    return new OpenResult(false, new Problem("Database.UpgradeFailedRestored", e.Message));
                }
                SqliteMigrationBackup.Discard(sqliteFile);
            }
            await SeedBaseDataAsync(db, ct);
            return new OpenResult(true, null, interrupted);
        }
        catch (SqliteException e) when (e.SqliteErrorCode is 26 or 11) // SQLITE_NOTADB, SQLITE_CORRUPT
        {
            return new OpenResult(false, new Problem("Database.NotSqlite", settings.SqliteFile));
        }
        catch (SqliteException e) when (e.SqliteErrorCode is 14 or 8 or 23) // SQLITE_CANTOPEN, SQLITE_READONLY, SQLITE_AUTH
        {
            return new OpenResult(false, new Problem("Database.Unwritable", settings.SqliteFile, e.Message));
        }
        catch (Npgsql.NpgsqlException e)
        {
            return new OpenResult(false, new Problem("Database.PostgresUnreachable", e.Message));
        }
    }

    private static Problem RestoreFailed(string file, Exception e) =>
        new("Database.RestoreFailed", e.Message, SqliteMigrationBackup.PathFor(file), file);

    /// <summary>
    /// Whether a file is absent, empty, or starts with SQLite's header: checked before SQLite touches it, so that a wrong
    /// path is refused without being modified.
    /// </summary>
    private static bool LooksLikeSqlite(string file)
    {
        try
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            Span<byte> header = stackalloc byte[16];
            return stream.Length == 0 || (stream.ReadAtLeast(header, 16, throwOnEndOfStream: false) == 16 && header.SequenceEqual("SQLite format 3\0"u8));
        }
        catch (FileNotFoundException)
        {
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return true; // let SQLite report what it cannot open
        }
    }

    /// <summary>Data every deployment starts with: the roles, the built-in holiday calendar (only where none is entered), the default risk sheets and the top-level food categories.</summary>
    private static async Task SeedBaseDataAsync(ShianDb db, CancellationToken ct)
    {
        var roles = await db.Roles.Select(r => r.Name!).ToListAsync(ct);
        foreach (var role in Roles.All.Except(roles))
        {
            db.Roles.Add(new ShianRole(role) { NormalizedName = role.ToUpperInvariant(), ConcurrencyStamp = Guid.NewGuid().ToString() });
        }

        var yearsPresent = (await db.CalendarDays.Select(d => d.Date).ToListAsync(ct)).Select(d => d.Year).ToHashSet();
        db.CalendarDays.AddRange(WorkingDayCalendar.BuiltInDays().Where(d => !yearsPresent.Contains(d.Date.Year)));
        await db.SaveChangesAsync(ct);
        await Risk.RiskSheets.EnsureSeededAsync(db, DateTime.UtcNow, ct);
        await Inspections.Checklists.EnsureSeededAsync(db, DateTime.UtcNow, ct);
        await Credit.RedBlackRuleRecord.EnsureSeededAsync(db, DateTime.UtcNow, ct);
        await Sampling.FoodCategories.EnsureSeededAsync(db, ct);
    }

    /// <summary>The id of the jurisdiction this deployment supervises, or null before one is set up.</summary>
    public static Task<Guid?> JurisdictionIdAsync(this ShianDb db, CancellationToken ct = default) =>
        db.Jurisdictions.Select(j => (Guid?)j.Id).FirstOrDefaultAsync(ct);

    /// <summary>The working-day calendar as administrators have maintained it.</summary>
    public static async Task<WorkingDayCalendar> LoadCalendarAsync(this ShianDb db, CancellationToken ct = default) =>
        new(await db.CalendarDays.AsNoTracking().ToListAsync(ct));
}

/// <summary>Password and lockout rules for every account.</summary>
public static class IdentityPolicy
{
    public static void Configure(IdentityOptions options)
    {
        options.Password.RequiredLength = 10;
        options.Password.RequireDigit = true;
        options.Password.RequireLowercase = true;
        options.Password.RequireUppercase = true;
        options.Password.RequireNonAlphanumeric = true;
        options.Password.RequiredUniqueChars = 5;
        options.Lockout.AllowedForNewUsers = true;
        options.Lockout.MaxFailedAccessAttempts = 5;
        options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
        options.User.RequireUniqueEmail = false;
        // Names are short logins such as "office" or "zhang.wei"; Chinese names go in DisplayName.
        options.User.AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._@";
    }
}
