using System.IO.Compression;
using System.Security;
using System.Text;

namespace Shian.Tests.Common;

/// <summary>
/// Files that are small to send and huge to read, written part by part (nothing large is held in memory): workbooks of a
/// million identical rows, a part whose declared size is a lie, a Word document with a huge part. Shared by the unit tests,
/// the web tests and the benchmark (linked into each).
/// </summary>
public static class ImportBombs
{
    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string Relationships = "http://schemas.openxmlformats.org/package/2006/relationships";
    private const string OfficeRelationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    /// <summary>
    /// A one-sheet workbook: the header, then <paramref name="rows"/> copies of <paramref name="row"/> (shared strings, so a
    /// row is about 20 bytes a cell and a million of them pack into well under a megabyte). With <paramref name="numbered"/>
    /// rows and cells carry their references (r="A2"), as Excel writes them; <paramref name="lastRow"/> adds one more row at
    /// that row number, leaving the rows between it and the others blank; <paramref name="prefix"/> writes the sheet's
    /// elements with a namespace prefix (&lt;x:row&gt;), as some generators do.
    /// </summary>
    public static byte[] Workbook(IReadOnlyList<string> header, IReadOnlyList<string> row, int rows, bool numbered = false, int? lastRow = null,
        string prefix = "")
    {
        var strings = header.Concat(row).Distinct().ToList();
        var x = prefix.Length > 0 ? prefix + ":" : "";
        string Cells(IEnumerable<string> values, int number) => string.Concat(values.Select((v, i) =>
            $"<{x}c{(numbered ? $" r=\"{(char)('A' + i)}{number}\"" : "")} t=\"s\"><{x}v>{strings.IndexOf(v)}</{x}v></{x}c>"));
        string Row(IEnumerable<string> values, int number) =>
            numbered ? $"<{x}row r=\"{number}\">{Cells(values, number)}</{x}row>" : $"<{x}row>{Cells(values, number)}</{x}row>";

        return Zip(zip =>
        {
            Part(zip, "[Content_Types].xml", $"""<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>""");
            Part(zip, "_rels/.rels", $"""<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{Relationships}"><Relationship Id="rId1" Type="{OfficeRelationships}/officeDocument" Target="xl/workbook.xml"/></Relationships>""");
            Part(zip, "xl/workbook.xml", $"""<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{Main}" xmlns:r="{OfficeRelationships}"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>""");
            Part(zip, "xl/_rels/workbook.xml.rels", $"""<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{Relationships}"><Relationship Id="rId1" Type="{OfficeRelationships}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="{OfficeRelationships}/sharedStrings" Target="sharedStrings.xml"/></Relationships>""");
            Part(zip, "xl/sharedStrings.xml", $"""<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{Main}" count="{strings.Count}" uniqueCount="{strings.Count}">{string.Concat(strings.Select(s => $"<si><t>{SecurityElement.Escape(s)}</t></si>"))}</sst>""");
            Part(zip, "xl/worksheets/sheet1.xml", sheet =>
            {
                sheet.Write(prefix.Length > 0
                    ? $"""<?xml version="1.0" encoding="UTF-8"?><{x}worksheet xmlns:{prefix}="{Main}"><{x}sheetData>"""
                    : $"""<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{Main}"><sheetData>""");
                sheet.Write(Row(header, 1));
                for (var i = 0; i < rows; i++)
                {
                    sheet.Write(Row(row, i + 2));
                }
                if (lastRow is { } last)
                {
                    sheet.Write(Row(row, last));
                }
                sheet.Write($"</{x}sheetData></{x}worksheet>");
            });
        });
    }

    /// <summary>A .docx whose document part holds <paramref name="paragraphs"/> paragraphs of the same text.</summary>
    public static byte[] Document(int paragraphs, string text = "一、加强食品安全监管。")
    {
        const string word = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
        return Zip(zip =>
        {
            Part(zip, "[Content_Types].xml", """<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>""");
            Part(zip, "_rels/.rels", $"""<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{Relationships}"><Relationship Id="rId1" Type="{OfficeRelationships}/officeDocument" Target="word/document.xml"/></Relationships>""");
            Part(zip, "word/document.xml", document =>
            {
                document.Write($"""<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{word}"><w:body>""");
                var paragraph = $"<w:p><w:r><w:t>{SecurityElement.Escape(text)}</w:t></w:r></w:p>";
                for (var i = 0; i < paragraphs; i++)
                {
                    document.Write(paragraph);
                }
                document.Write("</w:body></w:document>");
            });
        });
    }

    /// <summary>A zip of <paramref name="count"/> empty parts: small to send, and every part costs memory to list.</summary>
    public static byte[] Parts(int count) => Zip(zip =>
    {
        for (var i = 0; i < count; i++)
        {
            zip.CreateEntry($"p/{i}.xml", CompressionLevel.NoCompression);
        }
    });

    /// <summary>
    /// The package with <paramref name="partName"/>'s declared uncompressed size rewritten (central directory and local
    /// header), as a hand-made bomb would: the bytes inside are unchanged.
    /// </summary>
    public static byte[] Declaring(byte[] package, string partName, uint declaredSize)
    {
        var copy = package.ToArray();
        var name = Encoding.UTF8.GetBytes(partName);
        var patched = 0;
        for (var i = 0; i + 46 + name.Length <= copy.Length; i++)
        {
            if (copy[i] != 0x50 || copy[i + 1] != 0x4B)
            {
                continue;
            }
            if (copy[i + 2] == 1 && copy[i + 3] == 2 && copy.AsSpan(i + 46, name.Length).SequenceEqual(name))
            {
                BitConverter.TryWriteBytes(copy.AsSpan(i + 24, 4), declaredSize); // central directory entry
                patched++;
            }
            else if (copy[i + 2] == 3 && copy[i + 3] == 4 && copy.AsSpan(i + 30, name.Length).SequenceEqual(name))
            {
                BitConverter.TryWriteBytes(copy.AsSpan(i + 22, 4), declaredSize); // local file header
                patched++;
            }
        }
        return patched == 2 ? copy : throw new InvalidOperationException($"{partName} is not in the package.");
    }

    private static byte[] Zip(Action<ZipArchive> write)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            write(zip);
        }
        return stream.ToArray();
    }

    private static void Part(ZipArchive zip, string name, string text) => Part(zip, name, writer => writer.Write(text));

    private static void Part(ZipArchive zip, string name, Action<StreamWriter> write)
    {
        using var writer = new StreamWriter(zip.CreateEntry(name, CompressionLevel.Optimal).Open(), new UTF8Encoding(false));
        write(writer);
    }
}
