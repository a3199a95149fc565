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
        if (Upload is not { Length: > 0 })
        {
            ModelState.AddModelError(nameof(Upload), l["Registry.ChooseFile"]);
            return Page();
        }
        if (Upload.Length > RequestLimits.MaxAttachmentBytes)
        {
            ModelState.AddModelError(nameof(Upload), StoredFile.TooLarge(Upload.FileName));
            return Page();
        }
        using var buffer = new MemoryStream();
        await Upload.CopyToAsync(buffer);
        var content = buffer.ToArray();
        FileName = Path.GetFileName(Upload.FileName);
        if (!await CheckAsync(content, FileName))
        {
            return Page();
        }
        var draft = new StoredFile
        {
            OwnerKind = FileOwners.BusinessImport, OwnerId = user.Id!.Value, FileName = FileName,
            ContentType = "application/octet-stream", Length = content.Length, Sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content)),
            Content = content, UploadedAt = clock.GetUtcNow().UtcDateTime, UploadedBy = user.Name,
        };
        db.StoredFiles.Add(draft);
        await db.SaveChangesAsync();
        Draft = draft.Id;
        return Page();
    }

    public async Task<IActionResult> OnPostConfirmAsync()
    {
        var me = user.Id!.Value;
        var draft = await db.StoredFiles.FirstOrDefaultAsync(f => f.Id == Draft && f.OwnerKind == FileOwners.BusinessImport && f.OwnerId == me);
        if (draft is null)
        {
            ModelState.AddModelError(string.Empty, l["Registry.DraftGone"]);
            return Page();
        }
        FileName = draft.FileName;
        db.StoredFiles.Remove(draft); // saved with the businesses, or not at all
        var rights = await RegistryRights.ForAsync(User, user, authorization);
        var (imported, errors) = await BusinessImport.ImportAsync(db, draft.Content, draft.FileName, rights.MayOverrideCode, clock, HttpContext.RequestAborted,
            rights.BoundTownship);
        if (errors.Count > 0)
        {
            // The register changed since the check (someone registered one of the codes): show why, keep nothing.
            db.ChangeTracker.Clear();
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
