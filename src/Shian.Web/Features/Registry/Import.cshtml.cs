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
/// 批量导入主体: upload an .xlsx or .csv → every row checked (row, column, reason) → a preview → confirm. A file with any bad
/// row stores nothing; the checked file waits, unreadable by others, until the person confirms it.
/// </summary>
[Authorize(Policy = Policies.RegistryEdit)]
[RequestFormLimits(MultipartBodyLengthLimit = RequestLimits.MaxBodyBytes)]
public class ImportModel(ShianDb db, CurrentUser user, IAuthorizationService authorization, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty] public IFormFile? Upload { get; set; }
    [BindProperty] public Guid? Draft { get; set; }

    public IReadOnlyList<BusinessImport.RowError> Errors { get; private set; } = [];
    public IReadOnlyList<Business> Preview { get; private set; } = [];
    public int RowCount { get; private set; }
    public string? FileName { get; private set; }
    public int? Imported { get; private set; }
    public IReadOnlyDictionary<Guid, string> TownshipNames { get; private set; } = new Dictionary<Guid, string>();

    public void OnGet()
    {
    }

    /// <summary>An empty workbook with the columns in order, to fill in.</summary>
    public IActionResult OnGetTemplate() => ExcelExport.File("主体导入模板.xlsx",
        new ExcelExport.Sheet("主体", BusinessInput.Columns.All, [["示例：蓟州区某某饭店", "91120119AY4CL12THD", "", "张三", "渔阳镇北大街 8 号", "渔阳镇", "餐馆", "小型", "张三", "022-29140000", "正常", "明厨亮灶", "40.045", "117.408"]]));

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
        Draft = await SpreadsheetImport.KeepAsync(db, sent.Content, FileName, FileOwners.BusinessImport, user.Id!.Value, user.Name, clock.GetUtcNow().UtcDateTime,
            HttpContext.RequestAborted);
        return Page();
    }

    public async Task<IActionResult> OnPostConfirmAsync()
    {
        var draft = await SpreadsheetImport.TakeAsync(db, Draft, FileOwners.BusinessImport, user.Id!.Value, HttpContext.RequestAborted);
        if (draft is null)
        {
            ModelState.AddModelError(string.Empty, l["Registry.DraftGone"]);
            return Page();
        }
        FileName = draft.FileName;
        var rights = await RegistryRights.ForAsync(User, user, authorization);
        var (imported, errors) = await BusinessImport.ImportAsync(db, draft.Content, draft.FileName, rights.MayOverrideCode, clock, HttpContext.RequestAborted,
            rights.BoundTownship);
        if (errors.Count > 0)
        {
            // The register changed since the check (someone registered one of the codes): show why, keep nothing.
            await SpreadsheetImport.RefuseAsync(db, draft, HttpContext.RequestAborted);
            Errors = errors;
            Draft = null;
            return Page();
        }
        Imported = imported;
        return Page();
    }

    private async Task<bool> CheckAsync(byte[] content, string fileName)
    {
        var (rows, error) = BusinessImport.Read(content, fileName);
        if (error is not null)
        {
            Errors = [new BusinessImport.RowError(0, BusinessImport.FileColumn, error)];
            return false;
        }
        RowCount = rows.Count;
        var townships = await db.Townships.AsNoTracking().Where(t => t.Active).ToListAsync();
        TownshipNames = townships.ToDictionary(t => t.Id, t => t.Name);
        var registered = await BusinessImport.RegisteredCodesAsync(db, rows, HttpContext.RequestAborted);
        var rights = await RegistryRights.ForAsync(User, user, authorization);
        var result = BusinessImport.Check(rows, townships, registered, rights.MayOverrideCode, rights.BoundTownship);
        Errors = result.Errors;
        Preview = result.Businesses.Take(20).ToList();
        return Errors.Count == 0;
    }
}
