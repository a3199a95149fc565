using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Shian.Data;

namespace Shian.Performance;

/// <summary>
/// <c>Performance:FastPaths</c> (default true). When false, EPCIS capture and every other bulk write go through EF's
/// change tracker and <c>SaveChanges</c> instead of <see cref="BulkInsert"/>'s direct binding and binary COPY, capture
/// into SQLite does without <see cref="SqliteWriter"/>, and EPCIS documents are validated by JsonSchema.Net alone
/// instead of <see cref="CompiledSchema"/> first: the plain library paths, for telling whether a problem lies in the
/// hand-written code (src/Shian/Performance/README.md).
/// </summary>
public sealed record PerformanceSettings(bool FastPaths = true)
{
    public static PerformanceSettings Default { get; } = new();

    /// <summary>The setting as the web host reads it from configuration, for hosts without one (the CLI): the environment variable <c>Performance__FastPaths</c>.</summary>
    public static PerformanceSettings FromEnvironment() =>
        bool.TryParse(Environment.GetEnvironmentVariable("Performance__FastPaths"), out var fast) ? new(fast) : Default;
}

/// <summary>
/// The performance pieces of the application a <see cref="ShianDb"/> was made by. The code that writes in bulk is reached
/// through static domain functions that are handed the database (capture, the transparency log, the regrade, the demo),
/// so the registered services are found through it rather than threaded through every caller.
/// </summary>
public static class PerformanceServices
{
    /// <summary>The settings registered with <see cref="ShianData.AddShianData"/>, or the default for a database made by hand.</summary>
    public static PerformanceSettings PerformanceSettings(this ShianDb db) =>
        ApplicationServices(db)?.GetService<PerformanceSettings>() ?? Performance.PerformanceSettings.Default;

    /// <summary>The application's SQLite writer when the fast paths are on and the database is SQLite; otherwise null.</summary>
    public static SqliteWriter? SqliteWriter(this ShianDb db) =>
        db.Database.IsSqlite() && db.PerformanceSettings().FastPaths ? ApplicationServices(db)?.GetService<SqliteWriter>() : null;

    private static IServiceProvider? ApplicationServices(ShianDb db) =>
        db.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.ApplicationServiceProvider;
}
