using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Shian.Common;
using Shian.Data;
using Shian.Risk;
using Shian.Web.Infrastructure;

namespace Shian.Web.Features.Risk;

/// <summary>
/// 评分表版本: one scoring sheet with every version it has had. Staff read it; the office issues a new version, either
/// by changing the thresholds, inspection frequencies and factor window of the newest one, or by pasting a whole sheet
/// as JSON (items and rules). Versions are never edited: grades keep the version they were computed with.
/// </summary>
[Authorize(Policy = Policies.Supervision)]
public class SheetModel(ShianDb db, TimeProvider clock, IAuthorizationService authorization, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed class VersionInput
    {
        public decimal? ThresholdA { get; set; }
        public decimal? ThresholdB { get; set; }
        public decimal? ThresholdC { get; set; }
        public int? InspectionsA { get; set; }
        public int? InspectionsB { get; set; }
        public int? InspectionsC { get; set; }
        public int? InspectionsD { get; set; }
        public int? WindowMonths { get; set; }
        public DateOnly? EffectiveFrom { get; set; }
        public string Json { get; set; } = "";
    }

    public IReadOnlyList<RiskSheetRecord> Versions { get; private set; } = [];
    public RiskSheetRecord Shown { get; private set; } = null!;
    public RiskSheet Sheet { get; private set; } = null!;

    /// <summary>The version grading uses today: the newest already effective.</summary>
    public Guid? InForce { get; private set; }

    public bool IsOffice { get; private set; }
    public bool Issued { get; private set; }

    [BindProperty] public VersionInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid id, bool issued = false)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        Issued = issued;
        var newest = Versions[0].Read();
        Input = new VersionInput
        {
            ThresholdA = newest.Thresholds.A, ThresholdB = newest.Thresholds.B, ThresholdC = newest.Thresholds.C,
            InspectionsA = newest.InspectionsPerYear.A, InspectionsB = newest.InspectionsPerYear.B,
            InspectionsC = newest.InspectionsPerYear.C, InspectionsD = newest.InspectionsPerYear.D,
            WindowMonths = newest.DynamicWindowMonths, EffectiveFrom = Today, Json = newest.ToJson(),
        };
        return Page();
    }

    /// <summary>A new version from the form's numbers, items and rules as in the newest version.</summary>
    public async Task<IActionResult> OnPostVersionAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        if (!IsOffice)
        {
            return Forbid();
        }
        Require(Input.ThresholdA, "Input.ThresholdA", "Risk.ThresholdOf", "A");
        Require(Input.ThresholdB, "Input.ThresholdB", "Risk.ThresholdOf", "B");
        Require(Input.ThresholdC, "Input.ThresholdC", "Risk.ThresholdOf", "C");
        foreach (var (value, grade) in new[] { (Input.InspectionsA, "A"), (Input.InspectionsB, "B"), (Input.InspectionsC, "C"), (Input.InspectionsD, "D") })
        {
            if (value is not (>= 0 and <= 52))
            {
                ModelState.AddModelError("Input.Inspections" + grade, l["Risk.InspectionsRange", grade]);
            }
        }
        if (Input.WindowMonths is not (>= 1 and <= 60))
        {
            ModelState.AddModelError("Input.WindowMonths", l["Risk.WindowRange"]);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var sheet = Versions[0].Read() with
        {
            Thresholds = new RiskThresholds(Input.ThresholdA!.Value, Input.ThresholdB!.Value, Input.ThresholdC!.Value),
            InspectionsPerYear = new InspectionFrequency(Input.InspectionsA!.Value, Input.InspectionsB!.Value, Input.InspectionsC!.Value, Input.InspectionsD!.Value),
            DynamicWindowMonths = Input.WindowMonths!.Value,
        };
        return await IssueAsync(sheet, "Input.ThresholdA");
    }

    /// <summary>A new version from a whole sheet pasted as JSON (as the download gives it).</summary>
    public async Task<IActionResult> OnPostJsonAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        if (!IsOffice)
        {
            return Forbid();
        }
        RiskSheet sheet;
        try
        {
            sheet = RiskSheet.FromJson(Input.Json);
        }
        catch (JsonException e)
        {
            // The parser names the line and the position within it: enough to find a missing comma.
            ModelState.AddModelError("Input.Json", l["Risk.JsonInvalid", (e.LineNumber ?? 0) + 1, e.BytePositionInLine ?? 0]);
            return Page();
        }
        return await IssueAsync(sheet with { Name = Shown.Name }, "Input.Json");
    }

    /// <summary>The newest version as JSON, to edit and paste back as a new one.</summary>
    public async Task<IActionResult> OnGetJsonAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        return File(System.Text.Encoding.UTF8.GetBytes(Sheet.ToJson()), "application/json", $"risk-sheet-v{Sheet.Version}.json");
    }

    private async Task<IActionResult> IssueAsync(RiskSheet sheet, string field)
    {
        var newest = Versions[0];
        if (Input.EffectiveFrom is not { } from)
        {
            ModelState.AddModelError("Input.EffectiveFrom", l["Validation.Required", l["Risk.EffectiveFrom"]]);
        }
        else if (from < Today || from < newest.EffectiveFrom)
        {
            // A version may not reach back: grades already given must stay explainable by the version then in force.
            ModelState.AddModelError("Input.EffectiveFrom", l["Risk.EffectiveTooEarly", Display.Date(Today > newest.EffectiveFrom ? Today : newest.EffectiveFrom)]);
        }
        sheet = sheet with { Version = newest.Version + 1, EffectiveFrom = Input.EffectiveFrom ?? Today };
        foreach (var problem in sheet.Problems())
        {
            ModelState.AddProblem(field, problem, l);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var record = RiskSheetRecord.From(sheet, ShianTime.UtcNow(clock));
        db.RiskSheets.Add(record);
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        return Redirect($"{RiskRoutes.Sheet(record.Id)}?issued=true");
    }

    private void Require(decimal? value, string key, string label, string grade)
    {
        if (value is not { } v || v < 0)
        {
            ModelState.AddModelError(key, l["Validation.Required", l[label, grade]]);
        }
    }

    public DateOnly Today => ShianTime.LocalDate(ShianTime.UtcNow(clock));

    private async Task<bool> LoadAsync(Guid id)
    {
        if (await db.RiskSheets.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id) is not { } shown)
        {
            return false;
        }
        Shown = shown;
        Sheet = shown.Read();
        Versions = await db.RiskSheets.AsNoTracking().Where(s => s.Name == shown.Name).OrderByDescending(s => s.Version).ToListAsync();
        InForce = Versions.Where(v => v.EffectiveFrom <= Today).MaxBy(v => v.Version)?.Id;
        IsOffice = (await authorization.AuthorizeAsync(User, Policies.Office)).Succeeded;
        return true;
    }
}
