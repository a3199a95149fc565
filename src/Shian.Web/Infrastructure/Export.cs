using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Shian.Web.Infrastructure;

/// <summary>
/// Every list export goes through here: the rows and their columns (the resource key of each header and how a row gives its
/// cell) in, an .xlsx workbook (or a .csv where the page offers one) out, with the header row in the request's language as
/// the page is. Import templates are not exports: their headers are the columns the importer reads, and stay as
/// <see cref="ExcelExport"/> writes them.
/// <code>
/// Export.Of(rows).Column("Registry.Name", r => r.Name).Column("Registry.Township", r => r.Township).Xlsx(l, "file.xlsx", "sheet")
/// </code>
/// </summary>
public static class Export
{
    public static ExportList<T> Of<T>(IEnumerable<T> rows) => new(rows);

    /// <summary>A workbook of several sheets, each made by <see cref="ExportList{T}.Sheet"/>.</summary>
    public static FileContentResult Xlsx(string fileName, params ExcelExport.Sheet[] sheets) => ExcelExport.File(fileName, sheets);
}

/// <summary>Rows and their columns, in the order added. Numbers stay numbers so that Excel can sum and sort them.</summary>
public sealed class ExportList<T>(IEnumerable<T> rows)
{
    private readonly List<(Func<IStringLocalizer, string> Header, Func<T, object?> Value)> columns = [];

    /// <summary>A column headed by the resource <paramref name="headerKey"/>.</summary>
    public ExportList<T> Column(string headerKey, Func<T, object?> value)
    {
        columns.Add((l => l[headerKey].Value, value));
        return this;
    }

    /// <summary>A column whose header is already worded (it carries data, such as the half-year it counts).</summary>
    public ExportList<T> WordedColumn(string header, Func<T, object?> value)
    {
        columns.Add((_ => header, value));
        return this;
    }

    /// <summary>Columns whose headers are not resource keys but data (a scheme's criteria, say), already worded.</summary>
    public ExportList<T> Columns<TColumn>(IEnumerable<TColumn> items, Func<TColumn, string> header, Func<T, TColumn, int, object?> value)
    {
        var index = 0;
        foreach (var item in items)
        {
            var i = index++;
            WordedColumn(header(item), row => value(row, item, i));
        }
        return this;
    }

    public IReadOnlyList<string> Header(IStringLocalizer l) =>
        columns.Select(c => c.Header(l)).ToList();

    public ExcelExport.Sheet Sheet(IStringLocalizer l, string name) =>
        new(name, Header(l), rows.Select(row => (IReadOnlyList<object?>)columns.Select(c => c.Value(row)).ToList()));

    public FileContentResult Xlsx(IStringLocalizer l, string fileName, string sheetName) => ExcelExport.File(fileName, Sheet(l, sheetName));

    /// <summary>The same list as UTF-8 CSV (<see cref="CsvExport"/>); cells as the invariant culture writes them.</summary>
    public FileContentResult Csv(IStringLocalizer l, string fileName) =>
        CsvExport.File(fileName, Header(l),
            rows.Select(row => (IReadOnlyList<string>)columns.Select(c => Convert.ToString(c.Value(row), CultureInfo.InvariantCulture) ?? "").ToList()));
}
