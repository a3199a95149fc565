using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Shian.Data;
using Shian.Web.Infrastructure;

namespace Shian.Web.Features.Organization;

/// <summary>乡镇街道: the township-level units, filterable and exportable.</summary>
[Authorize(Policy = Policies.Admin)]
public class TownshipsModel(ShianDb db) : PageModel
{
    public sealed record Row(Guid Id, string Code, string Name, string Kind, bool IsTownship, bool Active, string Note);

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Kind { get; set; }

    public IReadOnlyList<string> Kinds { get; private set; } = [];
    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync()
    {
        Kinds = await db.Townships.Select(t => t.Kind).Distinct().OrderBy(k => k).ToListAsync();
        Rows = await QueryAsync();
    }

    public async Task<IActionResult> OnGetExportAsync([FromServices] Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> l) => Export.Of(await QueryAsync())
        .Column("Township.Code", t => t.Code).Column("Township.Name", t => t.Name).Column("Township.Kind", t => t.Kind)
        .Column("Township.IsTownship", t => t.IsTownship ? "1" : "0").Column("Common.Active", t => t.Active ? "1" : "0").Column("Township.Note", t => t.Note)
        .Csv(l, "townships.csv");

    private Task<List<Row>> QueryAsync()
    {
        var query = db.Townships.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var q = Q.Trim();
            query = query.Where(t => t.Name.Contains(q) || t.Code.Contains(q));
        }
        if (!string.IsNullOrWhiteSpace(Kind))
        {
            query = query.Where(t => t.Kind == Kind);
        }
        return query.OrderBy(t => t.Code)
            .Select(t => new Row(t.Id, t.Code, t.Name, t.Kind, t.IsTownship, t.Active, t.Note))
            .ToListAsync();
    }
}
