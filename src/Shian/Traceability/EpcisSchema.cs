using System.Text;
using System.Text.Json;
using Json.Schema;

namespace Shian.Traceability;

/// <summary>
/// The GS1 EPCIS 2.0 JSON schema (embedded as <c>epcis/EPCIS-JSON-Schema.json</c>), built once and shared: building it
/// is the expensive part, evaluating a document against the built schema is not.
/// </summary>
public static class EpcisSchema
{
    /// <summary>At most this many schema errors are reported for one document.</summary>
    public const int MaxErrors = 100;

    private static readonly Lazy<(JsonSchema Document, JsonSchema Event)> Schemas = new(Build, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Events per parallel work item: large enough that scheduling costs nothing next to evaluation.</summary>
    private const int EventsPerChunk = 64;

    private static readonly EvaluationOptions Options = new()
    {
        // Flag answers valid/invalid and stops at the first failure: the fast path taken for every valid document.
        OutputFormat = OutputFormat.Flag,
        // eventTime and the URIs are checked, not just annotated (draft-07 leaves format assertion optional).
        RequireFormatValidation = true,
    };

    private static readonly EvaluationOptions Detailed = new()
    {
        // Hierarchical, so that a failed alternative under a part that passed (an anyOf branch of a valid event) is not
        // reported: only failures along invalid paths are.
        OutputFormat = OutputFormat.Hierarchical,
        RequireFormatValidation = true,
    };

    private static (JsonSchema, JsonSchema) Build()
    {
        using var stream = typeof(EpcisSchema).Assembly.GetManifestResourceStream("epcis/EPCIS-JSON-Schema.json")
            ?? throw new InvalidOperationException("The embedded EPCIS JSON schema is missing.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        // Its own registry, so that the schema's $id does not clash with another copy built elsewhere in the process.
        var options = new BuildOptions { SchemaRegistry = new SchemaRegistry() };
        var document = JsonSchema.FromText(reader.ReadToEnd(), options);
        // What the document schema applies to each member of eventList, on its own, so that events can be checked in parallel.
        var item = JsonSchema.FromText("""{"$ref": "https://gs1.github.io/EPCIS/EPCIS-JSON-Schema.json#/definitions/EPCIS-Document-Event"}""", options);
        return (document, item);
    }

    /// <summary>Builds the schema now (at start-up or before a benchmark) instead of on the first capture.</summary>
    public static void Warm() => _ = Schemas.Value;

    /// <summary>
    /// The fast answer for a valid EPCISDocument. The schema constrains eventList only through its items
    /// (<c>EPCIS-Document-Event</c>), so the document is valid exactly when its envelope with an empty event list is, and
    /// every event is: the events are evaluated on all cores, in chunks.
    /// </summary>
    private static bool IsValidDocument(JsonElement document)
    {
        var (documentSchema, eventSchema) = Schemas.Value;
        if (!document.TryGetProperty("epcisBody", out var body) || body.ValueKind != JsonValueKind.Object
            || !body.TryGetProperty("eventList", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            return documentSchema.Evaluate(document, Options).IsValid;
        }
        var envelope = System.Text.Json.Nodes.JsonNode.Parse(document.GetRawText())!;
        envelope["epcisBody"]!["eventList"] = new System.Text.Json.Nodes.JsonArray();
        if (!documentSchema.Evaluate(JsonSerializer.SerializeToElement(envelope), Options).IsValid)
        {
            return false;
        }
        var events = list.EnumerateArray().ToArray();
        var valid = true;
        Parallel.For(0, (events.Length + EventsPerChunk - 1) / EventsPerChunk, (chunk, state) =>
        {
            for (var i = chunk * EventsPerChunk; i < Math.Min(events.Length, (chunk + 1) * EventsPerChunk); i++)
            {
                if (!eventSchema.Evaluate(events[i], Options).IsValid)
                {
                    valid = false;
                    state.Stop();
                    return;
                }
            }
        });
        return valid;
    }

    /// <summary>
    /// Checks a document against the schema. A valid document costs one flag evaluation; an invalid one is evaluated
    /// again with the list output to say where, in the same <c>$.a.b[2]</c> paths the reader uses.
    /// </summary>
    public static IReadOnlyList<EpcisError> Validate(JsonElement document)
    {
        if (IsValidDocument(document))
        {
            return [];
        }
        var results = Schemas.Value.Document.Evaluate(document, Detailed);
        var errors = new List<EpcisError>();
        var seen = new HashSet<(string, string)>();
        foreach (var node in Flatten(results))
        {
            if (node.IsValid || node.Errors is not { Count: > 0 } messages)
            {
                continue;
            }
            var path = ToPath(node.InstanceLocation.ToString());
            foreach (var (keyword, message) in messages)
            {
                // An if/then or allOf that failed only because a branch below it failed adds nothing the branch did not say.
                if (keyword is "$ref" or "allOf" or "anyOf" or "if" or "then" or "else")
                {
                    continue;
                }
                if (seen.Add((path, message)) && errors.Count < MaxErrors)
                {
                    errors.Add(new(path, $"不符合 EPCIS 2.0 JSON 模式（{keyword}）/ Does not conform to the EPCIS 2.0 JSON schema ({keyword}): {message}"));
                }
            }
        }
        if (errors.Count == 0)
        {
            errors.Add(new("$", "不符合 EPCIS 2.0 JSON 模式 / The document does not conform to the EPCIS 2.0 JSON schema."));
        }
        // The deepest (most specific) first, so that the event field is named before the document that holds it.
        return errors.OrderByDescending(e => e.Path.Length).ThenBy(e => e.Path, StringComparer.Ordinal).ToList();
    }

    /// <summary>The invalid nodes, parents before children; the subtree of a valid node is never entered.</summary>
    private static IEnumerable<EvaluationResults> Flatten(EvaluationResults root)
    {
        var stack = new Stack<EvaluationResults>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            if (node.IsValid)
            {
                continue;
            }
            yield return node;
            if (node.Details is { } details)
            {
                for (var i = details.Count - 1; i >= 0; i--)
                {
                    stack.Push(details[i]);
                }
            }
        }
    }

    /// <summary>
    /// A JSON pointer (<c>/epcisBody/eventList/2/eventTime</c>) as the JSON path the API reports
    /// (<c>$.epcisBody.eventList[2].eventTime</c>); names that are not plain identifiers are bracketed (<c>$['@context']</c>).
    /// </summary>
    public static string ToPath(string pointer)
    {
        var path = new StringBuilder("$");
        if (pointer.Length == 0 || pointer == "#")
        {
            return "$";
        }
        var trimmed = pointer.StartsWith('#') ? pointer[1..] : pointer;
        foreach (var raw in trimmed.Split('/').Skip(1))
        {
            var segment = Uri.UnescapeDataString(raw).Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            if (segment.Length > 0 && segment.All(char.IsAsciiDigit))
            {
                path.Append('[').Append(segment).Append(']');
            }
            else if (segment.Length > 0 && (char.IsAsciiLetter(segment[0]) || segment[0] == '_') && segment.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
            {
                path.Append('.').Append(segment);
            }
            else
            {
                path.Append("['").Append(segment.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal)).Append("']");
            }
        }
        return path.ToString();
    }
}
