using System.Text;
using Microsoft.AspNetCore.Mvc;

namespace Shian.Web.Infrastructure;

/// <summary>
/// Lists export as UTF-8 CSV with a byte-order mark, which Excel opens with Chinese intact. (Spreadsheet exports with
/// formatting arrive with MiniExcel in the registry module.)
/// </summary>
public static class CsvExport
{
    public static FileContentResult File(string name, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        var text = new StringBuilder();
        Append(text, header);
        foreach (var row in rows)
        {
            Append(text, row);
        }
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(text.ToString())).ToArray();
        return new FileContentResult(bytes, "text/csv; charset=utf-8") { FileDownloadName = name };
    }

    private static void Append(StringBuilder text, IReadOnlyList<string> cells)
    {
        for (var i = 0; i < cells.Count; i++)
        {
            if (i > 0)
            {
                text.Append(',');
            }
            var cell = cells[i];
            // Quote what needs it, and neutralise leading formula characters (CSV injection into Excel).
            if (cell.Length > 0 && "=+-@".Contains(cell[0], StringComparison.Ordinal))
            {
                cell = "'" + cell;
            }
            text.Append(cell.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : cell);
        }
        text.Append("\r\n");
    }
}
