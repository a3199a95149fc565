using System.Globalization;
using System.Text;
using System.Text.Json;
using Shian.Common;

namespace Shian.Traceability;

public sealed record EpcisReadResult(IReadOnlyList<EpcisEvent> Events, IReadOnlyList<EpcisError> Errors, string ContextJson)
{
    public bool IsValid => Errors.Count == 0;
}

/// <summary>
/// Turns an EPCIS 2.0 JSON-LD document into unsaved events with their identifier index, checking what the JSON schema
/// cannot say (timestamps that parse, actions and CBV vocabulary). Errors name the JSON path of the offending value.
/// Both an EPCISDocument and an EPCISQueryDocument are read, so that query results from another repository can be
/// captured as they are.
/// </summary>
public static class EpcisDocumentReader
{
    private const int MaxErrors = 100;

    /// <summary>CBV 2.0 business steps (https://ref.gs1.org/cbv/BizStep), stored by short name.</summary>
    public static readonly IReadOnlySet<string> BizSteps = new HashSet<string>(StringComparer.Ordinal)
    {
        "accepting", "arriving", "assembling", "collecting", "commissioning", "consigning", "creating_class_instance",
        "cycle_counting", "decommissioning", "departing", "destroying", "disassembling", "dispensing", "encoding",
        "entering_exiting", "holding", "inspecting", "installing", "killing", "loading", "other", "packing", "picking",
        "receiving", "removing", "repackaging", "repairing", "replacing", "reserving", "retail_selling", "sampling",
        "sensor_reporting", "shipping", "staging_outbound", "stock_taking", "stocking", "storing", "transporting",
        "unloading", "unpacking", "void_shipping",
    };

    /// <summary>CBV 2.0 dispositions (https://ref.gs1.org/cbv/Disp).</summary>
    public static readonly IReadOnlySet<string> Dispositions = new HashSet<string>(StringComparer.Ordinal)
    {
        "active", "available", "completeness_inferred", "completeness_verified", "conformant", "container_closed",
        "container_open", "damaged", "destroyed", "dispensed", "disposed", "encoded", "expired", "in_progress",
        "in_transit", "inactive", "mismatch_instance", "mismatch_class", "mismatch_quantity", "needs_replacement",
        "no_pedigree_match", "non_conformant", "non_sellable_other", "partially_dispensed", "recalled", "reserved",
        "retail_sold", "returned", "sellable_accessible", "sellable_not_accessible", "stolen", "unavailable", "unknown",
    };

    private static readonly string[] Actions = ["ADD", "OBSERVE", "DELETE"];

    /// <summary>Options for parsing a document: deep enough for any EPCIS event, bounded against hostile nesting.</summary>
    public static readonly JsonDocumentOptions ParseOptions = new() { MaxDepth = 64 };

    /// <summary>The error for a body that is not JSON at all, with the line the parser stopped at.</summary>
    public static EpcisError NotJson(JsonException e) =>
        new("$", new Problem("Epcis.NotJson", e.LineNumber + 1, e.Message));

    public static EpcisReadResult Read(string json)
    {
        JsonDocument parsed;
        try
        {
            parsed = JsonDocument.Parse(json, ParseOptions);
        }
        catch (JsonException e)
        {
            return new([], [NotJson(e)], "");
        }
        using (parsed)
        {
            return Read(parsed.RootElement);
        }
    }

    /// <summary>Events per parallel work item: large enough that scheduling costs nothing next to reading them.</summary>
    private const int EventsPerChunk = 128;

    /// <summary>Reads an already parsed document (capture parses once, for the schema and for this).</summary>
    public static EpcisReadResult Read(JsonElement document)
    {
        var errors = new List<EpcisError>();
        if (document.ValueKind != JsonValueKind.Object)
        {
            return new([], [new("$", new Problem("Epcis.NotObject"))], "");
        }
        var hasContext = document.TryGetProperty("@context", out var context);
        if (!hasContext)
        {
            errors.Add(new("$['@context']", new Problem("Epcis.NoContext")));
        }
        var type = Text(document, "type");
        var (eventList, listPath) = type switch
        {
            "EPCISDocument" => (Child(document, "epcisBody", "eventList"), "$.epcisBody.eventList"),
            "EPCISQueryDocument" => (Child(document, "epcisBody", "queryResults", "resultsBody", "eventList"), "$.epcisBody.queryResults.resultsBody.eventList"),
            _ => (null, "$.type"),
        };
        if (type is not ("EPCISDocument" or "EPCISQueryDocument"))
        {
            errors.Add(new("$.type", new Problem("Epcis.NotEpcisDocument")));
            return new([], errors, "");
        }
        if (eventList is not { ValueKind: JsonValueKind.Array } events)
        {
            errors.Add(new(listPath, new Problem("Epcis.NoEventList")));
            return new([], errors, "");
        }

        // Events are read on all cores, each chunk with its own error list; the lists are joined in document order.
        var nodes = events.EnumerateArray().ToArray();
        // Row ids in document order (time-ordered), drawn before the parallel readers; an event without an eventID gets its row id's URN.
        var eventIds = TimeOrderedIds.Next(nodes.Length);
        var chunks = new (List<EpcisEvent> Read, List<EpcisError> Errors)[(nodes.Length + EventsPerChunk - 1) / EventsPerChunk];
        Parallel.For(0, chunks.Length, chunk =>
        {
            var (read, chunkErrors) = (new List<EpcisEvent>(EventsPerChunk), new List<EpcisError>());
            for (var i = chunk * EventsPerChunk; i < Math.Min(nodes.Length, (chunk + 1) * EventsPerChunk) && chunkErrors.Count < MaxErrors; i++)
            {
                var path = $"{listPath}[{i}]";
                if (nodes[i].ValueKind != JsonValueKind.Object)
                {
                    chunkErrors.Add(new(path, new Problem("Epcis.EventNotObject")));
                    continue;
                }
                if (ReadEvent(nodes[i], eventIds[i], path, chunkErrors) is { } captured)
                {
                    read.Add(captured);
                }
            }
            chunks[chunk] = (read, chunkErrors);
        });
        errors.AddRange(chunks.SelectMany(c => c.Errors).Take(MaxErrors - errors.Count));
        var all = chunks.SelectMany(c => c.Read).ToList();
        var ids = TimeOrderedIds.Next(all.Sum(e => e.Epcs.Count));
        var next = 0;
        foreach (var e in all)
        {
            foreach (var epc in e.Epcs)
            {
                epc.Id = ids[next++];
                epc.EventId = e.Id;
            }
        }
        return new(errors.Count == 0 ? all : [], errors, hasContext ? context.GetRawText() : "");
    }

    /// <summary>The element at a path of object members, or null when any step is missing or not an object.</summary>
    private static JsonElement? Child(JsonElement node, params ReadOnlySpan<string> names)
    {
        foreach (var name in names)
        {
            if (node.ValueKind != JsonValueKind.Object || !node.TryGetProperty(name, out node))
            {
                return null;
            }
        }
        return node;
    }

    private static bool Has(JsonElement node, string name, out JsonElement value) => node.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null;

    private static EpcisEvent? ReadEvent(JsonElement node, Guid id, string path, List<EpcisError> errors)
    {
        var before = errors.Count;
        var typeName = Text(node, "type");
        if (!Enum.TryParse<EpcisEventType>(typeName, ignoreCase: false, out var type) || !Enum.IsDefined(type) || typeName!.All(char.IsDigit))
        {
            errors.Add(new($"{path}.type", new Problem("Epcis.UnknownEventType", typeName, string.Join(", ", Enum.GetNames<EpcisEventType>()))));
            return null;
        }

        var eventTime = Timestamp(node, "eventTime", path, errors, required: true);
        var offset = Text(node, "eventTimeZoneOffset");
        if (offset is null || offset.Length != 6 || offset[0] is not ('+' or '-') || offset[3] != ':'
            || !int.TryParse(offset.AsSpan(1, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var hours) || hours > 14
            || !int.TryParse(offset.AsSpan(4, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var minutes) || minutes > 59)
        {
            errors.Add(new($"{path}.eventTimeZoneOffset", new Problem("Epcis.TimeZoneOffset", offset)));
        }

        var action = Text(node, "action");
        if (type == EpcisEventType.TransformationEvent)
        {
            if (action is not null)
            {
                errors.Add(new($"{path}.action", new Problem("Epcis.TransformationAction")));
            }
        }
        else if (action is null)
        {
            errors.Add(new($"{path}.action", new Problem("Epcis.ActionRequired")));
        }
        else if (!Actions.Contains(action))
        {
            errors.Add(new($"{path}.action", new Problem("Epcis.UnknownAction", action)));
        }

        var bizStep = Vocabulary(node, "bizStep", "BizStep", BizSteps, path, errors);
        var disposition = Vocabulary(node, "disposition", "Disp", Dispositions, path, errors);
        if (node.TryGetProperty("persistentDisposition", out var persistent) && persistent.ValueKind == JsonValueKind.Object)
        {
            foreach (var list in new[] { "set", "unset" })
            {
                if (persistent.TryGetProperty(list, out var values) && values.ValueKind == JsonValueKind.Array)
                {
                    var j = 0;
                    foreach (var value in values.EnumerateArray())
                    {
                        CheckVocabulary(value.ValueKind == JsonValueKind.String ? value.GetString() : null, "Disp", Dispositions, $"{path}.persistentDisposition.{list}[{j++}]", errors);
                    }
                }
            }
        }

        var epcs = new List<EpcisEventEpc>();
        switch (type)
        {
            case EpcisEventType.ObjectEvent:
                Identifiers(node, "epcList", "quantityList", EpcRole.Epc, path, epcs, errors);
                break;
            case EpcisEventType.TransactionEvent:
                Parent(node, path, epcs, errors);
                Identifiers(node, "epcList", "quantityList", EpcRole.Epc, path, epcs, errors);
                break;
            case EpcisEventType.AggregationEvent or EpcisEventType.AssociationEvent:
                Parent(node, path, epcs, errors);
                Identifiers(node, "childEPCs", "childQuantityList", EpcRole.Child, path, epcs, errors);
                break;
            case EpcisEventType.TransformationEvent:
                Identifiers(node, "inputEPCList", "inputQuantityList", EpcRole.Input, path, epcs, errors);
                Identifiers(node, "outputEPCList", "outputQuantityList", EpcRole.Output, path, epcs, errors);
                break;
        }

        if (errors.Count > before)
        {
            return null;
        }

        var eventId = Text(node, "eventID");
        var assignId = string.IsNullOrWhiteSpace(eventId);
        if (assignId)
        {
            eventId = $"urn:uuid:{id}";
        }
        return new EpcisEvent
        {
            Id = id,
            EventId = eventId!,
            Type = type,
            EventTime = eventTime!.Value.UtcDateTime,
            EventTimeZoneOffset = offset!,
            Action = action,
            BizStep = bizStep,
            Disposition = disposition,
            ReadPoint = Child(node, "readPoint", "id") is { ValueKind: not (JsonValueKind.Object or JsonValueKind.Array or JsonValueKind.Null) } readPoint ? TraceKey.Of(Scalar(readPoint)) : null,
            BizLocation = Child(node, "bizLocation", "id") is { ValueKind: not (JsonValueKind.Object or JsonValueKind.Array or JsonValueKind.Null) } bizLocation ? TraceKey.Of(Scalar(bizLocation)) : null,
            IsErrorDeclaration = node.TryGetProperty("errorDeclaration", out var declaration) && declaration.ValueKind == JsonValueKind.Object,
            Json = Stored(node, assignId ? eventId : null),
            Epcs = epcs,
        };
    }

    /// <summary>A scalar as text: a string's value, a number or literal as written.</summary>
    private static string Scalar(JsonElement value) => value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();

    /// <summary>
    /// The event as stored: as captured, compact, with the assigned eventID when the capturer gave none, and without
    /// recordTime, which is the repository's (the stored column is the truth and queries write it back).
    /// </summary>
    private static string Stored(JsonElement node, string? assignedEventId)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true }))
        {
            writer.WriteStartObject();
            foreach (var property in node.EnumerateObject())
            {
                if (property.NameEquals("recordTime") || (assignedEventId is not null && property.NameEquals("eventID")))
                {
                    continue;
                }
                property.WriteTo(writer);
            }
            if (assignedEventId is not null)
            {
                writer.WriteString("eventID", assignedEventId);
            }
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static string? Text(JsonElement node, string name) =>
        node.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>An RFC 3339 timestamp with a zone (the schema's date-time): a local time without offset is ambiguous.</summary>
    private static DateTimeOffset? Timestamp(JsonElement node, string name, string path, List<EpcisError> errors, bool required)
    {
        var text = Text(node, name);
        if (text is null)
        {
            if (required)
            {
                errors.Add(new($"{path}.{name}", new Problem("Epcis.Required", name)));
            }
            return null;
        }
        var hasZone = text.EndsWith('Z') || text.EndsWith('z') || (text.Length > 6 && text[^6] is '+' or '-' && text[^3] == ':');
        if (!hasZone || text.Length < 20 || text[10] is not ('T' or 't')
            || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            errors.Add(new($"{path}.{name}", new Problem("Epcis.NotDateTime", name, text)));
            return null;
        }
        return parsed;
    }

    private static string? Vocabulary(JsonElement node, string name, string cbvType, IReadOnlySet<string> known, string path, List<EpcisError> errors)
    {
        if (!Has(node, name, out _))
        {
            return null;
        }
        var text = Text(node, name);
        return CheckVocabulary(text, cbvType, known, $"{path}.{name}", errors);
    }

    /// <summary>
    /// A CBV value may be written bare (<c>shipping</c>), as a GS1 web URI or as the EPCIS 1.x URN; anything else must be a
    /// URI of the capturer's own namespace. A bare word the CBV does not define is an error: it would mean nothing to
    /// other systems.
    /// </summary>
    private static string? CheckVocabulary(string? text, string cbvType, IReadOnlySet<string> known, string path, List<EpcisError> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add(new(path, new Problem("Epcis.EmptyValue")));
            return null;
        }
        var webPrefix = $"https://ref.gs1.org/cbv/{cbvType}-";
        var urnPrefix = cbvType == "BizStep" ? "urn:epcglobal:cbv:bizstep:" : "urn:epcglobal:cbv:disp:";
        var shortName = text.StartsWith(webPrefix, StringComparison.Ordinal) ? text[webPrefix.Length..]
            : text.StartsWith(urnPrefix, StringComparison.Ordinal) ? text[urnPrefix.Length..]
            : text;
        if (known.Contains(shortName))
        {
            return shortName;
        }
        if (shortName != text || !text.Contains(':'))
        {
            errors.Add(new(path, new Problem("Epcis.NotCbv", text)));
            return null;
        }
        return text;
    }

    private static void Parent(JsonElement node, string path, List<EpcisEventEpc> epcs, List<EpcisError> errors)
    {
        if (!Has(node, "parentID", out _))
        {
            return;
        }
        if (Text(node, "parentID") is { Length: > 0 } parent)
        {
            epcs.Add(new EpcisEventEpc { Role = EpcRole.Parent, Key = TraceKey.Of(parent) });
        }
        else
        {
            errors.Add(new($"{path}.parentID", new Problem("Epcis.NotUri", "parentID")));
        }
    }

    private static void Identifiers(JsonElement node, string listName, string quantityListName, EpcRole role, string path, List<EpcisEventEpc> epcs, List<EpcisError> errors)
    {
        if (node.TryGetProperty(listName, out var list) && list.ValueKind == JsonValueKind.Array)
        {
            var i = 0;
            foreach (var value in list.EnumerateArray())
            {
                if (value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } epc)
                {
                    epcs.Add(new EpcisEventEpc { Role = role, Key = TraceKey.Of(epc) });
                }
                else
                {
                    errors.Add(new($"{path}.{listName}[{i}]", new Problem("Epcis.IdentifierNotUri")));
                }
                i++;
            }
        }
        if (node.TryGetProperty(quantityListName, out var quantities) && quantities.ValueKind == JsonValueKind.Array)
        {
            var i = -1;
            foreach (var item in quantities.EnumerateArray())
            {
                var itemPath = $"{path}.{quantityListName}[{++i}]";
                if (item.ValueKind != JsonValueKind.Object || Text(item, "epcClass") is not { Length: > 0 } epcClass)
                {
                    errors.Add(new($"{itemPath}.epcClass", new Problem("Epcis.Required", "epcClass")));
                    continue;
                }
                decimal? quantity = null;
                if (Has(item, "quantity", out var q))
                {
                    if (q.ValueKind == JsonValueKind.Number && q.TryGetDecimal(out var number) && number >= 0)
                    {
                        quantity = number;
                    }
                    else
                    {
                        errors.Add(new($"{itemPath}.quantity", new Problem("Epcis.NegativeQuantity")));
                        continue;
                    }
                }
                epcs.Add(new EpcisEventEpc { Role = role, Key = TraceKey.Of(epcClass), Quantity = quantity, Uom = Text(item, "uom") });
            }
        }
    }
}
