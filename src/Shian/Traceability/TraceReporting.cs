using Microsoft.EntityFrameworkCore;
using Shian.Accounts;
using Shian.Common;
using Shian.Data;
using Shian.Registry;

namespace Shian.Traceability;

public enum ReportingFrequency
{
    Daily,
    Weekly,
    Monthly,
}

/// <summary>
/// 追溯体系节点企业: a business required to upload its trace data (EPCIS events) at least once per period, from a date
/// and optionally until one. Set by the office or a department; one open requirement per business (a new one closes
/// the previous the day before it starts).
/// </summary>
public class TraceReportingRequirement
{
    public Guid Id { get; set; }
    public Guid BusinessId { get; set; }
    public ReportingFrequency Frequency { get; set; }
    public DateOnly From { get; set; }
    public DateOnly? To { get; set; }
    public string SetBy { get; set; } = "";
    public DateTime SetAt { get; set; }

    /// <summary>Checks a requirement's fields: field name → problem.</summary>
    public static Dictionary<string, Problem> Validate(Guid? businessId, ReportingFrequency? frequency, DateOnly? from, DateOnly? to)
    {
        var errors = new Dictionary<string, Problem>();
        if (businessId is null || businessId == Guid.Empty)
        {
            errors["BusinessId"] = new("TraceRequirement.BusinessRequired");
        }
        if (frequency is null || !Enum.IsDefined(frequency.Value))
        {
            errors["Frequency"] = new("TraceRequirement.FrequencyRequired");
        }
        if (from is null)
        {
            errors["From"] = new("TraceRequirement.FromRequired");
        }
        else if (from.Value.Year < 2000 || from.Value.Year > 2100)
        {
            errors["From"] = new("TraceRequirement.FromOutOfRange");
        }
        if (to is { } end && from is { } start && end < start)
        {
            errors["To"] = new("TraceRequirement.ToBeforeFrom");
        }
        return errors;
    }
}

/// <summary>
/// The trace upload rate (追溯数据上传达标率, plan task 12: "追溯体系节点企业追溯数据上传平均达标率超过60%"): for each required
/// business, the share of its reporting periods in the year so far in which it captured at least one EPCIS event
/// (record time, China date), averaged over the businesses. A period counts once it has ended (before today) and if any
/// of its days falls within the requirement; weeks run Monday to Sunday.
/// </summary>
public static class TraceReporting
{
    public const string MetricName = "trace.upload_rate";

    public sealed record Row(Guid BusinessId, string BusinessName, Guid TownshipId, ReportingFrequency Frequency, DateOnly From, DateOnly? To,
        int PeriodsRequired, int PeriodsReported, DateTime? LastReport)
    {
        public int PeriodsMissed => PeriodsRequired - PeriodsReported;

        /// <summary>Percent, or null when no period has ended yet.</summary>
        public decimal? Rate => PeriodsRequired == 0 ? null : Math.Round(100m * PeriodsReported / PeriodsRequired, 1);
    }

    /// <summary>The periods (first and last day) of a frequency that touch [from, to] and have ended before <paramref name="today"/>.</summary>
    public static List<(DateOnly First, DateOnly Last)> Periods(ReportingFrequency frequency, DateOnly from, DateOnly to, DateOnly today)
    {
        var periods = new List<(DateOnly, DateOnly)>();
        var first = frequency switch
        {
            ReportingFrequency.Daily => from,
            ReportingFrequency.Weekly => from.AddDays(-(((int)from.DayOfWeek + 6) % 7)),
            _ => new DateOnly(from.Year, from.Month, 1),
        };
        while (first <= to)
        {
            var next = frequency switch
            {
                ReportingFrequency.Daily => first.AddDays(1),
                ReportingFrequency.Weekly => first.AddDays(7),
                _ => first.AddMonths(1),
            };
            var last = next.AddDays(-1);
            if (last >= today)
            {
                break;
            }
            periods.Add((first, last));
            first = next;
        }
        return periods;
    }

    /// <summary>The required businesses the scope may see, with their periods of the year up to today.</summary>
    public static async Task<List<Row>> RowsAsync(ShianDb db, AccessScope scope, DateOnly today, Guid? townshipId = null, CancellationToken ct = default)
    {
        var yearStart = new DateOnly(today.Year, 1, 1);
        var businesses = db.Businesses.VisibleTo(scope);
        if (townshipId is { } t)
        {
            businesses = businesses.Where(b => b.TownshipId == t);
        }
        var required = db.TraceReportingRequirements.AsNoTracking()
            .Where(r => r.From < today && (r.To == null || r.To >= yearStart))
            .Join(businesses, r => r.BusinessId, b => b.Id, (r, b) => new { Requirement = r, b.Name, b.TownshipId });
        var requirements = await required.ToListAsync(ct);
        if (requirements.Count == 0)
        {
            return [];
        }
        // A subquery, not the ids read above: every business that must report, sent back as parameters, can pass
        // SQLite's limit of 32,766.
        var ids = required.Select(r => r.Requirement.BusinessId);
        var fromUtc = TimeZoneInfo.ConvertTimeToUtc(yearStart.ToDateTime(TimeOnly.MinValue), ShianTime.Zone);
        var toUtc = TimeZoneInfo.ConvertTimeToUtc(today.ToDateTime(TimeOnly.MinValue), ShianTime.Zone);
        // The China dates on which each business captured anything this year (before today).
        var days = new Dictionary<Guid, SortedSet<DateOnly>>();
        foreach (var e in await db.EpcisEvents.Where(e => ids.Contains(e.BusinessId) && e.RecordTime >= fromUtc && e.RecordTime < toUtc)
                     .Select(e => new { e.BusinessId, e.RecordTime }).ToListAsync(ct))
        {
            if (!days.TryGetValue(e.BusinessId, out var set))
            {
                days[e.BusinessId] = set = [];
            }
            set.Add(ShianTime.LocalDate(e.RecordTime));
        }
        var last = await db.EpcisEvents.Where(e => ids.Contains(e.BusinessId)).GroupBy(e => e.BusinessId)
            .Select(g => new { BusinessId = g.Key, Last = g.Max(e => e.RecordTime) }).ToDictionaryAsync(x => x.BusinessId, x => x.Last, ct);

        var rows = new List<Row>();
        foreach (var r in requirements)
        {
            var req = r.Requirement;
            var from = req.From < yearStart ? yearStart : req.From;
            var to = req.To is { } end && end < today ? end : today.AddDays(-1);
            var periods = to < from ? [] : Periods(req.Frequency, from, to, today);
            var reported = days.TryGetValue(req.BusinessId, out var set)
                ? periods.Count(p => set.GetViewBetween(p.First, p.Last).Count > 0)
                : 0;
            rows.Add(new Row(req.BusinessId, r.Name, r.TownshipId, req.Frequency, req.From, req.To, periods.Count, reported,
                last.TryGetValue(req.BusinessId, out var l) ? l : null));
        }
        return rows;
    }

    /// <summary>The metric: the average of the businesses' rates (those with at least one period ended), in percent.</summary>
    public static async Task<decimal?> UploadRateAsync(ShianDb db, AccessScope scope, DateOnly today, CancellationToken ct = default)
    {
        var rates = (await RowsAsync(db, scope, today, ct: ct)).Where(r => r.PeriodsRequired > 0)
            .Select(r => (decimal)r.PeriodsReported / r.PeriodsRequired).ToList();
        return rates.Count == 0 ? null : Math.Round(100m * rates.Average(), 1);
    }
}
