using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Shian.Common;
using Shian.Data;

namespace Shian.Registry;

/// <summary>
/// Imports licences and filings of registered businesses from .xlsx or .csv, matched to their business by credit code.
/// Like the business import: every row checked, any bad row refuses the whole file, nothing stored.
/// </summary>
public static class LicenceImport
{
    public static class Columns
    {
        public const string CreditCode = "统一社会信用代码";
        public const string Kind = "类别";
        public const string Number = "编号";
        public const string Scope = "许可范围";
        public const string IssuedOn = "发证日期";
        public const string ExpiresOn = "有效期至";
        public const string Authority = "发证机关";
        public const string ByCommitment = "告知承诺";

        public static readonly IReadOnlyList<string> All = [CreditCode, Kind, Number, Scope, IssuedOn, ExpiresOn, Authority, ByCommitment];
        public static readonly IReadOnlyList<string> Required = [CreditCode, Kind, Number, IssuedOn];
    }

    private static readonly Dictionary<string, AuthorisationKind> Kinds = new()
    {
        ["食品生产许可证"] = AuthorisationKind.ProductionLicence, ["食品经营许可证"] = AuthorisationKind.BusinessLicence,
        ["仅销售预包装食品备案"] = AuthorisationKind.SalesFiling, ["保健食品注册"] = AuthorisationKind.HealthFoodRegistration,
        ["保健食品备案"] = AuthorisationKind.HealthFoodFiling,
    };

    /// <summary>
    /// The outcome of checking a file: the licences it would store, the errors that refuse it, and the warnings to acknowledge
    /// (a number whose region or type does not fit its business; never a refusal). Each names its row and column.
    /// </summary>
    public sealed record Checked(IReadOnlyList<Licence> Licences, IReadOnlyList<BusinessImport.RowError> Errors, IReadOnlyList<BusinessImport.RowError> Warnings);

    /// <summary>What an import did: how many stored (0 when refused), why it was refused, and the warnings it carried.</summary>
    public sealed record Result(int Imported, IReadOnlyList<BusinessImport.RowError> Errors, IReadOnlyList<BusinessImport.RowError> Warnings);

    /// <summary>What one licence file may hold: the licences and filings of a large district's whole register, as businesses.</summary>
    public static readonly ImportLimits Limits = new(MaxRows: 100_000, MaxFileBytes: 32 * 1024 * 1024, MaxUnpackedBytes: 160 * 1024 * 1024);

    /// <summary>Reads the rows of a licence file, or says why the file cannot be read.</summary>
    public static (IReadOnlyList<BusinessImport.Row> Rows, Problem? Error) Read(byte[] content, string fileName) =>
        BusinessImport.Read(content, fileName, Columns.All, Columns.Required, Limits);

    private static string Get(BusinessImport.Row row, string column) => row.Values.TryGetValue(column, out var v) ? v.Trim() : "";

    /// <summary>
    /// The registered businesses the rows name (by credit code), among <paramref name="businesses"/> (the user's scope; all by
    /// default), and the rows' numbers already recorded (by any business).
    /// </summary>
    public static async Task<(IReadOnlyDictionary<string, Business> Businesses, IReadOnlySet<string> Recorded)> LookUpAsync(ShianDb db,
        IReadOnlyList<BusinessImport.Row> rows, IQueryable<Business>? businesses = null, CancellationToken ct = default)
    {
        var visible = (businesses ?? db.Businesses).AsNoTracking();
        var codes = rows.Select(r => CreditCode.Normalize(Get(r, Columns.CreditCode))).Distinct().ToList();
        var found = new Dictionary<string, Business>();
        // In chunks: SQLite refuses a statement with more than a few thousand parameters.
        foreach (var chunk in codes.Chunk(500))
        {
            foreach (var b in await visible.Where(b => chunk.Contains(b.CreditCode)).ToListAsync(ct))
            {
                found[b.CreditCode] = b;
            }
        }
        var numbers = rows.Select(r => LicenceNumber.Normalize(Get(r, Columns.Number))).Distinct().ToList();
        var recorded = new HashSet<string>();
        foreach (var chunk in numbers.Chunk(500))
        {
            recorded.UnionWith(await db.Licences.Where(l => chunk.Contains(l.Number)).Select(l => l.Number).ToListAsync(ct));
        }
        return (found, recorded);
    }

    /// <summary>
    /// Checks every row against the registered businesses (by credit code) and the numbers already recorded: business, kind,
    /// dates, number rules and duplicates are errors; a number whose region or type does not fit the business is a warning.
    /// </summary>
    public static Checked Check(IReadOnlyList<BusinessImport.Row> rows, IReadOnlyDictionary<string, Business> businesses, IReadOnlySet<string> recorded,
        DateTime createdAt = default)
    {
        var errors = new List<BusinessImport.RowError>();
        var warnings = new List<BusinessImport.RowError>();
        var licences = new List<Licence>();
        var seen = new Dictionary<string, int>();
        foreach (var row in rows)
        {
            void Error(string column, Problem problem) => errors.Add(new BusinessImport.RowError(row.Number, column, problem));
            var code = CreditCode.Normalize(Get(row, Columns.CreditCode));
            if (!businesses.TryGetValue(code, out var business))
            {
                Error(Columns.CreditCode, new Problem("Licence.NoBusinessWithCode", code));
            }
            var kindText = Get(row, Columns.Kind);
            if (!Kinds.TryGetValue(kindText, out var kind) && !Enum.TryParse(kindText, true, out kind))
            {
                Error(Columns.Kind, new Problem("Licence.UnknownKind", string.Join("、", Kinds.Keys)));
            }
            var issued = Date(Get(row, Columns.IssuedOn));
            if (issued is null)
            {
                Error(Columns.IssuedOn, new Problem("Licence.IssuedOnFormat"));
            }
            var expiresText = Get(row, Columns.ExpiresOn);
            var expires = Date(expiresText);
            if (expiresText.Length > 0 && expires is null)
            {
                Error(Columns.ExpiresOn, new Problem("Licence.ExpiresOnFormat"));
            }
            var number = LicenceNumber.Normalize(Get(row, Columns.Number));
            if (business is null || issued is null || errors.Any(e => e.Row == row.Number))
            {
                continue;
            }
            var (problems, cautions) = Licence.Check(kind, number, issued.Value, expires, business);
            foreach (var problem in problems)
            {
                Error(Columns.Number, problem);
            }
            warnings.AddRange(cautions.Select(w => new BusinessImport.RowError(row.Number, Columns.Number, w)));
            if (seen.TryGetValue(number, out var first))
            {
                Error(Columns.Number, new Problem("Import.DuplicateRow", first, number));
            }
            else if (recorded.Contains(number))
            {
                Error(Columns.Number, new Problem("Licence.NumberRecorded", number));
            }
            seen.TryAdd(number, row.Number);
            if (errors.Any(e => e.Row == row.Number))
            {
                continue;
            }
            licences.Add(new Licence
            {
                BusinessId = business.Id, Kind = kind, Number = number, Scope = Get(row, Columns.Scope), IssuedOn = issued.Value, ExpiresOn = expires,
                Authority = Get(row, Columns.Authority), ByCommitment = Get(row, Columns.ByCommitment) is "是" or "true" or "1",
                PublicCode = Licence.NewPublicCode(), CreatedAt = createdAt,
            });
        }
        return new Checked(licences, errors, warnings);
    }

    /// <summary>
    /// Reads, checks and stores a file all at once: every licence, or none when any row has an error. Rows may name only
    /// <paramref name="businesses"/> (all registered businesses by default).
    /// </summary>
    public static async Task<Result> ImportAsync(ShianDb db, byte[] content, string fileName, TimeProvider clock, IQueryable<Business>? businesses = null,
        CancellationToken ct = default)
    {
        var (rows, error) = Read(content, fileName);
        if (error is not null)
        {
            return new Result(0, [new BusinessImport.RowError(0, BusinessImport.FileColumn, error)], []);
        }
        var (found, recorded) = await LookUpAsync(db, rows, businesses, ct);
        var result = Check(rows, found, recorded, clock.GetUtcNow().UtcDateTime);
        if (result.Errors.Count > 0)
        {
            return new Result(0, result.Errors, result.Warnings);
        }
        db.Licences.AddRange(result.Licences);
        await db.SaveChangesAsync(ct); // one transaction: all rows or none
        return new Result(result.Licences.Count, [], result.Warnings);
    }

    private static DateOnly? Date(string text) =>
        DateOnly.TryParseExact(text, ["yyyy-MM-dd", "yyyy/M/d", "yyyy-M-d"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
}
