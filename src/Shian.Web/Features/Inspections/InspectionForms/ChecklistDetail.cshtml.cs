using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Shian.Common;
using Shian.Data;
using Shian.Inspections;
using Shian.Web.Infrastructure;

namespace Shian.Web.Features.Inspections;

/// <summary>One checklist: every version, newest first, its items by section with the key items marked, its result rule,
/// which version is in force today, and how many inspections were recorded with each.</summary>
[Authorize(Policy = Policies.Staff)]
public class ChecklistDetailModel(ShianDb db, TimeProvider clock) : PageModel
{
    public string Name { get; private set; } = "";
    public IReadOnlyList<Checklist> Versions { get; private set; } = [];
    public int? InForce { get; private set; }
    public IReadOnlyDictionary<int, int> Used { get; private set; } = new Dictionary<int, int>();

    /// <summary>The office issues checklist versions.</summary>
    public bool MayIssue { get; private set; }

    public async Task<IActionResult> OnGetAsync(string name)
    {
        MayIssue = await HttpContext.MeetsAsync(Policies.Office);
        var today = ShianTime.LocalDate(clock.GetUtcNow().UtcDateTime);
        var records = await db.Checklists.AsNoTracking().Where(c => c.Name == name).OrderByDescending(c => c.Version).ToListAsync();
        if (records.Count == 0) return NotFound();
        Name = name;
        Versions = records.Select(r => r.Read()).ToList();
        InForce = Checklists.InForce(Versions, name, today)?.Version;
        Used = await db.Inspections.Where(i => i.ChecklistName == name).GroupBy(i => i.ChecklistVersion)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count);
        return Page();
    }
}
