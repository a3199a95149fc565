using System.Security.Cryptography;

namespace Shian.Common;

/// <summary>
/// A file attached to a record: a progress report's attachments, the evidence for a reported value, later inspection
/// photos. Kept in the database so that a record and its files are saved, backed up and refused together.
/// </summary>
public class StoredFile
{
    public Guid Id { get; set; }

    /// <summary>The kind of record it belongs to (<see cref="FileOwners"/>), which decides who may open it.</summary>
    public string OwnerKind { get; set; } = "";

    public Guid OwnerId { get; set; }
    public string FileName { get; set; } = "";
    public string ContentType { get; set; } = "";
    public long Length { get; set; }
    public string Sha256 { get; set; } = "";
    public byte[] Content { get; set; } = [];
    public DateTime UploadedAt { get; set; }
    public string UploadedBy { get; set; } = "";

    /// <summary>
    /// Checks an upload and makes the file, or says why not. Only documents and pictures that offices exchange are
    /// taken, and the content must be what the name says (a renamed program is refused).
    /// </summary>
    public static (StoredFile? File, Problem? Error) From(string fileName, byte[] content, string ownerKind, Guid ownerId, string by, DateTime at)
    {
        var name = Path.GetFileName(fileName.Replace('\\', '/')).Trim();
        if (name.Length is 0 or > 200)
        {
            return (null, new Problem("File.NameInvalid"));
        }
        if (content.Length == 0)
        {
            return (null, new Problem("File.Empty", name));
        }
        if (content.Length > MaxBytes)
        {
            return (null, TooLarge(name));
        }
        var extension = Path.GetExtension(name).ToLowerInvariant();
        if (!Types.TryGetValue(extension, out var type))
        {
            return (null, new Problem("File.TypeNotAccepted", name, string.Join("、", Types.Keys)));
        }
        if (!type.Signature(content))
        {
            return (null, new Problem("File.ContentMismatch", name));
        }
        return (new StoredFile
        {
            OwnerKind = ownerKind, OwnerId = ownerId, FileName = name, ContentType = type.ContentType, Length = content.Length,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(content)), Content = content, UploadedAt = at, UploadedBy = by,
        }, null);
    }

    public const long MaxBytes = 10 * 1024 * 1024;

    /// <summary>
    /// The image type a photo's content is (JPEG, PNG or WebP by their magic bytes), or null for anything else. The name a
    /// phone gives a photo says little, so only the content decides.
    /// </summary>
    public static string? ImageType(ReadOnlySpan<byte> content) =>
        content.StartsWith((byte[])[0xFF, 0xD8, 0xFF]) ? "image/jpeg"
        : content.StartsWith((byte[])[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) ? "image/png"
        : content.Length >= 12 && content.StartsWith("RIFF"u8) && content[8..12].SequenceEqual("WEBP"u8) ? "image/webp"
        : null;

    /// <summary>A photo (JPEG, PNG or WebP by content, at most <see cref="MaxBytes"/>), or why not.</summary>
    public static (StoredFile? File, Problem? Error) Photo(string fileName, byte[] content, string ownerKind, Guid ownerId, string by, DateTime at)
    {
        var name = Path.GetFileName(fileName.Replace('\\', '/')).Trim();
        if (name.Length is 0 or > 200)
        {
            name = "photo";
        }
        if (content.Length == 0)
        {
            return (null, new Problem("File.Empty", name));
        }
        if (content.Length > MaxBytes)
        {
            return (null, TooLarge(name));
        }
        if (ImageType(content) is not { } type)
        {
            return (null, new Problem("File.NotImage", name));
        }
        return (new StoredFile
        {
            OwnerKind = ownerKind, OwnerId = ownerId, FileName = name, ContentType = type, Length = content.Length,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(content)), Content = content, UploadedAt = at, UploadedBy = by,
        }, null);
    }

    /// <summary>
    /// A spreadsheet import kept between its check and its confirmation. Its reader has already refused anything that is not
    /// a readable workbook within the import's own limits (larger than <see cref="MaxBytes"/>), so only the name is tidied.
    /// </summary>
    public static StoredFile CheckedImport(string fileName, byte[] content, string ownerKind, Guid ownerId, string by, DateTime at) => new()
    {
        OwnerKind = ownerKind, OwnerId = ownerId, FileName = Path.GetFileName(fileName.Replace('\\', '/')).Trim(), ContentType = "application/octet-stream",
        Length = content.Length, Sha256 = Convert.ToHexStringLower(SHA256.HashData(content)), Content = content, UploadedAt = at, UploadedBy = by,
    };

    public static Problem TooLarge(string name) => new("File.TooLarge", name, MaxBytes / 1024 / 1024);
    public const int MaxPerRecord = 5;

    private sealed record FileType(string ContentType, Func<byte[], bool> Signature);

    private static bool StartsWith(byte[] content, params byte[] prefix) => content.AsSpan().StartsWith(prefix);

    // Office documents of 2007+ are zip packages; older ones are OLE compound files.
    private static readonly Dictionary<string, FileType> Types = new()
    {
        [".pdf"] = new("application/pdf", c => StartsWith(c, "%PDF"u8.ToArray())),
        [".jpg"] = new("image/jpeg", c => StartsWith(c, 0xFF, 0xD8, 0xFF)),
        [".jpeg"] = new("image/jpeg", c => StartsWith(c, 0xFF, 0xD8, 0xFF)),
        [".png"] = new("image/png", c => StartsWith(c, 0x89, 0x50, 0x4E, 0x47)),
        [".docx"] = new("application/vnd.openxmlformats-officedocument.wordprocessingml.document", c => StartsWith(c, 0x50, 0x4B, 0x03, 0x04)),
        [".xlsx"] = new("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", c => StartsWith(c, 0x50, 0x4B, 0x03, 0x04)),
        [".doc"] = new("application/msword", c => StartsWith(c, 0xD0, 0xCF, 0x11, 0xE0)),
        [".xls"] = new("application/vnd.ms-excel", c => StartsWith(c, 0xD0, 0xCF, 0x11, 0xE0)),
        [".csv"] = new("text/csv", c => Array.IndexOf(c, (byte)0) < 0),
    };
}

/// <summary>The kinds of record files attach to.</summary>
public static class FileOwners
{
    public const string TaskReport = "TaskReport";
    public const string IndicatorValue = "IndicatorValue";

    /// <summary>A checked registry import waiting for the person's confirmation; never downloadable.</summary>
    public const string BusinessImport = "BusinessImport";

    /// <summary>A checked licence import waiting for the person's confirmation; never downloadable.</summary>
    public const string LicenceImport = "LicenceImport";

    /// <summary>A checked file of hotline work orders waiting for the person's confirmation; never downloadable.</summary>
    public const string ComplaintImport = "ComplaintImport";

    /// <summary>The operator's evidence of a correction (整改回复); opened through the order's page.</summary>
    public const string RectificationResponse = "RectificationResponse";
    /// <summary>A photo taken for one item of an inspection (owner: the <c>InspectionItem</c>); images only.</summary>
    public const string InspectionPhoto = "InspectionPhoto";

    /// <summary>
    /// The operator's credit-repair evidence for an early-removal request (owner: the <c>SeriousViolationRemoval</c>); opened
    /// through the operator's credit page and the listing's page.
    /// </summary>
    public const string CreditRepair = "CreditRepair";

    /// <summary>A photo of a 陪餐 record (owner: the <c>SchoolMealRecord</c>); images only, opened through the record's page.</summary>
    public const string SchoolMealPhoto = "SchoolMealPhoto";

    /// <summary>A laboratory's test report (owner: the <c>Sample</c>); PDF only, opened through the sample's page.</summary>
    public const string SampleReport = "SampleReport";

    /// <summary>The sampled business's signature drawn on the sampler's phone (owner: the <c>Sample</c>); PNG, shown on its pages.</summary>
    public const string SampleSignature = "SampleSignature";

    /// <summary>Evidence that failed imported food was returned or destroyed (owner: the <c>ImportedFoodCheck</c>).</summary>
    public const string ImportDisposalEvidence = "ImportDisposalEvidence";

    /// <summary>Evidence of a failed sample's disposal (owner: the <c>SampleFailure</c>); opened through the case's page.</summary>
    public const string SampleFailureEvidence = "SampleFailureEvidence";

    /// <summary>The operator's files supporting an objection (owner: the <c>SampleFailure</c>).</summary>
    public const string SampleFailureObjection = "SampleFailureObjection";

    /// <summary>The re-inspection laboratory's report (owner: the <c>SampleFailure</c>); PDF only.</summary>
    public const string SampleReinspectionReport = "SampleReinspectionReport";

    /// <summary>
    /// A submitter's photos and receipts (owner: the <c>Complaint</c>); images or PDF. They may show who the submitter is,
    /// so they are opened by those who may see the informant: the handling unit and the office.
    /// </summary>
    public const string ComplaintEvidence = "ComplaintEvidence";

    /// <summary>
    /// The signed mediation agreement or record of a complaint (调解协议/记录; owner: the <c>Complaint</c>), a photo or a
    /// PDF uploaded with the mediation's end. Stored under a neutral name (a typed name may name the complainant).
    /// </summary>
    public const string ComplaintMediationRecord = "ComplaintMediationRecord";
}
