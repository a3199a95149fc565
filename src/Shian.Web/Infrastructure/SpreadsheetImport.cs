using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Shian.Common;
using Shian.Data;

namespace Shian.Web.Infrastructure;

/// <summary>
/// The steps every spreadsheet import page shares: upload → check → preview → confirm. The page keeps what differs (how
/// rows are read, checked and stored, what the preview shows); these keep the upload within limits, the checked file
/// between preview and confirmation, and the confirmation all-or-nothing. The row-error report is the partial
/// <c>Shared/_ImportErrors.cshtml</c>.
/// </summary>
public static class SpreadsheetImport
{
    /// <summary>The uploaded file's content and name, or null with the refusal on the field (nothing chosen, too large).</summary>
    public static async Task<(byte[] Content, string FileName)?> ReadAsync(IFormFile? upload, long maxBytes, Func<string, Problem> tooLarge,
        string chooseFile, ModelStateDictionary modelState, IStringLocalizer l, string field, CancellationToken ct)
    {
        if (upload is not { Length: > 0 })
        {
            modelState.AddModelError(field, chooseFile);
            return null;
        }
        var fileName = Path.GetFileName(upload.FileName);
        if (upload.Length > maxBytes)
        {
            modelState.AddProblem(field, tooLarge(fileName), l);
            return null;
        }
        using var buffer = new MemoryStream();
        await upload.CopyToAsync(buffer, ct);
        return (buffer.ToArray(), fileName);
    }

    /// <summary>
    /// Keeps a checked file for its owner until they confirm it (the preview's form carries only its id). The kind marks it
    /// as a draft that no download rule opens.
    /// </summary>
    public static async Task<Guid> KeepAsync(ShianDb db, byte[] content, string fileName, string draftKind, Guid owner, string by, DateTime at,
        CancellationToken ct)
    {
        var draft = StoredFile.CheckedImport(fileName, content, draftKind, owner, by, at);
        db.StoredFiles.Add(draft);
        await db.SaveChangesAsync(ct);
        return draft.Id;
    }

    /// <summary>
    /// The checked file the person confirms (theirs, of that kind), or null if it is gone. It is removed in the same save as
    /// the rows it holds, so a confirmed import stores the rows and drops the file together, or neither.
    /// </summary>
    public static async Task<StoredFile?> TakeAsync(ShianDb db, Guid? draftId, string draftKind, Guid owner, CancellationToken ct)
    {
        var draft = await db.StoredFiles.FirstOrDefaultAsync(f => f.Id == draftId && f.OwnerKind == draftKind && f.OwnerId == owner, ct);
        if (draft is not null)
        {
            db.StoredFiles.Remove(draft);
        }
        return draft;
    }

    /// <summary>
    /// A confirmation refused after all (the register changed since the check): nothing staged is kept, and the refused file
    /// is dropped, since it cannot be confirmed again.
    /// </summary>
    public static async Task RefuseAsync(ShianDb db, StoredFile draft, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        db.StoredFiles.Remove(draft);
        await db.SaveChangesAsync(ct);
    }
}
