using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Shian.Common;
using Shian.Data;
using Shian.Inspections;
using Shian.Registry;
using Shian.Risk;
using Shian.Sampling;

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

/// <summary>
/// What the rules look at for one caterer, as of the list's month. <paramref name="FailedSamples"/>: its samples reported
/// 不合格 in the window (监督抽检 and 评价性抽检; 风险监测 is monitoring, not a finding against the operator).
/// </summary>
public sealed record RedBlackFacts(RiskLevel? Grade, int Inspections, int NonConforming, bool SeriousViolator, int Penalties = 0, int FailedSamples = 0);

/// <summary>
/// 餐饮服务红黑榜 rules: the district's choice, kept as a versioned JSON record like the risk sheets. Black wins over red.
/// Red: current grade at most <see cref="RedMaxGrade"/>, at least <see cref="RedMinInspections"/> submitted inspections
/// and no non-conforming one and no failed sample in the window. Black: <see cref="BlackMinNonConforming"/> or more
/// non-conforming inspections in the window, or listed as a serious violator, or <see cref="BlackMinFailedSamples"/> or more
/// failed samples in the window, or (once penalties are recorded) <see cref="BlackMinPenalties"/> penalties.
/// </summary>
public sealed record RedBlackRules : IVersionedRulebook
{
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

    /// <summary>
    /// 1 by default: one batch found 不合格 by the district's own sampling in the window puts a caterer on the black list,
    /// as a failed sample is itself a finding against the operator; 0 switches the rule off. Rules stored before this rule
    /// existed read as the default. Red always requires no failed sample in the window.
    /// </summary>
    public const int DefaultBlackMinFailedSamples = 1;

    public int BlackMinFailedSamples { get; init; } = DefaultBlackMinFailedSamples;

    public static readonly RedBlackRules Default = new();

    public string ToJson() => JsonSerializer.Serialize(this, ShianJson.Indented);

    public static RedBlackRules FromJson(string json) => Rulebooks.FromJson<RedBlackRules>(json);

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
        if (BlackMinFailedSamples > 0 && f.FailedSamples >= BlackMinFailedSamples)
        {
            black.Add($"近 {WindowMonths} 个月抽检不合格 {f.FailedSamples} 批次");
        }
        if (BlackMinPenalties > 0 && f.Penalties >= BlackMinPenalties)
        {
            black.Add($"受到行政处罚 {f.Penalties} 次");
        }
        if (black.Count > 0)
        {
            return (RedBlackSide.Black, string.Join("；", black));
        }
        if (f.Grade is { } grade && grade <= RedMaxGrade && f.Inspections >= RedMinInspections && f.NonConforming == 0 && f.FailedSamples == 0
            && !f.SeriousViolator)
        {
            return (RedBlackSide.Red, $"风险等级 {grade} 级，近 {WindowMonths} 个月检查 {f.Inspections} 次均无不符合");
        }
        return null;
    }

    /// <summary>The first day counted for the list of <paramref name="month"/> (any day of it).</summary>
    public DateOnly WindowStart(DateOnly month) => new DateOnly(month.Year, month.Month, 1).AddMonths(1 - WindowMonths);

    /// <summary>The last day of <paramref name="month"/>.</summary>
    public static DateOnly MonthEnd(DateOnly month) => new DateOnly(month.Year, month.Month, 1).AddMonths(1).AddDays(-1);

    public const int MaxWindowMonths = 36;

    /// <summary>The rules in plain Chinese, one line per side, as the office reads them before issuing.</summary>
    public IReadOnlyList<string> Describe()
    {
        var red = $"红榜：风险等级 {RedMaxGrade} 级及以上，近 {WindowMonths} 个月至少检查 {RedMinInspections} 次且无不符合，无抽检不合格，未列入严重违法失信名单";
        var black = new List<string> { $"近 {WindowMonths} 个月监督检查结果不符合 {BlackMinNonConforming} 次及以上" };
        if (BlackIfSeriousViolator)
        {
            black.Add("列入严重违法失信名单");
        }
        if (BlackMinFailedSamples > 0)
        {
            black.Add($"近 {WindowMonths} 个月抽检不合格 {BlackMinFailedSamples} 批次及以上");
        }
        if (BlackMinPenalties > 0)
        {
            black.Add($"受到行政处罚 {BlackMinPenalties} 次及以上");
        }
        return [red, "黑榜：" + string.Join("，或", black) + "（黑榜优先）"];
    }

    /// <summary>
    /// A new version of the rules from the office's form, or every reason why not (field, problem). The version
    /// takes effect from the first day of <paramref name="effectiveMonth"/> and may not reach back to a month whose list
    /// is already approved (<paramref name="lastApprovedMonth"/>): that list stays as it was published.
    /// </summary>
    public static (RedBlackRules? Rules, IReadOnlyList<(string Field, Problem Error)> Errors) Issue(int version, DateOnly? effectiveMonth,
        DateOnly? lastApprovedMonth, int? windowMonths, RiskLevel? redMaxGrade, int? redMinInspections, int? blackMinNonConforming,
        bool blackIfSeriousViolator, int? blackMinPenalties, int? blackMinFailedSamples = DefaultBlackMinFailedSamples)
    {
        var errors = new List<(string, Problem)>();
        DateOnly from = default;
        if (effectiveMonth is not { } month)
        {
            errors.Add((nameof(EffectiveFrom), new Problem("RedBlack.EffectiveMonthRequired")));
        }
        else
        {
            from = new DateOnly(month.Year, month.Month, 1);
            if (lastApprovedMonth is { } approved && from <= approved)
            {
                errors.Add((nameof(EffectiveFrom),
                    new Problem("RedBlack.MonthApproved", approved.ToString("yyyy-MM", CultureInfo.InvariantCulture),
                        approved.AddMonths(1).ToString("yyyy-MM", CultureInfo.InvariantCulture))));
            }
        }
        if (windowMonths is not { } window || window is < 1 or > MaxWindowMonths)
        {
            errors.Add((nameof(WindowMonths), new Problem("RedBlack.WindowRange", MaxWindowMonths)));
        }
        if (redMaxGrade is not { } grade || !Enum.IsDefined(grade))
        {
            errors.Add((nameof(RedMaxGrade), new Problem("RedBlack.RedGradeRequired")));
        }
        if (redMinInspections is not { } inspections || inspections < 0)
        {
            errors.Add((nameof(RedMinInspections), new Problem("RedBlack.RedMinInspections")));
        }
        if (blackMinNonConforming is not { } nonConforming || nonConforming < 1)
        {
            errors.Add((nameof(BlackMinNonConforming), new Problem("RedBlack.BlackMinNonConforming")));
        }
        if (blackMinPenalties is not { } penalties || penalties < 0)
        {
            errors.Add((nameof(BlackMinPenalties), new Problem("RedBlack.BlackMinPenalties")));
        }
        if (blackMinFailedSamples is not { } failedSamples || failedSamples < 0)
        {
            errors.Add((nameof(BlackMinFailedSamples), new Problem("RedBlack.BlackMinFailedSamples")));
        }
        if (errors.Count > 0)
        {
            return (null, errors);
        }
        return (new RedBlackRules
        {
            Version = version, EffectiveFrom = from, WindowMonths = windowMonths!.Value, RedMaxGrade = redMaxGrade!.Value,
            RedMinInspections = redMinInspections!.Value, BlackMinNonConforming = blackMinNonConforming!.Value,
            BlackIfSeriousViolator = blackIfSeriousViolator, BlackMinPenalties = blackMinPenalties!.Value, BlackMinFailedSamples = blackMinFailedSamples!.Value,
        }, errors);
    }
}

/// <summary>A stored version of the <see cref="RedBlackRules"/>.</summary>
public class RedBlackRuleRecord : IRulebookRecord
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
            db.RedBlackRules.Add(From(rules, now));
            await db.SaveChangesAsync(ct);
        }
    }

    /// <summary>
    /// The newest version in force on <paramref name="day"/>, or the defaults when none is stored. A month's list reads the
    /// rules in force on the month's first day.
    /// </summary>
    public static async Task<RedBlackRules> InForceAsync(ShianDb db, DateOnly day, CancellationToken ct = default) =>
        (await db.RedBlackRules.AsNoTracking().EffectiveBy(day).OrderByDescending(r => r.Version).FirstOrDefaultAsync(ct))?.Read()
        ?? RedBlackRules.Default;

    /// <summary>A new version's record, numbered after the stored ones.</summary>
    public static RedBlackRuleRecord From(RedBlackRules rules, DateTime at) => Rulebooks.Record<RedBlackRuleRecord>(rules, rules.ToJson(), at);
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

    /// <summary>The office approves the draft and it becomes public; refused once published.</summary>
    public bool Approve(string by, DateTime at)
    {
        if (Status != RedBlackListStatus.Draft)
        {
            return false;
        }
        Status = RedBlackListStatus.Published;
        ApprovedAt = at;
        ApprovedBy = by;
        return true;
    }
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
    /// Writes the month's draft from the rules in force on the month's first day (not today's), recording their version;
    /// a draft already there is replaced. Null when the month is already published: a published list stays as it was.
    /// </summary>
    public static async Task<RedBlackList?> GenerateAsync(ShianDb db, DateOnly month, DateOnly today, string by, DateTime now, CancellationToken ct = default)
    {
        month = new DateOnly(month.Year, month.Month, 1);
        var list = await db.RedBlackLists.FirstOrDefaultAsync(x => x.Month == month, ct);
        if (list is { Status: RedBlackListStatus.Published })
        {
            return null;
        }
        var rules = await RedBlackRuleRecord.InForceAsync(db, month, ct);
        if (list is null)
        {
            list = new RedBlackList { Month = month };
            db.RedBlackLists.Add(list);
        }
        else
        {
            db.RedBlackEntries.RemoveRange(await db.RedBlackEntries.Where(e => e.ListId == list.Id).ToListAsync(ct));
        }
        list.Status = RedBlackListStatus.Draft;
        list.RulesVersion = rules.Version;
        list.GeneratedAt = now;
        list.GeneratedBy = by;
        var entries = await EvaluateAsync(db, rules, month, today, ct);
        await db.SaveChangesAsync(ct); // the list's id first, then its entries
        foreach (var entry in entries)
        {
            entry.ListId = list.Id;
        }
        db.RedBlackEntries.AddRange(entries);
        await db.SaveChangesAsync(ct);
        return list;
    }

    /// <summary>
    /// The caterers (<see cref="BusinessCategory.Caterer"/>, active) who go on the list of <paramref name="month"/>: submitted
    /// inspections that ended in the window, samples whose report of 不合格 came out in the window (not 风险监测), the
    /// current risk grade, and the serious-violation list on the month's last day (or <paramref name="today"/> if earlier).
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
        var failedSamples = await db.Samples.AsNoTracking()
            .Where(s => s.Status == SampleStatus.Reported && s.Conclusion == SampleConclusion.Failed && s.Kind != SamplingKind.RiskMonitoring
                && s.ReportedOn >= start && s.ReportedOn <= end)
            .Join(db.Businesses.Where(b => b.Category == BusinessCategory.Caterer), s => s.BusinessId, b => b.Id, (s, b) => s.BusinessId)
            .GroupBy(id => id).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var listed = (await CreditFlags.HoldingOn(db, day).Select(v => v.BusinessId).ToListAsync(ct)).ToHashSet();
        var entries = new List<RedBlackEntry>();
        foreach (var c in caterers.OrderBy(c => c.Name, StringComparer.Ordinal))
        {
            var done = inspections[c.Id].ToList();
            var facts = new RedBlackFacts(grades.TryGetValue(c.Id, out var g) ? g : null, done.Count,
                done.Count(i => i.Result == InspectionResult.NonConforming), listed.Contains(c.Id), FailedSamples: failedSamples.GetValueOrDefault(c.Id));
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
