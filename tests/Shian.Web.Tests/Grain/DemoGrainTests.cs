using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shian.Data;
using Shian.Demo;
using Shian.Grain;

namespace Shian.Web.Tests.Grain;

/// <summary>The demo's reserve grain: twelve silos tested in the last half-year, one over the DON limit and disposed of; once only.</summary>
public sealed class DemoGrainTests(ShianWebFactory factory) : IClassFixture<ShianWebFactory>
{
    [Fact]
    public async Task The_demo_seeds_twelve_tested_silos_with_one_disposed_failure_once()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShianDb>();
        await DemoGrain.SeedAsync(db, TimeProvider.System);
        await DemoGrain.SeedAsync(db, TimeProvider.System);
        Assert.Equal(12, await db.Silos.CountAsync());
        var previous = HalfYear.Of(Shian.Common.ShianTime.LocalDate(DateTime.UtcNow)).Previous.Code;
        Assert.Equal(12, await db.GrainTests.CountAsync(t => t.HalfYearCode == previous));
        var failed = await db.GrainTests.Where(t => !t.SafetyPassed).ToListAsync();
        Assert.Single(failed);
        Assert.Equal(failed[0].Id, (await db.GrainDisposals.SingleAsync()).TestId);
    }
}
