using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;
using Shian.Common;

namespace Shian.Web.Infrastructure;

/// <summary>Files sent with a form, checked together: every refusal is named on the field, nothing is kept on refusal.</summary>
public static class Uploads
{
    public static async Task<List<StoredFile>> ReadAsync(IReadOnlyList<IFormFile> files, string ownerKind, Guid ownerId, string by, DateTime at,
        ModelStateDictionary modelState, IStringLocalizer l, string field, CancellationToken ct)
    {
        var stored = new List<StoredFile>();
        var sent = files.Where(f => f.Length > 0 || f.FileName.Length > 0).ToList();
        if (sent.Count > StoredFile.MaxPerRecord)
        {
            modelState.AddModelError(field, l["Upload.TooMany", StoredFile.MaxPerRecord]);
            return stored;
        }
        if (sent.Sum(f => f.Length) > RequestLimits.MaxAttachmentBytes)
        {
            modelState.AddModelError(field, l["Upload.TotalTooLarge", RequestLimits.MaxAttachmentBytes / 1024 / 1024]);
            return stored;
        }
        foreach (var upload in sent)
        {
            if (upload.Length > StoredFile.MaxBytes)
            {
                modelState.AddProblem(field, StoredFile.TooLarge(Path.GetFileName(upload.FileName)), l);
                continue;
            }
            using var buffer = new MemoryStream();
            await upload.CopyToAsync(buffer, ct);
            var (file, error) = StoredFile.From(upload.FileName, buffer.ToArray(), ownerKind, ownerId, by, at);
            if (file is null)
            {
                modelState.AddProblem(field, error!, l);
            }
            else
            {
                stored.Add(file);
            }
        }
        return stored;
    }
}
