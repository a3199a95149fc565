using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using MiniExcelLibs;

namespace Shian.Common;

/// <summary>
/// Reads imported files within their <see cref="ImportLimits"/>. A zip package (.xlsx, .docx) is checked before any part
/// is inflated for reading: the number of parts, each part's declared size and their total; then each part is inflated
/// once through a small buffer, counting the bytes that actually come out (a declared size can lie) and a worksheet's row
/// tags. Rows are read as a stream and reading stops at the first row past the limit. Nothing here holds more than the
/// limits allow.
/// </summary>
public static class ImportReader
{
    /// <summary>
    /// The records of a one-sheet .xlsx or a .csv with a header row, at most <see cref="ImportLimits.MaxRows"/>, or why the
    /// file is refused. <paramref name="checkColumns"/> sees the header (the first record's keys) before any further row
    /// is read and may refuse it.
    /// </summary>
    public static (IReadOnlyList<IDictionary<string, object?>> Records, Problem? Error) Sheet(byte[] content, string fileName, ImportLimits limits,
        Func<IReadOnlyList<string>, Problem?> checkColumns)
    {
        if (content.Length == 0)
        {
            return ([], new Problem("Import.Empty"));
        }
        if (content.LongLength > limits.MaxFileBytes)
        {
            return ([], limits.TooLarge(fileName));
        }
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        try
        {
            if (extension == ".xlsx")
            {
                if (!content.AsSpan().StartsWith("PK\u0003\u0004"u8))
                {
                    return ([], new Problem("Import.NotWorkbook"));
                }
                if (Package(content, fileName, limits, countRowsIn: IsWorksheet) is { } refused)
                {
                    return ([], refused);
                }
                using var stream = new MemoryStream(content, writable: false);
                var sheets = stream.GetSheetNames();
                if (sheets.Count != 1)
                {
                    return ([], new Problem("Import.SheetCount", sheets.Count, string.Join("、", sheets)));
                }
                return Collect(stream.Query(useHeaderRow: true), fileName, limits, checkColumns);
            }
            if (extension == ".csv")
            {
                var (text, error) = TextDecoding.Decode(content);
                if (text is null)
                {
                    return ([], error);
                }
                var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
                if (lines.Length > 1 && lines[^1].Length == 0)
                {
                    lines = lines[..^1]; // the line break that ends the last row does not start another
                }
                if (lines.Length - 1 > limits.MaxRows)
                {
                    return ([], limits.TooManyRows(fileName));
                }
                // The reader skips blank lines; keep them as empty records so that row numbers match the file people see.
                var empty = new string(',', lines[0].Count(c => c == ','));
                var kept = string.Join("\n", lines.Select(l => l.Trim().Length == 0 ? empty : l));
                using var stream = new MemoryStream(Encoding.UTF8.GetBytes(kept));
                return Collect(stream.Query(useHeaderRow: true, excelType: ExcelType.CSV), fileName, limits, checkColumns);
            }
            return ([], new Problem("Import.WrongType", extension));
        }
        catch (MiniExcelLibs.Exceptions.ExcelColumnNotFoundException e)
        {
            return ([], new Problem("Import.RaggedRow", e.RowIndex));
        }
        catch (Exception e) when (e is InvalidDataException or IOException or InvalidOperationException or ArgumentException or System.Xml.XmlException)
        {
            return ([], new Problem("Import.Unreadable"));
        }
    }

    /// <summary>
    /// Why a zip package (.xlsx, .docx) is over the limits, or null: its part count and the parts' declared sizes first,
    /// then the bytes each part really inflates to, and, in the parts <paramref name="countRowsIn"/> picks, the rows (the
    /// header row and <see cref="ImportLimits.MaxRows"/> more). Throws <see cref="InvalidDataException"/> when it is not a zip.
    /// </summary>
    public static Problem? Package(byte[] content, string fileName, ImportLimits limits, Func<string, bool>? countRowsIn = null)
    {
        if (content.LongLength > limits.MaxFileBytes)
        {
            return limits.TooLarge(fileName);
        }
        if (DeclaredParts(content) > limits.MaxParts)
        {
            return limits.TooManyParts(fileName); // before the directory is read: each entry costs hundreds of bytes
        }
        using var zip = new ZipArchive(new MemoryStream(content, writable: false), ZipArchiveMode.Read);
        if (zip.Entries.Count > limits.MaxParts)
        {
            return limits.TooManyParts(fileName);
        }
        long declared = 0;
        foreach (var entry in zip.Entries)
        {
            declared += entry.Length; // from the central directory: nothing inflated yet
            if (entry.Length > limits.MaxUnpackedBytes || declared > limits.MaxUnpackedBytes)
            {
                return limits.UnpacksTooLarge(fileName);
            }
        }
        // .NET stops inflating a part at its declared size; counting here keeps the limit true whatever the runtime does.
        var buffer = new byte[64 * 1024];
        long inflated = 0;
        long rows = 0;
        foreach (var entry in zip.Entries)
        {
            var counting = countRowsIn?.Invoke(entry.FullName) == true;
            using var part = entry.Open();
            long partBytes = 0;
            var carried = 0;
            int read;
            while ((read = part.Read(buffer, carried, buffer.Length - carried)) > 0)
            {
                partBytes += read;
                inflated += read;
                if (partBytes > entry.Length || inflated > limits.MaxUnpackedBytes)
                {
                    return limits.UnpacksTooLarge(fileName);
                }
                if (!counting)
                {
                    continue;
                }
                var filled = carried + read;
                rows += RowTags(buffer.AsSpan(0, filled), fresh: carried);
                if (rows > limits.MaxRows + 1L)
                {
                    return limits.TooManyRows(fileName);
                }
                // Keep the last bytes: a tag cut by the read is counted when the rest of it arrives.
                carried = Math.Min(filled, RowTagCarry);
                buffer.AsSpan(filled - carried, carried).CopyTo(buffer);
            }
        }
        return null;
    }

    /// <summary>
    /// The number of parts the zip's end-of-central-directory record announces (the last 22 bytes before an optional
    /// comment), or 0 when there is none (<see cref="ZipArchive"/> then says the file is not a zip). A zip64 record's
    /// 0xFFFF counts as 65,535: more than any import allows.
    /// </summary>
    private static int DeclaredParts(byte[] content)
    {
        const int recordLength = 22;
        var earliest = Math.Max(0, content.Length - recordLength - ushort.MaxValue);
        for (var at = content.Length - recordLength; at >= earliest; at--)
        {
            if (content.AsSpan(at, 4).SequenceEqual("PK\u0005\u0006"u8))
            {
                return BinaryPrimitives.ReadUInt16LittleEndian(content.AsSpan(at + 10)); // total entries in the central directory
            }
        }
        return 0;
    }

    /// <summary>A worksheet part of an .xlsx (the rows live there).</summary>
    public static bool IsWorksheet(string partName) =>
        partName.StartsWith("xl/worksheets/", StringComparison.OrdinalIgnoreCase) && partName.EndsWith(".xml", StringComparison.OrdinalIgnoreCase);

    /// <summary>How many bytes of one read are kept for the next: "&lt;" + a short namespace prefix + ":row" + one byte.</summary>
    private const int RowTagCarry = 16;

    /// <summary>
    /// Row start tags (<c>&lt;row …&gt;</c>, or with a namespace prefix <c>&lt;x:row …&gt;</c>) in a piece of worksheet XML,
    /// without parsing it: text cannot hold a bare "&lt;", so this finds the rows in a fraction of the time a parser takes.
    /// Only tags that end at or after <paramref name="fresh"/> are counted; the ones before were counted with the last read.
    /// </summary>
    private static int RowTags(ReadOnlySpan<byte> xml, int fresh)
    {
        var count = 0;
        var at = 0;
        while (at < xml.Length)
        {
            var found = xml[at..].IndexOf("row"u8);
            if (found < 0)
            {
                break;
            }
            var start = at + found;
            var after = start + 3;
            at = after;
            if (after >= xml.Length)
            {
                break; // the byte after "row" decides; it comes with the next read
            }
            if (after < fresh || xml[after] is not ((byte)' ' or (byte)'>' or (byte)'/' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
            {
                continue;
            }
            if (OpensTag(xml, start))
            {
                count++;
            }
        }
        return count;
    }

    private static bool OpensTag(ReadOnlySpan<byte> xml, int name)
    {
        if (name == 0)
        {
            return false;
        }
        if (xml[name - 1] == (byte)'<')
        {
            return true;
        }
        if (xml[name - 1] != (byte)':')
        {
            return false;
        }
        for (var i = name - 2; i >= 0 && name - i < RowTagCarry - 3; i--)
        {
            if (xml[i] == (byte)'<')
            {
                return i < name - 2; // a prefix of at least one character
            }
            if (!char.IsAsciiLetterOrDigit((char)xml[i]))
            {
                return false;
            }
        }
        return false;
    }

    /// <summary>Takes records as they stream, refusing the header through <paramref name="checkColumns"/> and row MaxRows + 1.</summary>
    private static (IReadOnlyList<IDictionary<string, object?>> Records, Problem? Error) Collect(IEnumerable<dynamic> rows, string fileName, ImportLimits limits,
        Func<IReadOnlyList<string>, Problem?> checkColumns)
    {
        var records = new List<IDictionary<string, object?>>();
        foreach (IDictionary<string, object?> record in rows)
        {
            if (records.Count == 0 && checkColumns(record.Keys.ToList()) is { } refused)
            {
                return ([], refused);
            }
            if (records.Count == limits.MaxRows)
            {
                return ([], limits.TooManyRows(fileName));
            }
            records.Add(record);
        }
        return (records, null);
    }
}
