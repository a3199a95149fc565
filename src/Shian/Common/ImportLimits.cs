using System.Globalization;

namespace Shian.Common;

/// <summary>
/// The most one import reads: rows (every row of the sheet or line of the text up to the last, blank ones included;
/// the header is not counted), bytes of the file as sent, and bytes once unpacked (an .xlsx or .docx is a zip whose
/// parts can inflate a thousandfold). <see cref="ImportReader"/> checks them while reading, so an oversize file is refused
/// before it costs time or memory. The refusals name the file and the limit. <see cref="MaxParts"/> bounds the parts of
/// a package (an .xlsx has about ten, a .docx with pictures a few hundred): each costs memory before any is read.
/// </summary>
public sealed record ImportLimits(int MaxRows, long MaxFileBytes, long MaxUnpackedBytes, int MaxParts = 1_000)
{
    public Problem TooManyRows(string fileName) => new("Import.TooManyRows", fileName, Count(MaxRows));

    public Problem TooLarge(string fileName) => new("Import.TooLarge", fileName, Megabytes(MaxFileBytes));

    public Problem UnpacksTooLarge(string fileName) => new("Import.UnpacksTooLarge", fileName, Megabytes(MaxUnpackedBytes));

    public Problem TooManyParts(string fileName) => new("Import.TooManyParts", fileName, Count(MaxParts));

    private static string Count(int rows) => rows.ToString("N0", CultureInfo.InvariantCulture);

    private static string Megabytes(long bytes) => (bytes / 1024.0 / 1024).ToString("0.##", CultureInfo.InvariantCulture);
}
