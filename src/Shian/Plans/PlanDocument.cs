using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Shian.Common;

namespace Shian.Plans;

/// <summary>
/// Turns an uploaded plan file into text: UTF-8 or GB18030 text, or a Word .docx. Refuses what is too large or not a
/// document before any parsing.
/// </summary>
public static class PlanDocument
{
    /// <summary>A plan is tens of kilobytes; anything past this is not a plan.</summary>
    public const long MaxBytes = 5 * 1024 * 1024;

    /// <summary>
    /// A plan's text is hundreds of lines (paragraphs of a .docx); a .docx unpacks to a few times its size. The limits hold
    /// a plan a hundred times larger than any seen, and refuse a package whose parts would inflate past them.
    /// </summary>
    public static readonly ImportLimits Limits = new(MaxRows: 20_000, MaxBytes, MaxUnpackedBytes: 32 * 1024 * 1024);

    public sealed record Result(string? Text, Problem? Error);

    static PlanDocument() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>Why a file of <paramref name="length"/> bytes is no plan: its size and the limit, in MB.</summary>
    public static Problem TooLarge(long length) =>
        new("Plan.DocumentTooLarge", length / 1024 / 1024.0, MaxBytes / 1024 / 1024);

    public static Result Read(byte[] content, string fileName)
    {
        if (content.LongLength > MaxBytes)
        {
            return new Result(null, TooLarge(content.LongLength));
        }
        if (content.Length == 0)
        {
            return new Result(null, new Problem("Plan.DocumentEmpty"));
        }
        var isZip = content is [0x50, 0x4B, 0x03, 0x04, ..];
        if (isZip || fileName.EndsWith(".docx", StringComparison.OrdinalIgnoreCase))
        {
            return isZip ? Bounded(ReadDocx(content, fileName), fileName) : new Result(null, new Problem("Plan.DocxNotWord"));
        }
        if (fileName.EndsWith(".doc", StringComparison.OrdinalIgnoreCase))
        {
            return new Result(null, new Problem("Plan.OldDoc"));
        }
        return Bounded(ReadText(content), fileName);
    }

    /// <summary>The text, unless it has more lines than <see cref="Limits"/> allow (the parser reads it line by line).</summary>
    private static Result Bounded(Result read, string fileName) =>
        read.Text is { } text && text.AsSpan().Count('\n') > Limits.MaxRows ? new Result(null, Limits.TooManyRows(fileName)) : read;

    private static Result ReadText(byte[] content)
    {
        var (text, error) = Shian.Common.TextDecoding.Decode(content);
        return new Result(text, error);
    }

    private static Result ReadDocx(byte[] content, string fileName)
    {
        try
        {
            // The package's parts are checked (declared and inflated sizes) before the SDK loads any of them, and the SDK
            // is told the same limit for the characters of a part.
            if (ImportReader.Package(content, fileName, Limits) is { } refused)
            {
                return new Result(null, refused);
            }
            using var stream = new MemoryStream(content, writable: false);
            using var document = WordprocessingDocument.Open(stream, isEditable: false, new OpenSettings { MaxCharactersInPart = Limits.MaxUnpackedBytes });
            var body = document.MainDocumentPart?.Document?.Body;
            if (body is null)
            {
                return new Result(null, new Problem("Plan.DocxNoBody"));
            }
            var text = new StringBuilder();
            var paragraphs = 0;
            foreach (var paragraph in body.Descendants<Paragraph>())
            {
                if (++paragraphs > Limits.MaxRows)
                {
                    return new Result(null, Limits.TooManyRows(fileName));
                }
                text.AppendLine(string.Concat(paragraph.Descendants<Text>().Select(t => t.Text)));
            }
            return new Result(text.ToString(), null);
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or IOException or FileFormatException or System.Xml.XmlException)
        {
            return new Result(null, new Problem("Plan.DocxUnreadable"));
        }
    }
}
