using Microsoft.EntityFrameworkCore;
using Shian.Common;
using Shian.Data;
using Shian.Registry;

namespace Shian.Sampling;

/// <summary>
/// 检验结果批量导入: a laboratory's workbook with one row per test item (<see cref="Columns"/>). All or nothing: every row
/// is checked first (the form number known, the sample the lab's own, received and not yet reported; the item's value,
/// range and judgement), and any bad row refuses the whole file with a report of row, column and reason. Otherwise the
/// results of every sample in the file are recorded in one save, each sample's items replaced.
/// </summary>
public static class SampleResultImport
{
    public static class Columns
    {
        public const string Number = "抽样单编号";
        public const string SampleName = "样品名称";
        public const string Item = "检验项目";
        public const string Value = "检验结果";
        public const string Unit = "单位";
        public const string Limit = "标准限值";
        public const string Method = "检验依据";
        public const string Judgement = "单项判定";

        /// <summary>The template's columns in order; 样品名称 is there to help the lab and is not read.</summary>
        public static readonly IReadOnlyList<string> All = [Number, SampleName, Item, Value, Unit, Limit, Method, Judgement];

        public static readonly IReadOnlyList<string> Required = [Number, Item, Value, Judgement];
    }

    /// <summary>The largest file taken: a lab's month of results is far smaller.</summary>
    public const int MaxBytes = 5 * 1024 * 1024;

    public const int MaxRows = 5_000;

    /// <summary>5,000 rows of eight columns are a few megabytes of worksheet XML; 32 MB leaves room for long method texts.</summary>
    public static readonly ImportLimits Limits = new(MaxRows, MaxBytes, MaxUnpackedBytes: 32 * 1024 * 1024);

    public sealed record ParsedRow(int Row, string Number, SampleTestItem Item);

    public sealed record Parsed(IReadOnlyList<ParsedRow> Rows, IReadOnlyList<BusinessImport.RowError> Errors);

    /// <summary>Reads the file's rows, or the one error that refuses the whole file (unreadable, or over <see cref="Limits"/>).</summary>
    public static (IReadOnlyList<BusinessImport.Row> Rows, BusinessImport.RowError? Error) Read(byte[] content, string fileName)
    {
        var (rows, error) = BusinessImport.Read(content, fileName, Columns.All, Columns.Required, Limits);
        return error is not null ? ([], new(0, BusinessImport.FileColumn, error)) : (rows, null);
    }

    /// <summary>Judgement as written by labs: 合格/不合格 (also 符合/不符合, Pass/Fail).</summary>
    public static ItemJudgement? JudgementOf(string text) => text.Trim() switch
    {
        "合格" or "符合" or "Pass" or "pass" or "PASS" => ItemJudgement.Pass,
        "不合格" or "不符合" or "Fail" or "fail" or "FAIL" => ItemJudgement.Fail,
        _ => null,
    };

    private static string ColumnOf(string field) => field switch
    {
        nameof(SampleTestItem.Name) => Columns.Item,
        nameof(SampleTestItem.Value) => Columns.Value,
        nameof(SampleTestItem.Unit) => Columns.Unit,
        nameof(SampleTestItem.Limit) => Columns.Limit,
        nameof(SampleTestItem.MethodStandard) => Columns.Method,
        nameof(SampleTestItem.Judgement) => Columns.Judgement,
        _ => field,
    };

    /// <summary>
    /// Each row as a test item of a form number, with the errors of the row itself (no database needed). A row's error is
    /// a <see cref="Problem"/> the importing page words (the domain never words one).
    /// </summary>
    public static Parsed Parse(IReadOnlyList<BusinessImport.Row> rows)
    {
        var parsed = new List<ParsedRow>();
        var errors = new List<BusinessImport.RowError>();
        foreach (var row in rows)
        {
            string V(string column) => row.Values.TryGetValue(column, out var v) ? v.Trim() : "";
            var number = V(Columns.Number).ToUpperInvariant();
            var judgementText = V(Columns.Judgement);
            var item = new SampleTestItem
            {
                Name = V(Columns.Item), Value = V(Columns.Value), Unit = V(Columns.Unit), Limit = V(Columns.Limit), MethodStandard = V(Columns.Method),
                Judgement = JudgementOf(judgementText),
            };
            var rowErrors = new List<BusinessImport.RowError>();
            if (number.Length == 0)
            {
                rowErrors.Add(new(row.Number, Columns.Number, new Problem("SampleImport.NumberRequired")));
            }
            else if (!Sample.NumberFormat().IsMatch(number))
            {
                rowErrors.Add(new(row.Number, Columns.Number, new Problem("SampleImport.NumberFormat", number)));
            }
            foreach (var (field, problem) in item.Validate())
            {
                var refused = field == nameof(SampleTestItem.Judgement) && judgementText.Length > 0 && item.Judgement is null
                    ? new Problem("SampleImport.JudgementWord", judgementText)
                    : problem;
                rowErrors.Add(new(row.Number, ColumnOf(field), refused));
            }
            errors.AddRange(rowErrors);
            if (rowErrors.Count == 0)
            {
                parsed.Add(new ParsedRow(row.Number, number, item));
            }
        }
        return new Parsed(parsed, errors);
    }

    /// <summary>
    /// Why a sample may not take results from this importer, or null: the lab's own (any lab's for the office, when
    /// <paramref name="laboratoryId"/> is null), received, and not yet reported.
    /// </summary>
    public static Problem? Refusal(Sample sample, Guid? laboratoryId) => sample switch
    {
        _ when laboratoryId is { } lab && sample.LaboratoryId != lab => new Problem("SampleImport.NotOwnLab", sample.Number),
        { Status: SampleStatus.Draft or SampleStatus.Submitted } => new Problem("SampleImport.NotReceived", sample.Number),
        { Status: SampleStatus.Reported } => new Problem("SampleImport.Reported", sample.Number),
        _ => null,
    };

    /// <summary>
    /// Reads, checks and records a file. <paramref name="laboratoryId"/> is the importing lab (null for the office, who
    /// may import for any lab). Returns the number of samples and items recorded, or the errors that refused the file
    /// with nothing changed.
    /// </summary>
    public static async Task<(int Samples, int Items, IReadOnlyList<BusinessImport.RowError> Errors)> ImportAsync(ShianDb db, byte[] content, string fileName,
        Guid? laboratoryId, string by, DateTime now, CancellationToken ct = default)
    {
        var (rows, fileError) = Read(content, fileName);
        if (fileError is not null)
        {
            return (0, 0, [fileError]);
        }
        var parsed = Parse(rows);
        var errors = parsed.Errors.ToList();

        var numbers = parsed.Rows.Select(r => r.Number).Distinct().ToList();
        var samples = new Dictionary<string, Sample>(StringComparer.Ordinal);
        foreach (var chunk in numbers.Chunk(500)) // SQLite limits a statement's parameters
        {
            foreach (var sample in await db.Samples.Include(s => s.Items).Where(s => s.Number != null && chunk.Contains(s.Number)).ToListAsync(ct))
            {
                samples[sample.Number!] = sample;
            }
        }
        var entries = new List<SampleResults.Entry>();
        foreach (var group in parsed.Rows.GroupBy(r => r.Number))
        {
            if (!samples.TryGetValue(group.Key, out var sample))
            {
                errors.AddRange(group.Select(r => new BusinessImport.RowError(r.Row, Columns.Number, new Problem("SampleImport.UnknownNumber", group.Key))));
                continue;
            }
            if (Refusal(sample, laboratoryId) is { } refusal)
            {
                errors.AddRange(group.Select(r => new BusinessImport.RowError(r.Row, Columns.Number, refusal)));
                continue;
            }
            entries.Add(new SampleResults.Entry(sample, group.Select(r => r.Item).ToList()));
        }
        if (errors.Count > 0)
        {
            db.ChangeTracker.Clear();
            return (0, 0, errors.OrderBy(e => e.Row).ToList());
        }
        var refused = await SampleResults.RecordAsync(db, entries, by, now, ct);
        if (refused.Count > 0)
        {
            // Item checks already passed row by row; what remains is the sample's own refusal (e.g. no items).
            db.ChangeTracker.Clear();
            return (0, 0, refused.SelectMany(r => r.Errors.Values.Select(m => new BusinessImport.RowError(0, Columns.Number, new Problem("SampleImport.SampleRefused", r.Sample.Number, m)))).ToList());
        }
        return (entries.Count, entries.Sum(e => e.Items.Count), []);
    }
}
