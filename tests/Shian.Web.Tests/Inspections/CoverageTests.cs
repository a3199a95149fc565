using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shian.Accounts;
using Shian.Data;
using Shian.Inspections;
using Shian.Plans;
using Shian.Registry;
using Shian.Risk;

namespace Shian.Web.Tests.Inspections;

/// <summary>The computed indicator inspection.coverage on a year no other test plans (2031), through both databases.</summary>
public sealed class CoverageTests(ShianWebFactory factory) : IClassFixture<ShianWebFactory>
{
    [Fact]
    public async Task Coverage_is_the_share_of_visits_due_so_far_that_are_done_per_scope()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShianDb>();
        var wenchang = await db.Townships.Where(t => t.Name == "文昌街道").Select(t => t.Id).SingleAsync();
        var xiaying = await db.Townships.Where(t => t.Name == "下营镇").Select(t => t.Id).SingleAsync();
        Business Make(string name, Guid township) => new()
        {
            Name = name, CreditCode = ("CV" + name.Length + Guid.NewGuid().ToString("N")[..8]).PadRight(18, '0')[..18], Address = "1号", TownshipId = township,
            Category = BusinessCategory.Caterer, Subtype = "restaurant", Scale = BusinessScale.Small, CreatedAt = DateTime.UtcNow,
        };
        var a = Make("覆盖率甲", wenchang);
        var b = Make("覆盖率乙", xiaying);
        db.Businesses.AddRange(a, b);
        var done = new DateOnly(2031, 1, 20);
        PlannedInspection Visit(Business business, int month, int visit, bool isDone) => new()
        {
            Id = Guid.CreateVersion7(), Year = 2031, BusinessId = business.Id, TownshipId = business.TownshipId, Month = month, Visit = visit,
            Grade = RiskLevel.C, DoneOn = isDone ? done : null,
        };
        // 文昌街道: due by May 1, 3, 5, 5 — done 3 → 75%. 下营镇: due 2, 4 — none done; 6 done early, not yet due.
        db.PlannedInspections.AddRange(Visit(a, 1, 1, true), Visit(a, 3, 2, true), Visit(a, 5, 3, true), Visit(a, 5, 4, false), Visit(a, 9, 5, false),
            Visit(b, 2, 1, false), Visit(b, 4, 2, false), Visit(b, 6, 3, true));
        await db.SaveChangesAsync();

        var today = new DateOnly(2031, 5, 15);
        var office = new AccessScope(AccessLevel.Jurisdiction, null, null, new HashSet<Guid>());
        var township = new AccessScope(AccessLevel.Township, null, wenchang, new HashSet<Guid>());
        var operatorScope = new AccessScope(AccessLevel.OwnBusinesses, null, null, new HashSet<Guid> { a.Id });
        Assert.Equal((6, 3), (await InspectionCoverage.ComputeAsync(db, office, today)) is var f ? (f.Due, f.Done) : default);
        Assert.Equal(50.0m, await Metrics.ComputeAsync(db, office, "inspection.coverage", today));
        Assert.Equal(75.0m, await Metrics.ComputeAsync(db, township, "inspection.coverage", today));
        Assert.Null(await Metrics.ComputeAsync(db, operatorScope, "inspection.coverage", today));
        // In January only 文昌街道's first visit is due, and it is done.
        Assert.Equal(100.0m, await Metrics.ComputeAsync(db, office, "inspection.coverage", new DateOnly(2031, 1, 31)));
        Assert.Null(await Metrics.ComputeAsync(db, office, "sampling.pass_rate", today)); // not computed yet
    }
}
