using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Shian.Accounts;
using Shian.Data;
using Shian.Web.Infrastructure;

namespace Shian.Web.Features.Organization;

public static class OrganizationApi
{
    public sealed record JurisdictionView(string RegionCode, string Name, string NameEn, string Parent, string PlatformName,
        IReadOnlyList<PopulationView> Populations, int Townships, int Units);

    public sealed record PopulationView(int Year, int Population, string Source);

    public sealed record TownshipView(Guid Id, string Code, string Name, string Kind, bool IsTownship, bool Active, string Note);

    public sealed record UnitView(Guid Id, string Name, string Kind, string Aliases, bool Active);

    public static IEndpointRouteBuilder MapOrganizationApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/organization").WithTags("Organization").RequireAuthorization(Policies.OrganizationRead)
            .RequireScope(ApiScopes.OrganizationRead);

        group.MapGet("/jurisdiction", async Task<Results<Ok<JurisdictionView>, NotFound>> (ShianDb db) =>
            await db.Jurisdictions.AsNoTracking()
                .Select(j => new JurisdictionView(j.RegionCode, j.Name, j.NameEn, j.Parent, j.PlatformName,
                    j.Populations.OrderBy(p => p.Year).Select(p => new PopulationView(p.Year, p.Population, p.Source)).ToList(),
                    j.Townships.Count(t => t.Active), j.Units.Count(u => u.Active)))
                .FirstOrDefaultAsync() is { } view
                ? TypedResults.Ok(view)
                : TypedResults.NotFound())
            .WithSummary("The jurisdiction this platform supervises, with its population by year.");

        group.MapGet("/townships", async (ShianDb db) => TypedResults.Ok(await db.Townships.AsNoTracking()
                .OrderBy(t => t.Code)
                .Select(t => new TownshipView(t.Id, t.Code, t.Name, t.Kind, t.IsTownship, t.Active, t.Note))
                .ToListAsync()))
            .WithSummary("Township-level units (乡镇街道) by statistical code.");

        group.MapGet("/units", async (ShianDb db) => TypedResults.Ok((await db.Units.AsNoTracking()
                .OrderBy(u => u.Name)
                .Select(u => new { u.Id, u.Name, u.Kind, u.Aliases, u.Active })
                .ToListAsync())
                .Select(u => new UnitView(u.Id, u.Name, u.Kind.ToString(), u.Aliases, u.Active))
                .ToList()))
            .WithSummary("Member units (departments, offices, customs, police, courts …).");
        return app;
    }
}
