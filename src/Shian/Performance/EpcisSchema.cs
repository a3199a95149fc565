using System.Text;
using System.Text.Json;
using Json.Schema;
using Shian.Common;
using Shian.Traceability;

namespace Shian.Performance;

/// <summary>
/// The GS1 EPCIS 2.0 JSON schema (embedded as <c>epcis/EPCIS-JSON-Schema.json</c>), built once and shared, twice over:
/// compiled into <see cref="CompiledSchema"/> for the fast valid-or-not answer every capture needs, and with JsonSchema.Net
/// (pinned) for the reference evaluation that names the errors of a document the fast check refuses.
/// </summary>
public static class EpcisSchema
{
    /// <summary>At most this many schema errors are reported for one document.</summary>
    public const int MaxErrors = 100;

    private static readonly Lazy<(JsonSchema Library, CompiledSchema Compiled)> Schemas = new(Build, LazyThreadSafetyMode.ExecutionAndPublication);

    private static readonly EvaluationOptions Detailed = new()
    {
        // Hierarchical, so that a failed alternative under a part that passed (an anyOf branch of a valid event) is not
        // reported: only failures along invalid paths are.
        OutputFormat = OutputFormat.Hierarchical,
        // eventTime and the URIs are checked, not just annotated (draft-07 leaves format assertion optional).
        RequireFormatValidation = true,
    };

    private static (JsonSchema, CompiledSchema) Build()
    {
        using var stream = typeof(EpcisSchema).Assembly.GetManifestResourceStream("epcis/EPCIS-JSON-Schema.json")
            ?? throw new InvalidOperationException("The embedded EPCIS JSON schema is missing.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var text = reader.ReadToEnd();
        // Its own registry, so that the schema's $id does not clash with another copy built elsewhere in the process.
        var library = JsonSchema.FromText(text, new BuildOptions { SchemaRegistry = new SchemaRegistry() });
        using var parsed = JsonDocument.Parse(text);
        return (library, CompiledSchema.Compile(parsed.RootElement));
    }

    /// <summary>Builds the schema now (at start-up or before a benchmark) instead of on the first capture.</summary>
    public static void Warm() => _ = Schemas.Value;

    /// <summary>Whether JsonSchema.Net itself finds the document valid (the reference the compiled check is tested against).</summary>
    public static bool IsValidByLibrary(JsonElement document) =>
        Schemas.Value.Library.Evaluate(document, new EvaluationOptions { OutputFormat = OutputFormat.Flag, RequireFormatValidation = true }).IsValid;

    /// <summary>Whether the compiled check finds the document valid (the fast path of <see cref="Validate"/>).</summary>
    public static bool IsValidByCompiled(JsonElement document) => Schemas.Value.Compiled.IsValid(document);

    /// <summary>
    /// Checks a document against the schema. A valid document costs one pass of the compiled check; one it refuses is
    /// evaluated by JsonSchema.Net with the detailed output, which says where, in the same <c>$.a.b[2]</c> paths the
    /// reader uses, and has the last word. Without <paramref name="compiled"/> (<see cref="PerformanceSettings.FastPaths"/>
    /// off) JsonSchema.Net alone decides: its quick valid-or-not evaluation first, the detailed one for a refusal.
    /// </summary>
    public static IReadOnlyList<EpcisError> Validate(JsonElement document, bool compiled = true)
    {
        if (compiled ? IsValidByCompiled(document) : IsValidByLibrary(document))
        {
            return [];
        }
        var results = Schemas.Value.Library.Evaluate(document, Detailed);
        if (results.IsValid)
        {
            return [];
        }
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
                    errors.Add(new(path, new Problem("Epcis.Schema", keyword, message)));
                }
            }
        }
        if (errors.Count == 0)
        {
            errors.Add(new("$", new Problem("Epcis.SchemaInvalid")));
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
