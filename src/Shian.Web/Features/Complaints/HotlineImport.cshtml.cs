using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Shian.Common;
using Shian.Complaints;
using Shian.Data;
using Shian.Registry;
using Shian.Web.Infrastructure;

namespace Shian.Web.Features.Complaints;

/// <summary>
/// 导入热线工单: upload a hotline system's exported work orders → every row checked through the intake (row, column,
/// reason) → a preview with where each goes → confirm. Any bad row stores nothing; the checked file waits, unreadable by
/// others, until the person confirms it, and is checked again then (a ticket may have been entered meanwhile). The same
/// people as the hotline page, since each row is a ticket they could have typed.
/// </summary>
[Authorize(Policy = Policies.ComplaintsHandle)]
[RequestFormLimits(MultipartBodyLengthLimit = RequestLimits.MaxBodyBytes)]
public class HotlineImportModel(ShianDb db, CurrentUser user, TimeProvider clock, ComplaintSettings settings, IStringLocalizer<SharedResource> l) : PageModel
{
    public const int PreviewRows = 20;

    public sealed record PreviewRow(string? Ticket, ComplaintChannel Channel, ComplaintKind Kind, DateTime ReceivedAt, string BusinessName, bool Linked,
        string Handler, DateOnly FirstDeadline);

    [BindProperty] public IFormFile? Upload { get; set; }
    [BindProperty] public Guid? Draft { get; set; }

    public IReadOnlyList<BusinessImport.RowError> Errors { get; private set; } = [];
    public IReadOnlyList<PreviewRow> Preview { get; private set; } = [];
    public IReadOnlyList<string> Ignored { get; private set; } = [];
    public int RowCount { get; private set; }
    public string? FileName { get; private set; }
    public int? Imported { get; private set; }

    public void OnGet()
    {
    }

    /// <summary>A workbook with the columns in order and one example row, which imports as it is.</summary>
    public IActionResult OnGetTemplate() => ExcelExport.File(l["Complaint.Import.TemplateFile"],
        new ExcelExport.Sheet(l["Complaint.Import.TemplateSheet"], ComplaintImport.Columns.All, [ComplaintImport.Example(clock.GetUtcNow().UtcDateTime)]));

    public async Task<IActionResult> OnPostCheckAsync()
    {
        if (await SpreadsheetImport.ReadAsync(Upload, ComplaintImport.Limits.MaxFileBytes, ComplaintImport.Limits.TooLarge, l["Registry.ChooseFile"],
                ModelState, l, nameof(Upload), HttpContext.RequestAborted) is not { } sent)
        {
            return Page();
        }
        FileName = sent.FileName;
        if (await CheckAsync(sent.Content, sent.FileName) is not { } result)
        {
            return Page();
        }
        await PreviewAsync(result.Complaints);
        Draft = await SpreadsheetImport.KeepAsync(db, sent.Content, sent.FileName, FileOwners.ComplaintImport, user.Id!.Value, user.Name,
            ShianTime.UtcNow(clock), HttpContext.RequestAborted);
        return Page();
    }

    public async Task<IActionResult> OnPostConfirmAsync()
    {
        var draft = await SpreadsheetImport.TakeAsync(db, Draft, FileOwners.ComplaintImport, user.Id!.Value, HttpContext.RequestAborted);
        if (draft is null)
        {
            ModelState.AddModelError(string.Empty, l["Registry.DraftGone"]);
            return Page();
        }
        FileName = draft.FileName;
        if (await CheckAsync(draft.Content, draft.FileName) is not { } result)
        {
            // A ticket was entered since the check: say which, keep nothing.
            await SpreadsheetImport.RefuseAsync(db, draft, HttpContext.RequestAborted);
            Draft = null;
            return Page();
        }
        Imported = await ComplaintImport.StoreAsync(db, result, HttpContext.RequestAborted); // the rows and the draft's removal in one save
        Draft = null;
        return Page();
    }

    /// <summary>The checked rows, or null with <see cref="Errors"/> set.</summary>
    private async Task<ComplaintImport.Checked?> CheckAsync(byte[] content, string fileName)
    {
        var (sheet, error) = ComplaintImport.Read(content, fileName);
        if (sheet is null)
        {
            Errors = [new BusinessImport.RowError(0, l["Registry.File"], error!)];
            return null;
        }
        RowCount = sheet.Rows.Count;
        Ignored = sheet.Ignored;
        var result = await ComplaintImport.CheckAsync(db, sheet, settings, user.Name, ShianTime.UtcNow(clock), HttpContext.RequestAborted);
        Errors = result.Errors;
        return Errors.Count == 0 ? result : null;
    }

    private async Task PreviewAsync(IReadOnlyList<Complaint> complaints)
    {
        var townships = await db.Townships.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Name, HttpContext.RequestAborted);
        var units = await db.Units.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.Name, HttpContext.RequestAborted);
        Preview = complaints.Take(PreviewRows).Select(c => new PreviewRow(c.HotlineTicket, c.Channel, c.Kind, c.ReceivedAt, c.BusinessName, c.BusinessId is not null,
            c.TownshipId is { } t ? townships.GetValueOrDefault(t, "") : c.UnitId is { } u ? units.GetValueOrDefault(u, "") : "", c.FirstDeadline)).ToList();
    }
}
