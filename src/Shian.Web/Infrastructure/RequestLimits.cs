namespace Shian.Web.Infrastructure;

public static class RequestLimits
{
    /// <summary>
    /// The largest request body accepted: the attachments of one report (<see cref="MaxAttachmentBytes"/>) or a plan
    /// document, with the form around it. Anything larger is refused before it is read.
    /// </summary>
    public const long MaxBodyBytes = MaxAttachmentBytes + 1024 * 1024;

    /// <summary>What the files sent with one form may add up to.</summary>
    public const long MaxAttachmentBytes = 2 * Shian.Common.StoredFile.MaxBytes;
}
