using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Shian.Accounts;
using Shian.Common;
using Shian.Data;
using Shian.Sampling;
using Shian.Web.Infrastructure;

namespace Shian.Web.Features.Sampling;

/// <summary>
/// One sample form: its particulars, and the laboratory's steps (receive, enter results per item, upload the PDF report)
/// for the users of the lab it was sent to. A draft is submitted here by the staff who may take samples.
/// </summary>
[Authorize(Policy = Policies.Samples)]
public class SamplesDetailModel(ShianDb db, CurrentUser user, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    /// <summary>Rows offered for results; empty rows are ignored.</summary>
    public const int ItemRows = 8;

    public sealed class ItemInput
    {
        public string? Name { get; set; }
        public string? Value { get; set; }
        public string? Unit { get; set; }
        public string? Limit { get; set; }
        public string? MethodStandard { get; set; }
        public ItemJudgement? Judgement { get; set; }

        public bool IsEmpty => string.IsNullOrWhiteSpace(Name) && string.IsNullOrWhiteSpace(Value) && string.IsNullOrWhiteSpace(Limit)
            && string.IsNullOrWhiteSpace(Unit) && string.IsNullOrWhiteSpace(MethodStandard);
    }

    public Sample Sample { get; private set; } = null!;
    public string Laboratory { get; private set; } = "";
    public string SamplingUnit { get; private set; } = "";

    /// <summary>The food category's full path (食用农产品 › 蔬菜), or the stored code when it names no category.</summary>
    public string CategoryPath { get; private set; } = "";
    public bool IsLab { get; private set; }
    public bool CanSubmit { get; private set; }
    public bool ShowResults { get; private set; }
    public DateOnly Today { get; private set; }
    public string? Done { get; private set; }
    public Guid? SignatureId { get; private set; }

    [BindProperty] public string? ReceivedOn { get; set; }
    [BindProperty] public List<ItemInput> Items { get; set; } = [];
    [BindProperty] public IFormFile? Report { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, string? done)
    {
        Done = done;
        if (!await LoadAsync(id, track: false))
        {
            return NotFound();
        }
        ReceivedOn = Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Items = Sample.Items.OrderBy(i => i.Order).Select(i => new ItemInput
        {
            Name = i.Name, Value = i.Value, Unit = i.Unit, Limit = i.Limit, MethodStandard = i.MethodStandard, Judgement = i.Judgement,
        }).ToList();
        return Page();
    }

    public async Task<IActionResult> OnPostSubmitAsync(Guid id)
    {
        if (!await LoadAsync(id, track: true))
        {
            return NotFound();
        }
        if (!CanSubmit)
        {
            return Forbid();
        }
        var now = ShianTime.UtcNow(clock);
        var year = ShianTime.LocalDate(now).Year;
        var number = Sample.Number ?? Sample.NextNumber(year,
            await db.Samples.Where(s => s.Number != null && s.Number.StartsWith($"{Sample.NumberPrefix}-{year:D4}-")).Select(s => s.Number).ToListAsync());
        if (Sample.Number is not null && await db.Samples.AnyAsync(s => s.Number == number && s.Id != id))
        {
            ModelState.AddProblem("Submit", new Problem("SampleForm.NumberTaken", number), l);
            return Page();
        }
        if (Sample.Submit(number, await db.LoadCalendarAsync(), now) is { } error)
        {
            ModelState.AddProblem("Submit", error, l);
            return Page();
        }
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        return Redirect($"{SamplingRoutes.Sample(id)}?done=submitted");
    }

    public async Task<IActionResult> OnPostReceiveAsync(Guid id)
    {
        if (!await LoadAsync(id, track: true))
        {
            return NotFound();
        }
        if (!IsLab)
        {
            return Forbid();
        }
        var text = (ReceivedOn ?? "").Trim();
        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var on))
        {
            ModelState.AddProblem(nameof(ReceivedOn), new Problem("SampleForm.ReceivedOnRequired"), l);
            return Page();
        }
        if (Sample.Receive(on, await db.LoadCalendarAsync(), ShianTime.UtcNow(clock), user.Name) is { } error)
        {
            ModelState.AddProblem(nameof(ReceivedOn), error, l);
            return Page();
        }
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        return Redirect($"{SamplingRoutes.Sample(id)}?done=received");
    }

    public async Task<IActionResult> OnPostResultsAsync(Guid id)
    {
        if (!await LoadAsync(id, track: true))
        {
            return NotFound();
        }
        if (!IsLab)
        {
            return Forbid();
        }
        static string C(string? v) => (v ?? "").Trim();
        var items = Items.Where(i => !i.IsEmpty).Select(i => new SampleTestItem
        {
            Name = C(i.Name), Value = C(i.Value), Unit = C(i.Unit), Limit = C(i.Limit), MethodStandard = C(i.MethodStandard), Judgement = i.Judgement,
        }).ToList();
        // The earlier items are replaced, the conclusion computed and a failure fed to the risk grading (SampleResults).
        var errors = await SampleResults.RecordAsync(db, Sample, items, user.Name, ShianTime.UtcNow(clock), HttpContext.RequestAborted);
        if (errors.Count > 0)
        {
            ModelState.AddProblems(errors, l);
            return Page();
        }
        return Redirect($"{SamplingRoutes.Sample(id)}?done=tested");
    }

    public async Task<IActionResult> OnPostReportAsync(Guid id)
    {
        if (!await LoadAsync(id, track: true))
        {
            return NotFound();
        }
        if (!IsLab)
        {
            return Forbid();
        }
        var now = ShianTime.UtcNow(clock);
        var files = await Uploads.ReadAsync(Report is null ? [] : [Report], FileOwners.SampleReport, id, user.Name, now, ModelState, l, nameof(Report), HttpContext.RequestAborted);
        if (!ModelState.IsValid)
        {
            return Page();
        }
        if (files.Count == 0)
        {
            ModelState.AddProblem(nameof(Report), new Problem("SampleForm.ReportRequired"), l);
            return Page();
        }
        var file = files[0];
        file.Id = Guid.CreateVersion7();
        // A failed sample opens its failure case (核查处置) and notifies the operator in the same save.
        var sms = HttpContext.RequestServices.GetRequiredService<ISmsSender>();
        if (await SampleResults.RecordReportAsync(db, sms, Sample, file, user.Name, now, HttpContext.RequestAborted) is { } error)
        {
            ModelState.AddProblem(nameof(Report), error, l);
            return Page();
        }
        return Redirect($"{SamplingRoutes.Sample(id)}?done=reported");
    }

    /// <summary>The report, to whoever may see the sample's results.</summary>
    public async Task<IActionResult> OnGetReportAsync(Guid id)
    {
        var file = await db.Samples.Where(s => s.Id == id).Select(s => s.ReportFileId).FirstOrDefaultAsync(); // the current report, not a replaced one
        return file is null ? NotFound() : (await FileRules.OpenAsync(HttpContext, file.Value, id, FileOwners.SampleReport)).ToActionResult();
    }

    /// <summary>The signature drawn on the form, to whoever may see the sample (also shown on the print view).</summary>
    public async Task<IActionResult> OnGetSignatureAsync(Guid id)
    {
        var file = await db.SignatureIdAsync(id, HttpContext.RequestAborted);
        return file is null ? NotFound() : (await FileRules.OpenAsync(HttpContext, file.Value, id, FileOwners.SampleSignature)).ToActionResult(inline: true);
    }

    private async Task<bool> LoadAsync(Guid id, bool track)
    {
        var scope = await user.ScopeAsync();
        if (await db.FindVisibleAsync(scope, id, track, HttpContext.RequestAborted) is not { } sample)
        {
            return false;
        }
        Sample = sample;
        IsLab = scope.IsLabOf(sample);
        ShowResults = scope.ShowsResults(sample);
        CanSubmit = sample.Status == SampleStatus.Draft && await HttpContext.MeetsAsync(Policies.SamplesTake);
        Today = ShianTime.LocalDate(ShianTime.UtcNow(clock));
        SignatureId = await db.SignatureIdAsync(id, HttpContext.RequestAborted);
        var names = await db.Units.AsNoTracking().Where(u => u.Id == sample.LaboratoryId || u.Id == sample.SamplingUnitId)
            .ToDictionaryAsync(u => u.Id, u => u.Name);
        Laboratory = names.GetValueOrDefault(sample.LaboratoryId, "");
        SamplingUnit = names.GetValueOrDefault(sample.SamplingUnitId, "");
        CategoryPath = await FoodCategoryPaths.OfAsync(db, sample.FoodCategoryCode, HttpContext.RequestAborted);
        return true;
    }
}
