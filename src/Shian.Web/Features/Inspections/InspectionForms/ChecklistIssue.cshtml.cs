using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Shian.Common;
using Shian.Data;
using Shian.Inspections;
using Shian.Web.Infrastructure;

namespace Shian.Web.Features.Inspections;

/// <summary>
/// 发布新版本: the office edits the checklist as JSON (prefilled with the latest version) and names the day it takes effect
/// (today or later). The version is checked whole by <see cref="ChecklistVersions.Prepare"/>; nothing is stored on refusal.
/// Inspections already recorded keep the version they were filled in with.
/// </summary>
[Authorize(Policy = Policies.Office)]
public class ChecklistIssueModel(ShianDb db, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty] public string? Json { get; set; }
    [BindProperty] public DateOnly? EffectiveFrom { get; set; }

    public string Name { get; private set; } = "";
    public Checklist Latest { get; private set; } = null!;
    private IReadOnlyList<Checklist> _versions = [];

    private DateOnly Today => ShianTime.LocalDate(clock.GetUtcNow().UtcDateTime);

    public async Task<IActionResult> OnGetAsync(string name)
    {
        if (!await LoadAsync(name)) return NotFound();
        Json = ChecklistVersions.EditableJson(Latest);
        EffectiveFrom = Today > Latest.EffectiveFrom ? Today : Latest.EffectiveFrom;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string name)
    {
        if (!await LoadAsync(name)) return NotFound();
        var badDate = ModelState[nameof(EffectiveFrom)]?.Errors.Count > 0;
        ModelState.Clear();
        if (badDate)
        {
            ModelState.AddModelError(nameof(EffectiveFrom), l["Checklists.EffectiveFromFormat"]);
            return Page();
        }
        var (checklist, problems) = ChecklistVersions.Prepare(name, Json, EffectiveFrom, Today, _versions, creating: false);
        foreach (var p in problems) ModelState.AddProblem(p.Field == "Content" ? nameof(Json) : p.Field, p.Problem, l);
        if (checklist is null) return Page();
        db.Checklists.Add(ChecklistRecord.From(checklist, clock.GetUtcNow().UtcDateTime));
        await db.SaveChangesAsync();
        return Redirect(InspectionsRoutes.Checklist(name) + "?saved=1");
    }

    private async Task<bool> LoadAsync(string name)
    {
        var records = await db.Checklists.AsNoTracking().Where(c => c.Name == name).ToListAsync();
        if (records.Count == 0) return false;
        Name = name;
        _versions = records.Select(r => r.Read()).ToList();
        Latest = _versions.MaxBy(v => v.Version)!;
        return true;
    }
}
