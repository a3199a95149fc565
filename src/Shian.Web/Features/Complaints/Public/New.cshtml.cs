using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Shian.Common;
using Shian.Complaints;
using Shian.Data;
using Shian.Web.Infrastructure;

namespace Shian.Web.Features.Complaints.Public;

/// <summary>
/// 投诉举报 without signing in, on a phone or a desktop: the kind, the business (picked from the register or described),
/// what happened and when, photos and receipts, contact. Goes through <see cref="ComplaintIntake"/> like every channel.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimits.PublicComplaints)]
public class NewModel(ShianDb db, ComplaintSettings settings, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    /// <summary>Photos and receipts one submission may carry.</summary>
    public const int MaxFiles = 6;

    public sealed class InputModel
    {
        public ComplaintKind? Kind { get; set; }
        /// <summary>Set when the submitter picked the business from the register (the search under the name field).</summary>
        public Guid? BusinessId { get; set; }
        public string? BusinessName { get; set; }
        public string? BusinessCreditCode { get; set; }
        public string? Address { get; set; }
        public string? Description { get; set; }
        public DateOnly? OccurredOn { get; set; }
        public string? ContactName { get; set; }
        public string? ContactPhone { get; set; }
    }

    [BindProperty] public InputModel Input { get; set; } = new();
    [BindProperty] public List<IFormFile> Files { get; set; } = [];

    /// <summary>The honeypot: hidden by CSS, named like a real field; people leave it empty, form-filling bots do not.</summary>
    [BindProperty(Name = "website")] public string? Website { get; set; }

    public DateOnly Today => ShianTime.LocalDate(clock.GetUtcNow().UtcDateTime);

    public void OnGet(ComplaintKind? kind) => Input.Kind = kind;

    public async Task<IActionResult> OnPostAsync()
    {
        var ct = HttpContext.RequestAborted;
        if (!string.IsNullOrEmpty(Website))
        {
            // Answered as if accepted, so that the bot learns nothing; nothing is stored.
            return Redirect(ComplaintsPublicRoutes.Filed(TrackingCodes.New()));
        }
        ModelState.Clear(); // the intake checks every field and words its refusals; binding messages would repeat them
        var now = clock.GetUtcNow().UtcDateTime;
        var input = new Complaint.Input(Input.Kind, Input.BusinessName, Input.BusinessCreditCode, Input.Address, Input.Description, Input.OccurredOn,
            Input.ContactName, Input.ContactPhone, Input.BusinessId);
        var (complaint, errors) = await ComplaintIntake.PrepareAsync(db, input, ComplaintChannel.Online, settings, ComplaintsApi.PublicRecorder, now,
            new ComplaintIntake.Context(db), ct);
        ModelState.AddProblems(errors, l, nameof(Input));
        var files = await ReadFilesAsync(complaint?.Id ?? Guid.Empty, now, ct);
        if (complaint is null || !ModelState.IsValid)
        {
            return Page();
        }
        // The complaint and its files are saved together: a refused file leaves nothing behind.
        db.Complaints.Add(complaint);
        db.StoredFiles.AddRange(files);
        await db.SaveChangesAsync(ct);
        return Redirect(ComplaintsPublicRoutes.Filed(complaint.TrackingCode));
    }

    /// <summary>Up to <see cref="MaxFiles"/> photos (JPEG, PNG, WebP by content) or PDF receipts; each refusal named on the field.</summary>
    private async Task<List<StoredFile>> ReadFilesAsync(Guid owner, DateTime now, CancellationToken ct)
    {
        var stored = new List<StoredFile>();
        var sent = Files.Where(f => f.Length > 0 || f.FileName.Length > 0).ToList();
        if (sent.Count > MaxFiles)
        {
            ModelState.AddModelError(nameof(Files), l["Upload.TooMany", MaxFiles]);
            return stored;
        }
        if (sent.Sum(f => f.Length) > RequestLimits.MaxAttachmentBytes)
        {
            ModelState.AddModelError(nameof(Files), l["Upload.TotalTooLarge", RequestLimits.MaxAttachmentBytes / 1024 / 1024]);
            return stored;
        }
        foreach (var upload in sent)
        {
            if (upload.Length > StoredFile.MaxBytes)
            {
                ModelState.AddProblem(nameof(Files), StoredFile.TooLarge(Path.GetFileName(upload.FileName)), l);
                continue;
            }
            using var buffer = new MemoryStream();
            await upload.CopyToAsync(buffer, ct);
            var content = buffer.ToArray();
            var (file, error) = StoredFile.ImageType(content) is not null
                ? StoredFile.Photo(upload.FileName, content, FileOwners.ComplaintEvidence, owner, ComplaintsApi.PublicRecorder, now)
                : Path.GetExtension(upload.FileName).Equals(".pdf", StringComparison.OrdinalIgnoreCase)
                    ? StoredFile.From(upload.FileName, content, FileOwners.ComplaintEvidence, owner, ComplaintsApi.PublicRecorder, now)
                    : (null, new Problem("Complaint.EvidenceType", Path.GetFileName(upload.FileName)));
            if (file is null)
            {
                ModelState.AddProblem(nameof(Files), error!, l);
            }
            else
            {
                stored.Add(file);
            }
        }
        return stored;
    }
}
