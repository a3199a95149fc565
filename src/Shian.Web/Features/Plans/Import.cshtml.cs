using System.ComponentModel.DataAnnotations;
using System.Globalization;
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
/// 导入计划: upload or paste the official document → preview beside the source, correct what was misread, map every
/// unrecognised unit name → confirm. Nothing is stored before the confirmation; the confirmation stores everything or
/// nothing. The corrections travel with the form, so every round trip applies them afresh to the document's parse.
/// </summary>
[Authorize(Policy = Policies.Office)]
// The preview posts every task's edit fields (a dozen or more a task), more than the default 1024 values for long plans.
[RequestFormLimits(MultipartBodyLengthLimit = RequestLimits.MaxBodyBytes, ValueLengthLimit = (int)RequestLimits.MaxBodyBytes, ValueCountLimit = 16384)]
public class ImportModel(ShianDb db, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed class MapEntry
    {
        public string Printed { get; set; } = "";

        /// <summary>A unit id, or "new" to create a unit of that name.</summary>
        public string? Choice { get; set; }
    }

    /// <summary>One task's edit section in the preview, as typed.</summary>
    public sealed class TaskForm
    {
        public int Index { get; set; }

        // An emptied title is an error to name, not a title left as parsed.
        [DisplayFormat(ConvertEmptyStringToNull = false)]
        public string? Title { get; set; }

        public List<ResponsibilityRow> Responsibilities { get; set; } = [];
        public List<IndicatorRow> Indicators { get; set; } = [];

        /// <summary>The task's current state, and a blank row of each kind for adding one.</summary>
        public static TaskForm Of(ParsedTask task, int index) => new()
        {
            Index = index,
            Title = task.Title,
            Responsibilities = [.. task.Responsibilities.Select(r => new ResponsibilityRow { Role = r.Role.ToString(), Units = string.Join("、", r.Units) }), new()],
            Indicators =
            [
                .. task.Indicators.Select(i => new IndicatorRow
                {
                    Subject = i.Subject, Comparator = i.Comparator, Value = i.Value.ToString(CultureInfo.InvariantCulture), Unit = i.Unit,
                }),
                new(),
            ],
        };

        /// <summary>What was not posted at all stays as parsed; the form itself always posts every part.</summary>
        public PlanCorrections.TaskEdit ToEdit() => new(
            Index,
            Title,
            Responsibilities.Count == 0 ? null : Responsibilities.Select(r => new PlanCorrections.ResponsibilityEdit(r.Role ?? "", r.Units ?? "")).ToList(),
            Indicators.Count == 0 ? null : Indicators.Select(i => new PlanCorrections.IndicatorEdit(i.Subject ?? "", i.Comparator ?? "", i.Value ?? "", i.Unit ?? "", i.Removed)).ToList());
    }

    public sealed class ResponsibilityRow
    {
        public string? Role { get; set; } = nameof(ResponsibilityRole.Responsible);
        public string? Units { get; set; }
    }

    public sealed class IndicatorRow
    {
        public string? Subject { get; set; }
        public string? Comparator { get; set; } = ">=";
        public string? Value { get; set; }
        public string? Unit { get; set; }
        public bool Removed { get; set; }
    }

    [BindProperty] public int? Year { get; set; }
    [BindProperty] public string? Text { get; set; }
    [BindProperty] public IFormFile? Upload { get; set; }
    [BindProperty] public List<MapEntry> Map { get; set; } = [];

    /// <summary>One per parsed task, in order; none before the first preview.</summary>
    [BindProperty] public List<TaskForm> Edits { get; set; } = [];

    /// <summary>The parsed plan with the corrections applied (as parsed while the corrections have errors).</summary>
    public ParsedPlan? Preview { get; private set; }

    /// <summary>Positions of the tasks the corrections change.</summary>
    public IReadOnlySet<int> Edited { get; private set; } = new HashSet<int>();

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
                ModelState.AddProblem(nameof(Upload), PlanDocument.TooLarge(Upload.Length), l);
                return Page();
            }
            using var buffer = new MemoryStream();
            await Upload.CopyToAsync(buffer);
            var document = PlanDocument.Read(buffer.ToArray(), Upload.FileName);
            if (document.Text is null)
            {
                ModelState.AddProblem(nameof(Upload), document.Error!, l);
                return Page();
            }
            Text = document.Text;
        }
        return string.IsNullOrWhiteSpace(Text) ? NothingToImport() : await PreviewAsync();
    }

    public async Task<IActionResult> OnPostApplyAsync() =>
        string.IsNullOrWhiteSpace(Text) ? NothingToImport() : await PreviewAsync();

    public async Task<IActionResult> OnPostConfirmAsync()
    {
        if (string.IsNullOrWhiteSpace(Text) || PlanParser.Parse(Text).Plan is not { Tasks.Count: > 0 } parsed)
        {
            return NothingToImport();
        }
        if (PlanCorrections.Apply(parsed, Edits.Select(e => e.ToEdit())).Plan is not { } plan)
        {
            return await PreviewAsync(); // which names the errors
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
                ModelState.AddProblem(string.Empty, error, l);
            }
            return await PreviewAsync();
        }
        Imported = result;
        return Page();
    }

    private IActionResult NothingToImport()
    {
        ModelState.AddModelError(nameof(Text), l["Plan.NothingToImport"]);
        return Page();
    }

    private async Task<IActionResult> PreviewAsync()
    {
        var parsed = PlanParser.Parse(Text!);
        if (parsed.Plan is null)
        {
            ModelState.AddProblem(nameof(Text), parsed.Error!, l);
            return Page();
        }
        var corrected = PlanCorrections.Apply(parsed.Plan, Edits.Select(e => e.ToEdit()));
        if (corrected.Plan is null)
        {
            foreach (var error in corrected.Errors)
            {
                ModelState.AddProblem(string.Empty, error, l);
            }
            // The form keeps what was typed, so that the person can fix it.
            Preview = parsed.Plan;
            Edits = Preview.Tasks.Select((t, i) => Edits.FirstOrDefault(e => e.Index == i) ?? TaskForm.Of(t, i)).ToList();
        }
        else
        {
            // The form shows the corrected plan, tidied (units joined by 、, removed rows gone) and with fresh blank rows.
            Preview = corrected.Plan;
            Edited = corrected.Edited;
            Edits = Preview.Tasks.Select(TaskForm.Of).ToList();
        }
        // The document's own year unless the person typed one; the current year only when neither says.
        Year = Year is >= 2000 and <= 2100 ? Year : Preview.Year ?? ShianTime.LocalDate(clock.GetUtcNow().UtcDateTime).Year;
        // The form shows these values, not what was posted: the text may have come from the uploaded file.
        ModelState.Remove(nameof(Text));
        ModelState.Remove(nameof(Year));
        Units = await db.Units.AsNoTracking().Where(u => u.Active).OrderBy(u => u.Name).ToListAsync();
        Unknown = PlanImport.UnknownUnits(Preview, Units);
        // A name typed in a correction joins the list and the choices already made stay. While the corrections have
        // errors the preview is the bare parse, so the list stays as posted: its choices are for the corrected plan.
        if (corrected.Plan is not null || Map.Count == 0)
        {
            var chosen = Map.Where(m => m.Printed.Length > 0).DistinctBy(m => m.Printed).ToDictionary(m => m.Printed, m => m.Choice);
            Map = Unknown.Select(u => new MapEntry
            {
                Printed = u.PrintedName, Choice = chosen.GetValueOrDefault(u.PrintedName) ?? u.Suggestions.FirstOrDefault()?.Id.ToString() ?? "new",
            }).ToList();
        }
        var existing = await db.Plans.AsNoTracking().Where(p => p.Year == Year).Select(p => new { p.SourceHash, p.Revision }).FirstOrDefaultAsync();
        ExistingState = existing is null ? null
            : existing.SourceHash == PlanImport.HashOf(Text!, Preview) ? "Plan.SameDocument" : "Plan.WillRevise";
        return Page();
    }
}
