using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Shian.Common;
using Shian.Data;
using Shian.Inspections;
using Shian.Web.Infrastructure;

namespace Shian.Web.Features.Inspections;

/// <summary>检查表配置: every checklist, the categories it applies to, the version in force today, its items and key items,
/// and a version issued to take effect later. Staff read; the office issues versions and new checklists.</summary>
[Authorize(Policy = Policies.Staff)]
public class ChecklistsModel(ShianDb db, TimeProvider clock) : PageModel
{
    public sealed record Row(string Name, Checklist? InForce, Checklist? Next, int Versions);

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    /// <summary>The office issues checklist versions.</summary>
    public bool MayIssue { get; private set; }

    public async Task OnGetAsync()
    {
        MayIssue = await HttpContext.MeetsAsync(Policies.Office);
        var today = ShianTime.LocalDate(clock.GetUtcNow().UtcDateTime);
        var all = await Checklists.AllVersionsAsync(db);
        Rows = all.GroupBy(c => c.Name)
            .Select(g => new Row(g.Key, Checklists.InForce(g, g.Key, today), g.Where(c => c.EffectiveFrom > today).MaxBy(c => c.Version), g.Count()))
            .OrderBy(r => r.Name, StringComparer.Ordinal).ToList();
    }

}
