using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Shian.Common;
using Shian.Data;
using Shian.Organization;
using Shian.Plans;
using Shian.Web.Infrastructure;

namespace Shian.Web.Features.Plans;

/// <summary>
/// 导入计划: upload or paste the official document → preview beside the source, map every unrecognised unit name →
/// confirm. Nothing is stored before the confirmation; the confirmation stores everything or nothing.
/// </summary>
[Authorize(Policy = Policies.Office)]
[RequestFormLimits(MultipartBodyLengthLimit = RequestLimits.MaxBodyBytes, ValueLengthLimit = (int)RequestLimits.MaxBodyBytes)]
public class ImportModel(ShianDb db, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed class MapEntry
    {
        public string Printed { get; set; } = "";

        /// <summary>A unit id, or "new" to create a unit of that name.</summary>
        public string? Choice { get; set; }
    }

    [BindProperty] public int? Year { get; set; }
    [BindProperty] public string? Text { get; set; }
    [BindProperty] public IFormFile? Upload { get; set; }
    [BindProperty] public List<MapEntry> Map { get; set; } = [];

    public ParsedPlan? Preview { get; private set; }
    public IReadOnlyList<PlanImport.UnknownUnit> Unknown { get; private set; } = [];
    public IReadOnlyList<Unit> Units { get; private set; } = [];
    public string? ExistingState { get; private set; }
    public PlanImport.Result? Imported { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostPreviewAsync()
    {
        if (Upload is { Length: > 0 })
        {
            if (Upload.Length > PlanDocument.MaxBytes)
            {
                ModelState.AddModelError(nameof(Upload), PlanDocument.TooLarge(Upload.Length).Error!);
                return Page();
            }
            using var buffer = new MemoryStream();
            await Upload.CopyToAsync(buffer);
            var document = PlanDocument.Read(buffer.ToArray(), Upload.FileName);
            if (document.Text is null)
            {
                ModelState.AddModelError(nameof(Upload), document.Error!);
                return Page();
            }
            Text = document.Text;
        }
        if (string.IsNullOrWhiteSpace(Text))
        {
            ModelState.AddModelError(nameof(Text), l["Plan.NothingToImport"]);
            return Page();
        }
        return await PreviewAsync();
    }

    public async Task<IActionResult> OnPostConfirmAsync()
    {
        if (string.IsNullOrWhiteSpace(Text) || PlanParser.Parse(Text).Plan is not { Tasks.Count: > 0 } plan)
        {
            ModelState.AddModelError(nameof(Text), l["Plan.NothingToImport"]);
            return Page();
        }
        var mapping = new Dictionary<string, Guid>();
        var create = new HashSet<string>();
        foreach (var entry in Map.Where(m => m.Printed.Length > 0))
        {
            if (entry.Choice == "new")
            {
                create.Add(entry.Printed);
            }
            else if (Guid.TryParse(entry.Choice, out var unitId))
            {
                mapping[entry.Printed] = unitId;
            }
        }
        var result = await PlanImport.ImportAsync(db, plan, Text, Year ?? plan.Year ?? 0, mapping, create, clock, HttpContext.RequestAborted);
        if (result.Outcome == PlanImport.Outcome.Refused)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(string.Empty, error);
            }
            return await PreviewAsync();
        }
        Imported = result;
        return Page();
    }

    private async Task<IActionResult> PreviewAsync()
    {
        var parsed = PlanParser.Parse(Text!);
        if (parsed.Plan is null)
        {
            ModelState.AddModelError(nameof(Text), parsed.Error!);
            return Page();
        }
        Preview = parsed.Plan;
        // The document's own year unless the person typed one; the current year only when neither says.
        Year = Year is >= 2000 and <= 2100 ? Year : Preview.Year ?? ShianTime.LocalDate(clock.GetUtcNow().UtcDateTime).Year;
        // The form shows these values, not what was posted: the text may have come from the uploaded file.
        ModelState.Remove(nameof(Text));
        ModelState.Remove(nameof(Year));
        Units = await db.Units.AsNoTracking().Where(u => u.Active).OrderBy(u => u.Name).ToListAsync();
        Unknown = PlanImport.UnknownUnits(Preview, Units);
        if (Map.Count == 0)
        {
            Map = Unknown.Select(u => new MapEntry { Printed = u.PrintedName, Choice = u.Suggestions.FirstOrDefault()?.Id.ToString() ?? "new" }).ToList();
        }
        var existing = await db.Plans.AsNoTracking().Where(p => p.Year == Year).Select(p => new { p.SourceHash, p.Revision }).FirstOrDefaultAsync();
        ExistingState = existing is null ? null
            : existing.SourceHash == PlanImport.HashOf(Text!) ? "Plan.SameDocument" : "Plan.WillRevise";
        return Page();
    }
}
