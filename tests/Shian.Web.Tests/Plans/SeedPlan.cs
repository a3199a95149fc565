using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shian.Data;
using Shian.Plans;

namespace Shian.Web.Tests.Plans;

/// <summary>The district's 2020 plan, imported once into a test host's database.</summary>
internal static class SeedPlan
{
    public static readonly string Text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "plans", "jizhou-2020.txt"));

    public static async Task<Guid> EnsureAsync(ShianWebFactory factory, int year = 2020)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShianDb>();
        if (await db.Plans.Where(p => p.Year == year).Select(p => (Guid?)p.Id).FirstOrDefaultAsync() is { } id)
        {
            return id;
        }
        var result = await PlanImport.ImportAsync(db, PlanParser.Parse(Text).Plan!, Text, year, new Dictionary<string, Guid>(), new HashSet<string>(), TimeProvider.System);
        Assert.Equal(PlanImport.Outcome.Created, result.Outcome);
        return result.PlanId!.Value;
    }
}
