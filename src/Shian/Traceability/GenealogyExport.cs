using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Shian.Data;

namespace Shian.Traceability;

/// <summary>One critical tracking event of a trace with its key data elements (FSMA 204 sortable spreadsheet).</summary>
public sealed record FsmaRow(
    string LotCode, string Product, decimal? Quantity, string? Uom, string Location, string Date, string EventType,
    string LotCodeSource, string ReferenceDocument, string Source, string Destination, string EventId);

/// <summary>The exports of a lot's traces: the FSMA 204 spreadsheet rows and an EPCIS 2.0 document of the same events.</summary>
public static class GenealogyExport
{
    public const string StandardContext = "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld";

    /// <summary>Chinese and English column headers, in the order of <see cref="FsmaRow"/>.</summary>
    public static readonly IReadOnlyList<string> FsmaHeader =
    [
        "可追溯批次代码 Traceability Lot Code", "产品描述 Product Description", "数量 Quantity", "计量单位 Unit of Measure",
        "地点描述 Location Description", "日期 Date", "事件类型 Event Type", "批次代码来源 Traceability Lot Code Source",
        "参考单据 Reference Document", "来源 Source", "目的地 Destination", "事件标识 Event ID",
    ];

    private sealed record Stored(Guid Id, string EventId, EpcisEventType Type, DateTime EventTime, string Offset, DateTime RecordTime, string? BizStep, string? BizLocation, Guid CaptureJobId, string Json);

    private static async Task<List<Stored>> EventsAsync(ShianDb db, IEnumerable<Guid> ids, CancellationToken ct)
    {
        var list = new List<Stored>();
        foreach (var chunk in ids.Distinct().Chunk(500))
        {
            list.AddRange(await db.EpcisEvents.Where(e => chunk.Contains(e.Id))
                .Select(e => new Stored(e.Id, e.EventId, e.Type, e.EventTime, e.EventTimeZoneOffset, e.RecordTime, e.BizStep, e.BizLocation, e.CaptureJobId, e.Json))
                .ToListAsync(ct));
        }
        return list.OrderBy(e => e.EventTime).ThenBy(e => e.Id).ToList();
    }

    /// <summary>
    /// One row per identifier an event of the traces names with a quantity (or per EPC when there is none): harvesting,
    /// cooling, initial packing, shipping, receiving and transformation events; the others (inspections, sensor
    /// readings) are not critical tracking events and are left out.
    /// </summary>
    public static async Task<IReadOnlyList<FsmaRow>> FsmaRowsAsync(ShianDb db, IEnumerable<Guid> eventIds, CancellationToken ct = default)
    {
        var events = await EventsAsync(db, eventIds, ct);
        var ids = events.Select(e => e.Id).ToList();
        var epcs = new List<EpcisEventEpc>();
        foreach (var chunk in ids.Chunk(500))
        {
            epcs.AddRange(await db.EpcisEventEpcs.AsNoTracking().Where(x => chunk.Contains(x.EventId)).ToListAsync(ct));
        }
        var keys = events.SelectMany(e => new[] { e.BizLocation }).OfType<string>().ToHashSet();
        var parsed = events.ToDictionary(e => e.Id, e => JsonNode.Parse(e.Json) as JsonObject);
        foreach (var json in parsed.Values)
        {
            foreach (var (list, field) in new[] { ("sourceList", "source"), ("destinationList", "destination") })
            {
                foreach (var entry in (json?[list] as JsonArray ?? []).OfType<JsonObject>())
                {
                    if (entry[field]?.ToString() is { Length: > 0 } value) { keys.Add(TraceKey.Of(value)); }
                }
            }
        }
        var names = await db.TraceParties.Where(p => keys.Contains(p.Key) && p.Status == TraceClaimStatus.Confirmed)
            .Join(db.Businesses, p => p.BusinessId, b => b.Id, (p, b) => new { p.Key, b.Name }).ToDictionaryAsync(p => p.Key, p => p.Name, ct);
        string Label(string? key) => key is null ? "" : names.TryGetValue(key, out var n) ? $"{n} ({key})" : key;
        string Parties(JsonObject? json, string list, string field) => string.Join("; ",
            (json?[list] as JsonArray ?? []).OfType<JsonObject>().Select(x => x[field]?.ToString()).OfType<string>().Select(v => Label(TraceKey.Of(v))));

        var rows = new List<FsmaRow>();
        foreach (var e in events)
        {
            if (EventType(e.Type, e.BizStep) is not { } type)
            {
                continue;
            }
            var json = parsed[e.Id];
            var date = (e.EventTime + Offset(e.Offset)).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " " + e.Offset;
            var reference = string.Join("; ", (json?["bizTransactionList"] as JsonArray ?? []).OfType<JsonObject>()
                .Select(x => (x["type"]?.ToString() is { } t ? t + ": " : "") + x["bizTransaction"]));
            var location = Label(e.BizLocation);
            var named = epcs.Where(x => x.EventId == e.Id && (e.Type != EpcisEventType.TransformationEvent || x.Role == EpcRole.Output || x.Role == EpcRole.Input)).ToList();
            var withQuantity = named.Where(x => x.Quantity is not null).ToList();
            foreach (var x in withQuantity.Count > 0 ? withQuantity : named)
            {
                var lotCode = TraceKey.TryLot(x.Key, out _, out var lot) ? lot : x.Key;
                var product = x.Key.StartsWith("01/", StringComparison.Ordinal) ? "GTIN " + x.Key.Split('/')[1] : x.Key;
                // The lot code is assigned where the lot is made: the transformation's outputs, the initial packing.
                var source = (e.Type == EpcisEventType.TransformationEvent && x.Role == EpcRole.Output) || type.StartsWith("Initial", StringComparison.Ordinal) || type.StartsWith("Harvest", StringComparison.Ordinal) ? location : "";
                var cte = e.Type == EpcisEventType.TransformationEvent ? (x.Role == EpcRole.Input ? "Transformation (input) 转化投入" : "Transformation (output) 转化产出") : type;
                rows.Add(new FsmaRow(lotCode, product, x.Quantity, x.Uom, location, date, cte, source, reference,
                    Parties(json, "sourceList", "source"), Parties(json, "destinationList", "destination"), e.EventId));
            }
        }
        return rows;
    }

    private static TimeSpan Offset(string offset) =>
        TimeSpan.TryParseExact(offset.TrimStart('+', '-'), @"hh\:mm", CultureInfo.InvariantCulture, out var span) ? (offset.StartsWith('-') ? -span : span) : TimeSpan.Zero;

    /// <summary>The FSMA 204 critical tracking event of an EPCIS event, or null when it is none.</summary>
    public static string? EventType(EpcisEventType type, string? bizStep) => (type, bizStep) switch
    {
        (EpcisEventType.TransformationEvent, _) => "Transformation 转化",
        (_, "shipping") => "Shipping 发货",
        (_, "receiving") => "Receiving 收货",
        (_, { } step) when step.Contains("harvest", StringComparison.OrdinalIgnoreCase) => "Harvesting 收获",
        (_, { } step) when step.Contains("cool", StringComparison.OrdinalIgnoreCase) => "Cooling 冷却",
        (EpcisEventType.ObjectEvent or EpcisEventType.AggregationEvent, "commissioning" or "packing") => "Initial packing 初次包装",
        _ => null,
    };

    /// <summary>
    /// An EPCIS 2.0 JSON-LD document of the events, each as captured with its recordTime written back, under the standard
    /// context plus the namespaces the capturing documents declared.
    /// </summary>
    public static async Task<string> EpcisDocumentAsync(ShianDb db, IEnumerable<Guid> eventIds, DateTime now, CancellationToken ct = default)
    {
        var events = await EventsAsync(db, eventIds, ct);
        var jobIds = events.Select(e => e.CaptureJobId).Distinct().ToList();
        var contexts = await db.CaptureJobs.Where(j => jobIds.Contains(j.Id)).Select(j => j.ContextJson).ToListAsync(ct);
        var context = new JsonArray(StandardContext);
        var seen = new HashSet<string>(StringComparer.Ordinal) { JsonValue.Create(StandardContext).ToJsonString() };
        foreach (var text in contexts.Where(c => !string.IsNullOrWhiteSpace(c)))
        {
            var node = JsonNode.Parse(text);
            foreach (var item in node is JsonArray array ? array.ToList() : [node])
            {
                if (item is not null && seen.Add(item.ToJsonString()))
                {
                    context.Add(item.DeepClone());
                }
            }
        }
        var list = new JsonArray();
        foreach (var e in events)
        {
            var node = JsonNode.Parse(e.Json)!.AsObject();
            node["recordTime"] = e.RecordTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
            list.Add(node);
        }
        var document = new JsonObject
        {
            ["@context"] = context,
            ["type"] = "EPCISDocument",
            ["schemaVersion"] = "2.0",
            ["creationDate"] = now.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
            ["epcisBody"] = new JsonObject { ["eventList"] = list },
        };
        return document.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }
}
