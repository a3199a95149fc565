using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Shian.Accounts;
using Shian.Common;
using Shian.Data;
using Shian.Registry;
using Shian.Sampling;
using Shian.Web.Infrastructure;

namespace Shian.Web.Features.Sampling;

/// <summary>
/// 检验结果导入: a laboratory downloads a workbook of its received samples (one row per sample to copy per test item),
/// fills in the results and uploads it. Any bad row refuses the whole file with a row-by-row report and nothing changed;
/// otherwise every sample's results are recorded at once. The office may import for any laboratory.
/// </summary>
[Authorize(Policy = Policies.Samples)]
[RequestFormLimits(MultipartBodyLengthLimit = RequestLimits.MaxBodyBytes)]
public class LabImportModel(ShianDb db, CurrentUser user, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty] public IFormFile? Upload { get; set; }

    public IReadOnlyList<BusinessImport.RowError> Errors { get; private set; } = [];
    public (int Samples, int Items)? Imported { get; private set; }
    public bool IsOffice { get; private set; }

    /// <summary>The importing lab, or null for the office; not allowed for anyone else.</summary>
    private async Task<(bool Allowed, Guid? Laboratory)> WhoAsync()
    {
        IsOffice = await HttpContext.MeetsAsync(Policies.Office);
        if (IsOffice)
        {
            return (true, null);
        }
        var scope = await user.ScopeAsync();
        return scope.LaboratoryId is { } lab ? (true, lab) : (false, null);
    }

    public async Task<IActionResult> OnGetAsync() => (await WhoAsync()).Allowed ? Page() : Forbid();

    /// <summary>The template: the lab's received samples (the office's: every lab's), one row each with the form number filled in.</summary>
    public async Task<IActionResult> OnGetTemplateAsync()
    {
        var (allowed, lab) = await WhoAsync();
        if (!allowed)
        {
            return Forbid();
        }
        var samples = db.Samples.AsNoTracking().Where(s => s.Status == SampleStatus.Received || s.Status == SampleStatus.Tested);
        if (lab is { } l)
        {
            samples = samples.Where(s => s.LaboratoryId == l);
        }
        var rows = await samples.OrderBy(s => s.Number).Select(s => new { s.Number, s.SampleName }).Take(SampleResultImport.MaxRows).ToListAsync();
        return ExcelExport.File("检验结果导入模板.xlsx", new ExcelExport.Sheet("检验结果", SampleResultImport.Columns.All,
            rows.Select(r => (IReadOnlyList<object?>)[r.Number, r.SampleName, "", "", "", "", "", ""])));
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var (allowed, lab) = await WhoAsync();
        if (!allowed)
        {
            return Forbid();
        }
        if (await SpreadsheetImport.ReadAsync(Upload, SampleResultImport.Limits.MaxFileBytes, SampleResultImport.Limits.TooLarge,
                l.Word(new Problem("SampleImport.FileRequired")), ModelState, l, nameof(Upload), HttpContext.RequestAborted) is not { } sent)
        {
            return Page();
        }
        var (samples, items, errors) = await SampleResultImport.ImportAsync(db, sent.Content, sent.FileName, lab, user.Name,
            ShianTime.UtcNow(clock), HttpContext.RequestAborted);
        Errors = errors;
        if (errors.Count == 0)
        {
            Imported = (samples, items);
        }
        return Page();
    }
}
