using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Shian.Data;
using Shian.Organization;
using Shian.Web.Infrastructure;

namespace Shian.Web.Features.Organization;

/// <summary>成员单位: the units that own work (departments, offices, customs, police, courts, laboratories …).</summary>
[Authorize(Policy = Policies.Admin)]
public class UnitsModel(ShianDb db) : PageModel
{
    public sealed record Row(Guid Id, string Name, UnitKind Kind, string Aliases, bool Active, int Accounts);

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public UnitKind? Kind { get; set; }

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync() => Rows = await QueryAsync();

    public async Task<IActionResult> OnGetExportAsync([FromServices] Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> l) => Export.Of(await QueryAsync())
        .Column("Unit.Name", u => u.Name).Column("Unit.Kind", u => u.Kind.ToString().ToLowerInvariant()).Column("Unit.Aliases", u => u.Aliases)
        .Column("Common.Active", u => u.Active ? "1" : "0").Column("Unit.Accounts", u => u.Accounts)
        .Csv(l, "units.csv");

    private Task<List<Row>> QueryAsync()
    {
        var query = db.Units.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var q = Q.Trim();
            query = query.Where(u => u.Name.Contains(q) || u.Aliases.Contains(q));
        }
        if (Kind is { } kind)
        {
            query = query.Where(u => u.Kind == kind);
        }
        return query.OrderBy(u => u.Kind).ThenBy(u => u.Name)
            .Select(u => new Row(u.Id, u.Name, u.Kind, u.Aliases, u.Active, db.Users.Count(x => x.UnitId == u.Id)))
            .ToListAsync();
    }
}
