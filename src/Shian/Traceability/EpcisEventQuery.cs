using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Shian.Common;

namespace Shian.Traceability;

/// <summary>
/// The EPCIS 2.0 REST binding's common event query parameters (<c>GET /events?EQ_bizStep=shipping&amp;MATCH_anyEPC=…</c>),
/// parsed and checked, then applied to <see cref="ShianDb.EpcisEvents"/> with keyset pagination on (recordTime, id).
/// Identifier values may be EPC URNs or Digital Link URIs: they are compared by <see cref="TraceKey.Of"/>; CBV values
/// short (<c>shipping</c>) or full.
/// </summary>
public sealed class EpcisEventQuery
{
    public const int DefaultPerPage = 100;
    public const int MaxPerPage = 1000;

    private static readonly string[] Known =
    [
        "eventType", "GE_eventTime", "LT_eventTime", "GE_recordTime", "LT_recordTime", "MATCH_epc", "MATCH_anyEPC",
        "MATCH_parentID", "MATCH_inputEPC", "MATCH_outputEPC", "MATCH_epcClass", "MATCH_anyEPCClass", "EQ_bizStep",
        "EQ_disposition", "EQ_bizLocation", "EQ_readPoint", "EQ_action", "perPage", "nextPageToken",
    ];

    private static readonly string[] ActionValues = ["ADD", "OBSERVE", "DELETE"];

    public List<EpcisEventType> EventTypes { get; } = [];
    public DateTime? GeEventTime { get; private set; }
    public DateTime? LtEventTime { get; private set; }
    public DateTime? GeRecordTime { get; private set; }
    public DateTime? LtRecordTime { get; private set; }
    public List<(EpcRole[] Roles, List<string> Keys)> Matches { get; } = [];
    public List<string> BizSteps { get; } = [];
    public List<string> Dispositions { get; } = [];
    public List<string> BizLocations { get; } = [];
    public List<string> ReadPoints { get; } = [];
    public List<string> Actions { get; } = [];
    public int PerPage { get; private set; } = DefaultPerPage;

    /// <summary>Where the previous page ended, from <c>nextPageToken</c>.</summary>
    public (DateTime RecordTime, Guid Id)? After { get; private set; }

    /// <summary>A digest of the filter (everything but the page parameters): a token is only good for the query it came from.</summary>
    public string FilterDigest { get; private set; } = "";

    /// <summary>Reads the parameters; every problem names its parameter (the JSON path is <c>$.{parameter}</c>).</summary>
    public static (EpcisEventQuery? Query, IReadOnlyList<EpcisError> Errors) Parse(IEnumerable<KeyValuePair<string, string[]>> parameters)
    {
        var query = new EpcisEventQuery();
        var errors = new List<EpcisError>();
        var digest = new StringBuilder();
        string? token = null;
        foreach (var (name, raw) in parameters.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var values = raw.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
            if (!Known.Contains(name, StringComparer.Ordinal))
            {
                errors.Add(new(name, new Problem("Epcis.Query.Unsupported", name)));
                continue;
            }
            if (name is not ("perPage" or "nextPageToken"))
            {
                digest.Append(name).Append('=').AppendJoin('\u001f', values).Append('\u001e');
            }
            if (values.Count == 0)
            {
                errors.Add(new(name, new Problem("Epcis.Query.NoValue", name)));
                continue;
            }
            switch (name)
            {
                case "eventType":
                    foreach (var v in values)
                    {
                        if (Enum.TryParse<EpcisEventType>(v, ignoreCase: false, out var t) && Enum.IsDefined(t) && !v.All(char.IsDigit))
                        {
                            query.EventTypes.Add(t);
                        }
                        else
                        {
                            errors.Add(new(name, new Problem("Epcis.Query.EventType", v, string.Join(", ", Enum.GetNames<EpcisEventType>()))));
                        }
                    }
                    break;
                case "GE_eventTime": query.GeEventTime = Time(name, values, errors); break;
                case "LT_eventTime": query.LtEventTime = Time(name, values, errors); break;
                case "GE_recordTime": query.GeRecordTime = Time(name, values, errors); break;
                case "LT_recordTime": query.LtRecordTime = Time(name, values, errors); break;
                case "MATCH_epc": query.Matches.Add(([EpcRole.Epc, EpcRole.Child], Keys(values))); break;
                case "MATCH_epcClass": query.Matches.Add(([EpcRole.Epc, EpcRole.Child], Keys(values))); break;
                case "MATCH_parentID": query.Matches.Add(([EpcRole.Parent], Keys(values))); break;
                case "MATCH_inputEPC": query.Matches.Add(([EpcRole.Input], Keys(values))); break;
                case "MATCH_outputEPC": query.Matches.Add(([EpcRole.Output], Keys(values))); break;
                case "MATCH_anyEPC" or "MATCH_anyEPCClass":
                    query.Matches.Add(([EpcRole.Epc, EpcRole.Child, EpcRole.Parent, EpcRole.Input, EpcRole.Output], Keys(values)));
                    break;
                case "EQ_bizStep": query.BizSteps.AddRange(values.Select(v => Cbv(v, "BizStep", "urn:epcglobal:cbv:bizstep:", EpcisDocumentReader.BizSteps))); break;
                case "EQ_disposition": query.Dispositions.AddRange(values.Select(v => Cbv(v, "Disp", "urn:epcglobal:cbv:disp:", EpcisDocumentReader.Dispositions))); break;
                case "EQ_bizLocation": query.BizLocations.AddRange(Keys(values)); break;
                case "EQ_readPoint": query.ReadPoints.AddRange(Keys(values)); break;
                case "EQ_action":
                    foreach (var v in values)
                    {
                        if (ActionValues.Contains(v, StringComparer.Ordinal))
                        {
                            query.Actions.Add(v);
                        }
                        else
                        {
                            errors.Add(new(name, new Problem("Epcis.Query.Action", v)));
                        }
                    }
                    break;
                case "perPage":
                    if (values.Count == 1 && int.TryParse(values[0], NumberStyles.None, CultureInfo.InvariantCulture, out var per) && per is >= 1 and <= MaxPerPage)
                    {
                        query.PerPage = per;
                    }
                    else
                    {
                        errors.Add(new(name, new Problem("Epcis.Query.PerPage", MaxPerPage)));
                    }
                    break;
                case "nextPageToken":
                    token = values.Count == 1 ? values[0] : "";
                    break;
            }
        }
        query.FilterDigest = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(digest.ToString())))[..16];
        if (token is not null)
        {
            if (ReadToken(token, query.FilterDigest) is { } after)
            {
                query.After = after;
            }
            else
            {
                errors.Add(new("nextPageToken", new Problem("Epcis.Query.NextPageToken")));
            }
        }
        return errors.Count == 0 ? (query, []) : (null, errors);
    }

    /// <summary>The events the filter selects, oldest record first, one page and one more (to tell whether a next page exists).</summary>
    public IQueryable<EpcisEvent> Apply(IQueryable<EpcisEvent> events, IQueryable<EpcisEventEpc> identifiers)
    {
        if (EventTypes.Count > 0)
        {
            var types = EventTypes.ToList();
            events = events.Where(e => types.Contains(e.Type));
        }
        if (GeEventTime is { } geEvent)
        {
            events = events.Where(e => e.EventTime >= geEvent);
        }
        if (LtEventTime is { } ltEvent)
        {
            events = events.Where(e => e.EventTime < ltEvent);
        }
        if (GeRecordTime is { } geRecord)
        {
            events = events.Where(e => e.RecordTime >= geRecord);
        }
        if (LtRecordTime is { } ltRecord)
        {
            events = events.Where(e => e.RecordTime < ltRecord);
        }
        foreach (var (roles, keys) in Matches)
        {
            events = events.Where(e => identifiers.Any(x => x.EventId == e.Id && roles.Contains(x.Role) && keys.Contains(x.Key)));
        }
        if (BizSteps.Count > 0)
        {
            var steps = BizSteps.ToList();
            events = events.Where(e => e.BizStep != null && steps.Contains(e.BizStep));
        }
        if (Dispositions.Count > 0)
        {
            var dispositions = Dispositions.ToList();
            events = events.Where(e => e.Disposition != null && dispositions.Contains(e.Disposition));
        }
        if (BizLocations.Count > 0)
        {
            var locations = BizLocations.ToList();
            events = events.Where(e => e.BizLocation != null && locations.Contains(e.BizLocation));
        }
        if (ReadPoints.Count > 0)
        {
            var points = ReadPoints.ToList();
            events = events.Where(e => e.ReadPoint != null && points.Contains(e.ReadPoint));
        }
        if (Actions.Count > 0)
        {
            var actions = Actions.ToList();
            events = events.Where(e => e.Action != null && actions.Contains(e.Action));
        }
        if (After is var (time, id))
        {
            events = events.Where(e => e.RecordTime > time || (e.RecordTime == time && e.Id.CompareTo(id) > 0));
        }
        return events.OrderBy(e => e.RecordTime).ThenBy(e => e.Id).Take(PerPage + 1);
    }

    /// <summary>An opaque token naming where a page ended, bound to this query's filter.</summary>
    public string NextToken(EpcisEvent last)
    {
        var text = string.Create(CultureInfo.InvariantCulture, $"{last.RecordTime.Ticks}.{last.Id:N}.{FilterDigest}");
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    private static (DateTime, Guid)? ReadToken(string token, string digest)
    {
        try
        {
            var base64 = token.Replace('-', '+').Replace('_', '/');
            base64 += new string('=', (4 - base64.Length % 4) % 4);
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(base64)).Split('.');
            if (parts.Length == 3 && parts[2] == digest
                && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) && ticks >= 0 && ticks <= DateTime.MaxValue.Ticks
                && Guid.TryParseExact(parts[1], "N", out var id))
            {
                return (new DateTime(ticks, DateTimeKind.Utc), id);
            }
        }
        catch (FormatException)
        {
        }
        return null;
    }

    private static DateTime? Time(string name, List<string> values, List<EpcisError> errors)
    {
        if (values.Count == 1 && values[0].Contains('T', StringComparison.Ordinal)
            && DateTimeOffset.TryParse(values[0], CultureInfo.InvariantCulture, DateTimeStyles.None, out var at)
            && (values[0].EndsWith('Z') || values[0].Length > 6 && values[0][^6] is '+' or '-'))
        {
            return at.UtcDateTime;
        }
        errors.Add(new(name, new Problem("Epcis.Query.DateTime", name, string.Join(",", values))));
        return null;
    }

    private static List<string> Keys(List<string> values) => values.Select(TraceKey.Of).Distinct().ToList();

    private static string Cbv(string value, string cbvType, string urnPrefix, IReadOnlySet<string> known)
    {
        var webPrefix = $"https://ref.gs1.org/cbv/{cbvType}-";
        var shortName = value.StartsWith(webPrefix, StringComparison.Ordinal) ? value[webPrefix.Length..]
            : value.StartsWith(urnPrefix, StringComparison.Ordinal) ? value[urnPrefix.Length..]
            : value;
        return known.Contains(shortName) ? shortName : value;
    }

    /// <summary>Writes <c>recordTime</c> back into an event as stored (the column is the truth).</summary>
    public static string WithRecordTime(string json, DateTime recordTime)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject();
        node["recordTime"] = recordTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        return node.ToJsonString(JsonOptions);
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
