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
    public string TooManyRows(string fileName) =>
        $"文件“{fileName}”超过导入上限：最多 {Count(MaxRows)} 行，请分成几个文件导入 / The file {fileName} exceeds the import limit: at most {Count(MaxRows)} rows; split it into several files.";

    public string TooLarge(string fileName) =>
        $"文件“{fileName}”超过导入上限：最多 {Megabytes(MaxFileBytes)} MB / The file {fileName} exceeds the import limit: at most {Megabytes(MaxFileBytes)} MB.";

    public string UnpacksTooLarge(string fileName) =>
        $"文件“{fileName}”超过导入上限：解压后最多 {Megabytes(MaxUnpackedBytes)} MB / The file {fileName} exceeds the import limit: at most {Megabytes(MaxUnpackedBytes)} MB unpacked.";

    public string TooManyParts(string fileName) =>
        $"文件“{fileName}”超过导入上限：压缩包内最多 {Count(MaxParts)} 个部件 / The file {fileName} exceeds the import limit: at most {Count(MaxParts)} parts in the package.";

    private static string Count(int rows) => rows.ToString("N0", CultureInfo.InvariantCulture);

    private static string Megabytes(long bytes) => (bytes / 1024.0 / 1024).ToString("0.##", CultureInfo.InvariantCulture);
}
