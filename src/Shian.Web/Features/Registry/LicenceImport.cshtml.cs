using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Shian.Common;
using Shian.Data;
using Shian.Registry;
using Shian.Web.Infrastructure;

namespace Shian.Web.Features.Registry;

/// <summary>
/// 批量导入许可证: as the business import — upload an .xlsx or .csv → every row checked (row, column, reason) → a preview
/// with the warnings to acknowledge (a number whose region or type does not fit its business) → confirm. Rows are matched
/// to the businesses of the user's scope by credit code; a file with any bad row stores nothing.
/// </summary>
[Authorize(Policy = Policies.RegistryEdit)]
[RequestFormLimits(MultipartBodyLengthLimit = RequestLimits.MaxBodyBytes)]
public class LicenceImportModel(ShianDb db, CurrentUser user, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed record PreviewRow(string Business, AuthorisationKind Kind, string Number, DateOnly IssuedOn, DateOnly? ExpiresOn);

    [BindProperty] public IFormFile? Upload { get; set; }
    [BindProperty] public Guid? Draft { get; set; }

    public IReadOnlyList<BusinessImport.RowError> Errors { get; private set; } = [];
    public IReadOnlyList<BusinessImport.RowError> Warnings { get; private set; } = [];
    public IReadOnlyList<PreviewRow> Preview { get; private set; } = [];
    public int RowCount { get; private set; }
    public string? FileName { get; private set; }
    public int? Imported { get; private set; }

    public void OnGet()
    {
    }

    /// <summary>An empty workbook with the columns in order, to fill in.</summary>
    public IActionResult OnGetTemplate() => ExcelExport.File("许可证导入模板.xlsx",
        new ExcelExport.Sheet("许可证", LicenceImport.Columns.All,
            [["921201193BJ1XG612E", "食品经营许可证", "JY21201190012345", "热食类食品制售", "2021-06-01", "2026-05-31", "天津市蓟州区市场监督管理局", "否"]]));

    public async Task<IActionResult> OnPostCheckAsync()
    {
        if (await SpreadsheetImport.ReadAsync(Upload, RequestLimits.MaxAttachmentBytes, StoredFile.TooLarge, l["Registry.ChooseFile"], ModelState, l,
                nameof(Upload), HttpContext.RequestAborted) is not { } sent)
        {
            return Page();
        }
        FileName = sent.FileName;
        if (!await CheckAsync(sent.Content, FileName))
        {
            return Page();
        }
        Draft = await SpreadsheetImport.KeepAsync(db, sent.Content, FileName, FileOwners.LicenceImport, user.Id!.Value, user.Name, clock.GetUtcNow().UtcDateTime,
            HttpContext.RequestAborted);
        return Page();
    }

    public async Task<IActionResult> OnPostConfirmAsync()
    {
        var draft = await SpreadsheetImport.TakeAsync(db, Draft, FileOwners.LicenceImport, user.Id!.Value, HttpContext.RequestAborted);
        if (draft is null)
        {
            ModelState.AddModelError(string.Empty, l["Registry.DraftGone"]);
            return Page();
        }
        FileName = draft.FileName;
        var scope = await user.ScopeAsync();
        var result = await LicenceImport.ImportAsync(db, draft.Content, draft.FileName, clock, db.Businesses.VisibleTo(scope), HttpContext.RequestAborted);
        Warnings = result.Warnings;
        if (result.Errors.Count > 0)
        {
            // The register changed since the check (someone recorded one of the numbers): show why, keep nothing but drop the
            // refused draft (it cannot be confirmed again).
            await SpreadsheetImport.RefuseAsync(db, draft, HttpContext.RequestAborted);
            Errors = result.Errors;
            Draft = null;
            return Page();
        }
        Imported = result.Imported;
        return Page();
    }

    private async Task<bool> CheckAsync(byte[] content, string fileName)
    {
        var (rows, error) = LicenceImport.Read(content, fileName);
        if (error is not null)
        {
            Errors = [new BusinessImport.RowError(0, BusinessImport.FileColumn, error)];
            return false;
        }
        RowCount = rows.Count;
        var scope = await user.ScopeAsync();
        var (businesses, recorded) = await LicenceImport.LookUpAsync(db, rows, db.Businesses.VisibleTo(scope), HttpContext.RequestAborted);
        var result = LicenceImport.Check(rows, businesses, recorded);
        Errors = result.Errors;
        Warnings = result.Warnings;
        var names = businesses.Values.ToDictionary(b => b.Id, b => b.Name);
        Preview = result.Licences.Take(20).Select(x => new PreviewRow(names[x.BusinessId], x.Kind, x.Number, x.IssuedOn, x.ExpiresOn)).ToList();
        return Errors.Count == 0;
    }
}
