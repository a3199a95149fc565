using Microsoft.AspNetCore.Mvc;
using MiniExcelLibs;

namespace Shian.Web.Infrastructure;

/// <summary>Exports for desk users: an .xlsx workbook with one sheet per table, header row first.</summary>
public static class ExcelExport
{
    public sealed record Sheet(string Name, IReadOnlyList<string> Header, IEnumerable<IReadOnlyList<object?>> Rows);

    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>Excel refuses a sheet name longer than this (an English name says more than its Chinese twin).</summary>
    public const int MaxSheetName = 31;

    public static FileContentResult File(string name, params Sheet[] sheets)
    {
        var workbook = new Dictionary<string, object>();
        foreach (var sheet in sheets.Select(s => s.Name.Length > MaxSheetName ? s with { Name = s.Name[..MaxSheetName].TrimEnd() } : s))
        {
            if (!sheet.Rows.Any())
            {
                // An empty list still says what its columns are (rows as dictionaries would leave the sheet blank).
                var empty = new System.Data.DataTable(sheet.Name);
                foreach (var column in sheet.Header)
                {
                    empty.Columns.Add(column);
                }
                workbook[sheet.Name] = empty;
                continue;
            }
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
