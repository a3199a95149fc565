using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Shian.Common;
using Shian.Data;
using Shian.Organization;

namespace Shian.Registry;

/// <summary>
/// Imports businesses from an .xlsx or .csv file with one header row of <see cref="BusinessInput.Columns"/>. Every row is
/// checked first; any bad row refuses the whole file with a report of each row, column and reason, and nothing is stored.
/// </summary>
public static class BusinessImport
{
    public sealed record Row(int Number, IReadOnlyDictionary<string, string> Values);

    /// <summary>Why a row (0: the whole file) cannot be imported, in which column; the page or the command line words it.</summary>
    public sealed record RowError(int Row, string Column, Problem Problem);

    public sealed record Checked(IReadOnlyList<Business> Businesses, IReadOnlyList<RowError> Errors);

    public const string FileColumn = "文件";

    /// <summary>
    /// What one business file may hold: a large district registers about 100,000 businesses, and its whole register must
    /// import at once (100,000 rows of 14 columns make about 90 MB of worksheet XML).
    /// </summary>
    public static readonly ImportLimits Limits = new(MaxRows: 100_000, MaxFileBytes: 32 * 1024 * 1024, MaxUnpackedBytes: 160 * 1024 * 1024);

    /// <summary>Reads the rows of the file, or says why the file cannot be read as a list of businesses.</summary>
    public static (IReadOnlyList<Row> Rows, Problem? Error) Read(byte[] content, string fileName) =>
        Read(content, fileName, BusinessInput.Columns.All, BusinessInput.Columns.Required, Limits);

    /// <summary>
    /// Reads a sheet with the given known and required columns within the given limits (the licence and laboratory result
    /// imports use their own).
    /// </summary>
    public static (IReadOnlyList<Row> Rows, Problem? Error) Read(byte[] content, string fileName, IReadOnlyList<string> known, IReadOnlyList<string> required,
        ImportLimits limits)
    {
        var (records, error) = ImportReader.Sheet(content, fileName, limits, headers => ColumnsProblem(headers, known, required));
        if (error is not null)
        {
            return ([], error);
        }
        if (records.Count == 0)
        {
            return ([], new Problem("Import.NoRows"));
        }

        var rows = new List<Row>();
        for (var i = 0; i < records.Count; i++)
        {
            var values = records[i].ToDictionary(kv => kv.Key.Trim(), kv => Cell(kv.Value));
            if (values.Values.All(v => v.Length == 0))
            {
                continue; // a blank line between rows is not a business
            }
            rows.Add(new Row(i + 2, values)); // row 1 is the header
        }
        return rows.Count == 0 ? ([], new Problem("Import.NoRows")) : (rows, null);
    }

    /// <summary>Why the header row cannot be imported (a required column missing, an unknown one), or null.</summary>
    private static Problem? ColumnsProblem(IReadOnlyList<string> headers, IReadOnlyList<string> known, IReadOnlyList<string> required)
    {
        var columns = headers.Select(h => h.Trim()).ToList();
        var missing = required.Where(c => !columns.Contains(c)).ToList();
        if (missing.Count > 0)
        {
            return new Problem("Import.ColumnsMissing", string.Join("、", missing));
        }
        var unknown = columns.Where(c => c.Length > 0 && !known.Contains(c)).ToList();
        return unknown.Count > 0
            ? new Problem("Import.ColumnsUnknown", string.Join("、", unknown), string.Join("、", known))
            : null;
    }

    /// <summary>Cells as text: numbers without exponent (a code typed as a number), dates as ISO.</summary>
    internal static string Cell(object? value) => value switch
    {
        null => "",
        double d => d.ToString("0.##########", CultureInfo.InvariantCulture),
        DateTime t => t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture)?.Trim() ?? "",
    };

    /// <summary>
    /// Checks every row: its fields, duplicates within the file, credit codes already registered, and for a township-bound
    /// account (<paramref name="onlyTownship"/>: a township officer or township inspector) that the business is in its township.
    /// </summary>
    public static Checked Check(IReadOnlyList<Row> rows, IReadOnlyList<Township> townships, IReadOnlySet<string> registeredCodes, bool mayOverride,
        Guid? onlyTownship = null)
    {
        var businesses = new List<Business>();
        var errors = new List<RowError>();
        var seen = new Dictionary<string, int>();
        foreach (var row in rows)
        {
            var (business, fieldErrors) = BusinessInput.FromRow(row.Values).Build(townships, mayOverride);
            errors.AddRange(fieldErrors.Select(e => new RowError(row.Number, e.Field, e.Problem)));
            if (business is null)
            {
                continue;
            }
            if (onlyTownship is { } own && business.TownshipId != own)
            {
                var name = townships.First(t => t.Id == business.TownshipId).Name;
                errors.Add(new RowError(row.Number, BusinessInput.Columns.Township, new Problem("Business.OutsideTownship", name)));
                continue;
            }
            if (seen.TryGetValue(business.CreditCode, out var first))
            {
                errors.Add(new RowError(row.Number, BusinessInput.Columns.CreditCode, new Problem("Import.DuplicateRow", first, business.CreditCode)));
                continue;
            }
            seen[business.CreditCode] = row.Number;
            if (registeredCodes.Contains(business.CreditCode))
            {
                errors.Add(new RowError(row.Number, BusinessInput.Columns.CreditCode, new Problem("Business.CodeRegistered", business.CreditCode)));
                continue;
            }
            businesses.Add(business);
        }
        return new Checked(businesses, errors);
    }

    /// <summary>The rows' credit codes that are already registered.</summary>
    public static async Task<IReadOnlySet<string>> RegisteredCodesAsync(ShianDb db, IReadOnlyList<Row> rows, CancellationToken ct = default)
    {
        var codes = rows.Select(r => CreditCode.Normalize(r.Values.TryGetValue(BusinessInput.Columns.CreditCode, out var c) ? c : ""))
            .Where(c => c.Length > 0).Distinct().ToList();
        var registered = new HashSet<string>();
        // In chunks: SQLite refuses a statement with more than a few thousand parameters, and a file may hold 100,000 rows.
        foreach (var chunk in codes.Chunk(500))
        {
            registered.UnionWith(await db.Businesses.Where(b => chunk.Contains(b.CreditCode)).Select(b => b.CreditCode).ToListAsync(ct));
        }
        return registered;
    }

    /// <summary>Reads, checks and stores a file all at once; returns the errors that refused it, or none.</summary>
    public static async Task<(int Imported, IReadOnlyList<RowError> Errors)> ImportAsync(ShianDb db, byte[] content, string fileName, bool mayOverride,
        TimeProvider clock, CancellationToken ct = default, Guid? onlyTownship = null)
    {
        var (rows, error) = Read(content, fileName);
        if (error is not null)
        {
            return (0, [new RowError(0, FileColumn, error)]);
        }
        var townships = await db.Townships.AsNoTracking().Where(t => t.Active).ToListAsync(ct);
        var registered = await RegisteredCodesAsync(db, rows, ct);
        var result = Check(rows, townships, registered, mayOverride, onlyTownship);
        if (result.Errors.Count > 0)
        {
            return (0, result.Errors);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        db.Businesses.AddRange(result.Businesses.Select(b => Business.Register(b.Details, b.Status, now)));
        await db.SaveChangesAsync(ct); // one transaction: all rows or none
        return (result.Businesses.Count, []);
    }
}
