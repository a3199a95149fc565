using Microsoft.AspNetCore.Mvc;
using MiniExcelLibs;

namespace Shian.Web.Infrastructure;

/// <summary>Exports for desk users: an .xlsx workbook with one sheet per table, header row first.</summary>
public static class ExcelExport
{
    public sealed record Sheet(string Name, IReadOnlyList<string> Header, IEnumerable<IReadOnlyList<object?>> Rows);

    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static FileContentResult File(string name, params Sheet[] sheets)
    {
        var workbook = new Dictionary<string, object>();
        foreach (var sheet in sheets)
        {
            // Dictionaries keep the header's order; numbers stay numbers so that Excel can sum and sort them.
            workbook[sheet.Name] = sheet.Rows.Select(row =>
            {
                var cells = new Dictionary<string, object?>();
                for (var i = 0; i < sheet.Header.Count; i++)
                {
                    cells[sheet.Header[i]] = i < row.Count ? row[i] : null;
                }
                return cells;
            }).ToList();
        }
        using var stream = new MemoryStream();
        stream.SaveAs(workbook);
        return new FileContentResult(stream.ToArray(), ContentType) { FileDownloadName = name };
    }
}
