using Microsoft.Extensions.DependencyInjection;
using Shian.Performance;

namespace Shian.Web.Tests.Traceability;

// The capture tests on both settings of Performance:FastPaths: the hand-written paths (BulkInsert, the SQLite writer,
// the compiled schema) and the plain ones (SaveChanges, JsonSchema.Net) must give the same results.

/// <summary>The web host with <see cref="PerformanceSettings.FastPaths"/> off.</summary>
public sealed class PlainPathsWebFactory : ShianWebFactory
{
    public PlainPathsWebFactory() => Settings = new() { ["Performance:FastPaths"] = "false" };
}

public sealed class EpcisCaptureApiOnFastPathsTests(ShianWebFactory factory) : EpcisCaptureApiTests(factory), IClassFixture<ShianWebFactory>;

public sealed class EpcisCaptureApiOnPlainPathsTests(PlainPathsWebFactory factory) : EpcisCaptureApiTests(factory), IClassFixture<PlainPathsWebFactory>
{
    [Fact]
    public void The_host_runs_on_the_plain_paths() => Assert.False(factory.Services.GetRequiredService<PerformanceSettings>().FastPaths);
}

public sealed class EpcisStoreOnFastPathsTests(ShianWebFactory factory) : EpcisStoreTests(factory), IClassFixture<ShianWebFactory>;

public sealed class EpcisStoreOnPlainPathsTests(PlainPathsWebFactory factory) : EpcisStoreTests(factory), IClassFixture<PlainPathsWebFactory>;
