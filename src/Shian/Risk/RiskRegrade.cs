using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Shian.Common;
using Shian.Data;
using Shian.Performance;
using Shian.Registry;

namespace Shian.Risk;

/// <summary>
/// Grades active businesses with the sheets in force and stores a new <see cref="RiskGrade"/> for each whose grade or
/// score changed. Everything is read in a handful of queries (businesses, factors, listings, current grades) and
/// written in bulk, so that a province-sized registry regrades in seconds.
/// </summary>
public static class RiskRegrade
{
    public const string FirstGrading = "初次评定";
    public const string SeriousListing = "严重违法失信名单";
    public const string SeriousListingEnded = "移出严重违法失信名单";

    public sealed record Result(IReadOnlyDictionary<RiskLevel, int> PerGrade, int Graded, int Changed, int WithoutSheet);

    private sealed record Current(Guid Id, Guid BusinessId, RiskLevel Grade, decimal Score, bool SeriousViolator, string SheetName, int SheetVersion, string Breakdown);

    /// <summary>Regrades every active business, or only <paramref name="businessId"/>.</summary>
    public static async Task<Result> RunAsync(ShianDb db, string by, DateTime at, Guid? businessId = null, CancellationToken ct = default)
    {
        var today = ShianTime.LocalDate(at);
        var sheets = await RiskSheetSet.LoadAsync(db, today, ct);

        var businessQuery = db.Businesses.AsNoTracking().Where(b => b.Status == BusinessStatus.Active);
        var factorQuery = db.RiskFactors.AsNoTracking();
        var listingQuery = db.SeriousViolations.AsNoTracking();
        var gradeQuery = db.RiskGrades.AsNoTracking().Where(g => g.SupersededAt == null);
        if (businessId is { } only)
        {
            businessQuery = businessQuery.Where(b => b.Id == only);
            factorQuery = factorQuery.Where(f => f.BusinessId == only);
            listingQuery = listingQuery.Where(v => v.BusinessId == only);
            gradeQuery = gradeQuery.Where(g => g.BusinessId == only);
        }

        // Only the fields the rules read: a registry row carries addresses and contacts the grading never looks at.
        var businesses = await businessQuery
            .Select(b => new Business { Id = b.Id, Category = b.Category, Subtype = b.Subtype, Scale = b.Scale, Tags = b.Tags })
            .ToListAsync(ct);
        var earliest = sheets.Sheets.Count == 0 ? today : sheets.Sheets.Min(s => s.WindowStart(today));
        var factors = (await factorQuery.Where(f => f.Date >= earliest && f.Date <= today)
                .Select(f => new RiskFactor { BusinessId = f.BusinessId, ItemCode = f.ItemCode, Points = f.Points, Date = f.Date })
                .ToListAsync(ct))
            .ToLookup(f => f.BusinessId);
        var listed = (await listingQuery.Where(v => v.From <= today && (v.To == null || v.To >= today)).Select(v => v.BusinessId).ToListAsync(ct))
            .ToHashSet();
        var current = (await gradeQuery
                .Select(g => new Current(g.Id, g.BusinessId, g.Grade, g.Score, g.SeriousViolator, g.SheetName, g.SheetVersion, g.Breakdown))
                .ToListAsync(ct))
            .ToDictionary(g => g.BusinessId);

        var perGrade = Enum.GetValues<RiskLevel>().ToDictionary(l => l, _ => 0);
        int graded = 0, withoutSheet = 0;
        var written = new List<RiskGrade>();
        var superseded = new List<Guid>();
        foreach (var business in businesses)
        {
            if (sheets.For(business.Category) is not { } sheet)
            {
                withoutSheet++;
                continue;
            }
            var windowStart = sheet.WindowStart(today);
            var result = RiskGrading.Grade(sheet, business, factors[business.Id].Where(f => f.Date >= windowStart), listed.Contains(business.Id));
            graded++;
            perGrade[result.Grade]++;

            var previous = current.GetValueOrDefault(business.Id);
            if (previous is not null && previous.Grade == result.Grade && previous.Score == result.Score)
            {
                continue; // only a change of grade or score is history
            }
            written.Add(new RiskGrade
            {
                Id = Guid.CreateVersion7(),
                BusinessId = business.Id,
                Grade = result.Grade,
                Score = result.Score,
                StaticScore = result.StaticScore,
                DynamicScore = result.DynamicScore,
                SeriousViolator = result.SeriousViolator,
                SheetName = sheet.Name,
                SheetVersion = sheet.Version,
                Breakdown = Breakdown(result),
                Reason = Reason(previous, result, sheet),
                GradedAt = at,
                GradedBy = by,
            });
            if (previous is not null)
            {
                superseded.Add(previous.Id);
            }
        }

        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        foreach (var chunk in superseded.Chunk(5000))
        {
            await db.RiskGrades.Where(g => chunk.Contains(g.Id)).ExecuteUpdateAsync(s => s.SetProperty(g => g.SupersededAt, at), ct);
        }
        await BulkInsert.RunAsync(db, written, ct);
        // The trail gets one entry for the run, carrying the digest of every row written (see RiskRegradeRun).
        db.RiskRegradeRuns.Add(new RiskRegradeRun
        {
            At = at,
            By = by,
            BusinessId = businessId,
            Graded = graded,
            Changed = written.Count,
            WithoutSheet = withoutSheet,
            PerGrade = string.Join(";", perGrade.Select(p => $"{p.Key}={p.Value}")),
            Digest = Digest(written),
        });
        await db.SaveChangesAsync(ct);
        if (transaction is not null)
        {
            await transaction.CommitAsync(ct);
        }
        return new Result(perGrade, graded, written.Count, withoutSheet);
    }

    /// <summary>
    /// SHA-256 over the grade rows a run wrote, in the order of their ids, so that the stored rows can be checked against
    /// the audited run later: <c>Digest(rows graded at run.At)</c> must equal <c>run.Digest</c>.
    /// </summary>
    public static string Digest(IEnumerable<RiskGrade> rows)
    {
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        foreach (var g in rows.OrderBy(g => g.Id.ToString("N"), StringComparer.Ordinal))
        {
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes(string.Join("|", g.Id.ToString("N"), g.BusinessId.ToString("N"), g.Grade,
                Number(g.Score), Number(g.StaticScore), Number(g.DynamicScore), g.SeriousViolator, g.SheetName, g.SheetVersion, g.Breakdown, g.Reason) + "\n"));
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>Points per item code, items with points only, as JSON.</summary>
    public static string Breakdown(RiskResult result) => JsonSerializer.Serialize(
        result.Items.Where(i => i.Points != 0).ToDictionary(i => i.Code, i => i.Points));

    public static IReadOnlyDictionary<string, decimal> ReadBreakdown(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, decimal>>(json) ?? [];

    /// <summary>Why the grade or score moved, from what changed since the previous grading.</summary>
    private static string Reason(Current? previous, RiskResult result, RiskSheet sheet)
    {
        if (previous is null)
        {
            return result.SeriousViolator ? FirstGrading + "；" + SeriousListing : FirstGrading;
        }
        var parts = new List<string>();
        if (result.SeriousViolator != previous.SeriousViolator)
        {
            parts.Add(result.SeriousViolator ? SeriousListing : SeriousListingEnded);
        }
        if (previous.SheetName != sheet.Name || previous.SheetVersion != sheet.Version)
        {
            parts.Add($"评分表：{sheet.Name} 第 {sheet.Version} 版");
        }
        var before = ReadBreakdown(previous.Breakdown);
        string Moves(bool dynamic) => string.Join("，", result.Items.Where(i => i.Dynamic == dynamic && before.GetValueOrDefault(i.Code) != i.Points)
            .Select(i => $"{i.Name} {Number(before.GetValueOrDefault(i.Code))}→{Number(i.Points)}"));
        if (Moves(dynamic: false) is { Length: > 0 } statics)
        {
            parts.Add("静态因素：" + statics);
        }
        if (Moves(dynamic: true) is { Length: > 0 } dynamics)
        {
            parts.Add("动态因素：" + dynamics);
        }
        return parts.Count > 0 ? string.Join("；", parts) : "重新评定";
    }

    private static string Number(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
