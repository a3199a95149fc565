using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Shian.Data;
using Shian.Inspections;
using Shian.Registry;
using Shian.Risk;

namespace Shian.Credit;

public enum RedBlackSide
{
    Red,   // 红榜
    Black, // 黑榜
}

public enum RedBlackListStatus
{
    Draft,     // 草稿（不公开）
    Published, // 已审定发布
}

/// <summary>What the rules look at for one caterer, as of the list's month.</summary>
public sealed record RedBlackFacts(RiskLevel? Grade, int Inspections, int NonConforming, bool SeriousViolator, int Penalties = 0);

/// <summary>
/// 餐饮服务红黑榜 rules: the district's choice, kept as a versioned JSON record like the risk sheets. Black wins over red.
/// Red: current grade at most <see cref="RedMaxGrade"/>, at least <see cref="RedMinInspections"/> submitted inspections
/// and no non-conforming one in the window. Black: <see cref="BlackMinNonConforming"/> or more non-conforming inspections in
/// the window, or listed as a serious violator, or (once penalties are recorded) <see cref="BlackMinPenalties"/> penalties.
/// </summary>
public sealed record RedBlackRules
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, Converters = { new JsonStringEnumConverter() } };

    public int Version { get; init; } = 1;
    public DateOnly EffectiveFrom { get; init; } = new(2016, 1, 1);

    /// <summary>Months of inspections counted, ending with the list's month.</summary>
    public int WindowMonths { get; init; } = 12;

    public RiskLevel RedMaxGrade { get; init; } = RiskLevel.A;
    public int RedMinInspections { get; init; } = 1;
    public int BlackMinNonConforming { get; init; } = 2;
    public bool BlackIfSeriousViolator { get; init; } = true;

    /// <summary>Placeholder until the case module records penalties: 0 switches the rule off.</summary>
    public int BlackMinPenalties { get; init; }

    public static readonly RedBlackRules Default = new();

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static RedBlackRules FromJson(string json) => JsonSerializer.Deserialize<RedBlackRules>(json, Json) ?? throw new JsonException("empty rules");

    /// <summary>The side a caterer goes on and why (Chinese), or null for neither.</summary>
    public (RedBlackSide Side, string Reason)? Evaluate(RedBlackFacts f)
    {
        var black = new List<string>();
        if (f.NonConforming >= BlackMinNonConforming)
        {
            black.Add($"近 {WindowMonths} 个月监督检查结果不符合 {f.NonConforming} 次");
        }
        if (BlackIfSeriousViolator && f.SeriousViolator)
        {
            black.Add("列入严重违法失信名单");
        }
        if (BlackMinPenalties > 0 && f.Penalties >= BlackMinPenalties)
        {
            black.Add($"受到行政处罚 {f.Penalties} 次");
        }
        if (black.Count > 0)
        {
            return (RedBlackSide.Black, string.Join("；", black));
        }
        if (f.Grade is { } grade && grade <= RedMaxGrade && f.Inspections >= RedMinInspections && f.NonConforming == 0 && !f.SeriousViolator)
        {
            return (RedBlackSide.Red, $"风险等级 {grade} 级，近 {WindowMonths} 个月检查 {f.Inspections} 次均无不符合");
        }
        return null;
    }

    /// <summary>The first day counted for the list of <paramref name="month"/> (any day of it).</summary>
    public DateOnly WindowStart(DateOnly month) => new DateOnly(month.Year, month.Month, 1).AddMonths(1 - WindowMonths);

    /// <summary>The last day of <paramref name="month"/>.</summary>
    public static DateOnly MonthEnd(DateOnly month) => new DateOnly(month.Year, month.Month, 1).AddMonths(1).AddDays(-1);
}

/// <summary>A stored version of the <see cref="RedBlackRules"/>.</summary>
public class RedBlackRuleRecord
{
    public Guid Id { get; set; }
    public int Version { get; set; }
    public DateOnly EffectiveFrom { get; set; }
    public string Content { get; set; } = "";
    public DateTime CreatedAt { get; set; }

    public RedBlackRules Read() => RedBlackRules.FromJson(Content) with { Version = Version, EffectiveFrom = EffectiveFrom };

    /// <summary>Stores the default rules when none are; running it again changes nothing.</summary>
    public static async Task EnsureSeededAsync(ShianDb db, DateTime now, CancellationToken ct = default)
    {
        if (!await db.RedBlackRules.AnyAsync(ct))
        {
            var rules = RedBlackRules.Default;
            db.RedBlackRules.Add(new RedBlackRuleRecord { Version = rules.Version, EffectiveFrom = rules.EffectiveFrom, Content = rules.ToJson(), CreatedAt = now });
            await db.SaveChangesAsync(ct);
        }
    }

    /// <summary>The newest version in force on <paramref name="day"/>, or the defaults when none is stored.</summary>
    public static async Task<RedBlackRules> InForceAsync(ShianDb db, DateOnly day, CancellationToken ct = default) =>
        (await db.RedBlackRules.AsNoTracking().Where(r => r.EffectiveFrom <= day).OrderByDescending(r => r.Version).FirstOrDefaultAsync(ct))?.Read()
        ?? RedBlackRules.Default;
}

/// <summary>红黑榜 of one month: a draft the office reviews, then approves; only published lists are public.</summary>
public class RedBlackList
{
    public Guid Id { get; set; }

    /// <summary>The first day of the month.</summary>
    public DateOnly Month { get; set; }

    public RedBlackListStatus Status { get; set; }
    public int RulesVersion { get; set; }
    public DateTime GeneratedAt { get; set; }
    public string GeneratedBy { get; set; } = "";
    public DateTime? ApprovedAt { get; set; }
    public string ApprovedBy { get; set; } = "";
}

/// <summary>One caterer on a month's list, with what the public sees kept as generated.</summary>
public class RedBlackEntry
{
    public Guid Id { get; set; }
    public Guid ListId { get; set; }
    public Guid BusinessId { get; set; }
    public RedBlackSide Side { get; set; }
    public string Reason { get; set; } = "";
    public string BusinessName { get; set; } = "";
    public string Address { get; set; } = "";
    public string Township { get; set; } = "";

    /// <summary>Left off the list by the office on review, with its reason.</summary>
    public bool Excluded { get; set; }
    public string ExcludedReason { get; set; } = "";
}

/// <summary>Generating a month's draft from inspections, grades and listings.</summary>
public static class RedBlackDraft
{
    /// <summary>
    /// The caterers (<see cref="BusinessCategory.Caterer"/>, active) who go on the list of <paramref name="month"/>: submitted
    /// inspections that ended in the window, the current risk grade, and the serious-violation list on the month's last
    /// day (or <paramref name="today"/> if earlier).
    /// </summary>
    public static async Task<List<RedBlackEntry>> EvaluateAsync(ShianDb db, RedBlackRules rules, DateOnly month, DateOnly today, CancellationToken ct = default)
    {
        var start = rules.WindowStart(month);
        var end = RedBlackRules.MonthEnd(month);
        var day = end < today ? end : today;
        // China keeps UTC+8 all year: local midnight is 16:00 UTC the day before.
        var from = start.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).AddHours(-8);
        var until = end.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).AddHours(-8);
        var caterers = await db.Businesses.AsNoTracking().Where(b => b.Category == BusinessCategory.Caterer && b.Status == BusinessStatus.Active)
            .Join(db.Townships, b => b.TownshipId, t => t.Id, (b, t) => new { b.Id, b.Name, b.Address, Township = t.Name })
            .ToListAsync(ct);
        var inspections = (await db.Inspections.AsNoTracking()
                .Where(i => i.Status == InspectionStatus.Submitted && i.EndedAt >= from && i.EndedAt < until)
                .Join(db.Businesses.Where(b => b.Category == BusinessCategory.Caterer), i => i.BusinessId, b => b.Id, (i, b) => new { i.BusinessId, i.Result })
                .ToListAsync(ct))
            .ToLookup(i => i.BusinessId);
        var grades = await db.RiskGrades.AsNoTracking().Where(g => g.SupersededAt == null)
            .Join(db.Businesses.Where(b => b.Category == BusinessCategory.Caterer), g => g.BusinessId, b => b.Id, (g, b) => new { g.BusinessId, g.Grade })
            .ToDictionaryAsync(g => g.BusinessId, g => g.Grade, ct);
        var listed = (await CreditFlags.HoldingOn(db, day).Select(v => v.BusinessId).ToListAsync(ct)).ToHashSet();
        var entries = new List<RedBlackEntry>();
        foreach (var c in caterers.OrderBy(c => c.Name, StringComparer.Ordinal))
        {
            var done = inspections[c.Id].ToList();
            var facts = new RedBlackFacts(grades.TryGetValue(c.Id, out var g) ? g : null, done.Count,
                done.Count(i => i.Result == InspectionResult.NonConforming), listed.Contains(c.Id));
            if (rules.Evaluate(facts) is { } verdict)
            {
                entries.Add(new RedBlackEntry
                {
                    BusinessId = c.Id, Side = verdict.Side, Reason = verdict.Reason, BusinessName = c.Name, Address = c.Address, Township = c.Township,
                });
            }
        }
        return entries;
    }
}
