using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Shian.Common;
using Shian.Data;
using Shian.Inspections;
using Shian.Web.Infrastructure;

namespace Shian.Web.Features.Inspections;

/// <summary>
/// 新建检查表: a new checklist (say 学校食堂 or 单位食堂) made from a copy of another (?from=…), its name, categories, items and
/// rule edited as JSON, version 1 taking effect on the day given (today or later).
/// </summary>
[Authorize(Policy = Policies.Office)]
public class ChecklistNewModel(ShianDb db, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Json { get; set; }
    [BindProperty] public DateOnly? EffectiveFrom { get; set; }

    public IReadOnlyList<string> Sources { get; private set; } = [];
    private IReadOnlyList<Checklist> _all = [];

    private DateOnly Today => ShianTime.LocalDate(clock.GetUtcNow().UtcDateTime);

    public async Task OnGetAsync()
    {
        await LoadAsync();
        var source = From is { Length: > 0 } f && Sources.Contains(f) ? f : Sources.FirstOrDefault();
        From = source;
        if (source is not null)
        {
            var versions = _all.Where(c => c.Name == source).ToList();
            var copy = Checklists.InForce(versions, source, Today) ?? versions.MaxBy(c => c.Version)!;
            Json = ChecklistVersions.EditableJson(copy);
        }
        EffectiveFrom = Today;
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await LoadAsync();
        var badDate = ModelState[nameof(EffectiveFrom)]?.Errors.Count > 0;
        ModelState.Clear();
        if (badDate)
        {
            ModelState.AddModelError(nameof(EffectiveFrom), l["Checklists.EffectiveFromFormat"]);
            return Page();
        }
        var title = (Name ?? "").Trim();
        var (checklist, problems) = ChecklistVersions.Prepare(title, Json, EffectiveFrom, Today, _all.Where(c => c.Name == title).ToList(), creating: true);
        foreach (var p in problems) ModelState.AddProblem(p.Field == "Content" ? nameof(Json) : p.Field, p.Problem, l);
        if (checklist is null) return Page();
        db.Checklists.Add(ChecklistRecord.From(checklist, clock.GetUtcNow().UtcDateTime));
        await db.SaveChangesAsync();
        return Redirect(InspectionsRoutes.Checklist(checklist.Name) + "?saved=1");
    }

    private async Task LoadAsync()
    {
        _all = await Checklists.AllVersionsAsync(db);
        Sources = _all.Select(c => c.Name).Distinct().Order(StringComparer.Ordinal).ToList();
    }
}
