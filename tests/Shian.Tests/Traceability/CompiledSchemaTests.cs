using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using Shian.Performance;
using Shian.Traceability;

namespace Shian.Tests.Traceability;

/// <summary>
/// The compiled schema decides which documents are accepted without JsonSchema.Net looking at them, so it must agree
/// with JsonSchema.Net: on every GS1 example, on thousands of mutations of them (fields removed, retyped, renamed,
/// vocabulary values bent), and keyword by keyword on small schemas.
/// </summary>
public sealed class CompiledSchemaTests
{
    private static readonly string[] Examples = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "epcis"), "*.jsonld").Order().ToArray();

    [Fact]
    public void Agrees_with_JsonSchema_Net_on_every_example()
    {
        Assert.NotEmpty(Examples);
        foreach (var file in Examples)
        {
            using var document = JsonDocument.Parse(File.ReadAllText(file));
            Assert.True(EpcisSchema.IsValidByLibrary(document.RootElement), file);
            Assert.True(EpcisSchema.IsValidByCompiled(document.RootElement), file);
        }
    }

    [Fact]
    public void Agrees_with_JsonSchema_Net_on_mutated_examples()
    {
        var random = new Random(20261129);
        var (valid, invalid) = (0, 0);
        foreach (var file in Examples)
        {
            var original = JsonNode.Parse(File.ReadAllText(file))!;
            for (var i = 0; i < 150; i++)
            {
                var mutant = original.DeepClone();
                var what = Mutate(mutant, random);
                using var document = JsonDocument.Parse(mutant.ToJsonString());
                var expected = EpcisSchema.IsValidByLibrary(document.RootElement);
                Assert.True(expected == EpcisSchema.IsValidByCompiled(document.RootElement),
                    $"{Path.GetFileName(file)}, mutation {i} ({what}): JsonSchema.Net says {(expected ? "valid" : "invalid")}");
                if (expected)
                {
                    valid++;
                }
                else
                {
                    invalid++;
                }
            }
        }
        // Both answers must be well represented, or the comparison proves little.
        Assert.True(valid > 300 && invalid > 300, $"{valid} valid and {invalid} invalid mutants");
    }

    [Theory]
    [InlineData("""{"type": "integer"}""", """[1, 1.0, 1.5, "1", null]""")]
    [InlineData("""{"type": ["string", "null"], "minLength": 2, "maxLength": 3}""", """["a", "ab", "abcd", "😀😀", null, 5]""")]
    [InlineData("""{"enum": [1, "a", {"x": [1, 2]}]}""", """[1, 1.0, "a", "b", {"x": [1, 2]}, {"x": [2, 1]}]""")]
    [InlineData("""{"const": {"a": 1, "b": 2}}""", """[{"b": 2, "a": 1}, {"a": 1}]""")]
    [InlineData("""{"uniqueItems": true}""", """[[1, 2], [1, 1.0], ["a", "a"], [{"a": 1, "b": 2}, {"b": 2, "a": 1}], []]""")]
    [InlineData("""{"items": [{"type": "string"}], "additionalItems": false}""", """[["a"], ["a", "b"], [1], []]""")]
    [InlineData("""{"items": {"type": "string"}, "minItems": 1, "maxItems": 2}""", """[[], ["a"], ["a", 1], ["a", "b", "c"], "x"]""")]
    [InlineData("""{"properties": {"a": {"type": "string"}}, "patternProperties": {"^x-": {"type": "number"}}, "additionalProperties": false}""",
        """[{"a": "s"}, {"a": 1}, {"x-1": 2}, {"x-1": "2"}, {"b": 1}, []]""")]
    [InlineData("""{"required": ["a"], "propertyNames": {"pattern": "^[a-z]+$"}}""", """[{"a": 1}, {"b": 1}, {"a": 1, "B": 2}, 3]""")]
    [InlineData("""{"oneOf": [{"type": "string"}, {"minLength": 3}]}""", """["ab", "abc", 5]""")]
    [InlineData("""{"if": {"properties": {"t": {"const": "x"}}}, "then": {"required": ["y"]}, "else": {"required": ["z"]}}""",
        """[{"t": "x", "y": 1}, {"t": "x", "z": 1}, {"t": "q", "z": 1}, {"t": "q"}]""")]
    [InlineData("""{"not": {"anyOf": [{"type": "number"}, {"allOf": [{"type": "string"}, {"pattern": "^(?!urn:)"}]}]}}""", """[1, "urn:x", "http:x", true]""")]
    [InlineData("""{"format": "date-time"}""", """["2026-11-29T08:00:00+08:00", "2026-11-29T08:00:00", "2026-13-29T08:00:00Z", "x", 5]""")]
    [InlineData("""{"format": "uri"}""", """["urn:epc:id:sgtin:0614141.107346.2017", "https://id.gs1.org/01/09521234543213", "not a uri", "/relative"]""")]
    [InlineData("""{"definitions": {"node": {"type": "object", "properties": {"next": {"$ref": "#/definitions/node"}}, "additionalProperties": false}}, "$ref": "#/definitions/node"}""",
        """[{}, {"next": {"next": {}}}, {"next": {"next": {"other": 1}}}]""")]
    public void Each_keyword_agrees_with_JsonSchema_Net(string schemaJson, string instancesJson)
    {
        using var schemaDocument = JsonDocument.Parse(schemaJson);
        var compiled = CompiledSchema.Compile(schemaDocument.RootElement);
        // The draft the GS1 schema is written in (JsonSchema.Net assumes the newest one otherwise).
        var draft07 = """{"$schema": "http://json-schema.org/draft-07/schema#", """ + schemaJson.TrimStart()[1..];
        var library = JsonSchema.FromText(draft07, new BuildOptions { SchemaRegistry = new SchemaRegistry() });
        var options = new EvaluationOptions { OutputFormat = OutputFormat.Flag, RequireFormatValidation = true };
        using var instances = JsonDocument.Parse(instancesJson);
        var answers = new List<bool>();
        foreach (var instance in instances.RootElement.EnumerateArray())
        {
            var expected = library.Evaluate(instance, options).IsValid;
            Assert.True(expected == compiled.IsValid(instance), $"{instance.GetRawText()} against {schemaJson}: JsonSchema.Net says {expected}");
            answers.Add(expected);
        }
        Assert.Contains(true, answers);
        Assert.Contains(false, answers);
    }

    [Fact]
    public void A_keyword_it_does_not_know_is_refused_when_compiling_not_ignored()
    {
        using var schema = JsonDocument.Parse("""{"properties": {"a": {"multipleOf": 3}}}""");
        var error = Assert.Throws<NotSupportedException>(() => CompiledSchema.Compile(schema.RootElement));
        Assert.Contains("multipleOf", error.Message);
    }

    /// <summary>One random change somewhere in the document, described for the failure message.</summary>
    private static string Mutate(JsonNode root, Random random)
    {
        var nodes = new List<JsonNode>();
        Collect(root, nodes);
        var target = nodes[random.Next(nodes.Count)];
        var parent = target.Parent;
        string[] words = ["shipping", "urn:epcglobal:cbv:bizstep:shipping", "https://ns.gs1.org/cbv/BizStep-shipping", "bizstep_x",
            "https://example.com/my-step", "urn:epc:id:sgtin:0614141.107346.2017", "2026-11-29T08:00:00+08:00", "2026-11-29 08:00",
            "+08:00", "+15:00", "ADD", "add", "", "KGM", "ObjectEvent", "EPCISQueryDocument", "not a uri", "10.5", "ext:x"];
        switch (random.Next(8))
        {
            case 0 when parent is JsonObject owner:
                owner.Remove(target.GetPropertyName());
                return $"removed {target.GetPath()}";
            case 1 when parent is JsonObject owner:
                var name = target.GetPropertyName();
                owner.Remove(name);
                var newName = random.Next(3) switch { 0 => "colour", 1 => "example:colour", _ => name.ToUpperInvariant() };
                owner[newName] = target;
                return $"renamed {target.GetPath()} to {newName}";
            case 2 when parent is not null:
                var word = words[random.Next(words.Length)];
                var at = target.GetPath();
                Replace(target, JsonValue.Create(word));
                return $"set {at} to \"{word}\"";
            case 3 when parent is not null:
                JsonNode? other = random.Next(4) switch { 0 => JsonValue.Create(1.5m), 1 => null, 2 => new JsonArray(), _ => new JsonObject() };
                var path = target.GetPath();
                Replace(target, other);
                return $"set {path} to {other?.ToJsonString() ?? "null"}";
            case 4 when target is JsonArray array && array.Count > 0:
                array.Add(array[random.Next(array.Count)]!.DeepClone());
                return $"repeated an item of {target.GetPath()}";
            case 5 when target is JsonArray array:
                array.Clear();
                return $"emptied {target.GetPath()}";
            case 6 when target is JsonObject obj:
                var key = random.Next(2) == 0 ? "https://example.com/field" : "cbvmda:lotNumber";
                obj[key] = random.Next(2) == 0 ? "x" : new JsonObject { ["y"] = 1 };
                return $"added {key} to {target.GetPath()}";
            case 7 when target is JsonValue value && value.TryGetValue<string>(out var text):
                var bent = random.Next(3) switch { 0 => text + " ", 1 => text.ToUpperInvariant(), _ => text.Length > 1 ? text[..^1] : "" };
                var where = target.GetPath();
                Replace(target, JsonValue.Create(bent));
                return $"bent {where} to \"{bent}\"";
            default:
                // The drawn change does not fit the node: swap an event's type instead, a change every example allows.
                var events = root["epcisBody"]?["eventList"] as JsonArray ?? root["epcisBody"]?["queryResults"]?["resultsBody"]?["eventList"] as JsonArray;
                if (events is { Count: > 0 } && events[0] is JsonObject first)
                {
                    var type = new[] { "ObjectEvent", "AggregationEvent", "TransactionEvent", "TransformationEvent", "AssociationEvent" }[random.Next(5)];
                    first["type"] = type;
                    return $"first event's type set to {type}";
                }
                return "nothing";
        }
    }

    private static void Replace(JsonNode target, JsonNode? with)
    {
        switch (target.Parent)
        {
            case JsonObject owner:
                owner[target.GetPropertyName()] = with;
                break;
            case JsonArray array:
                array[target.GetElementIndex()] = with;
                break;
        }
    }

    private static void Collect(JsonNode? node, List<JsonNode> into)
    {
        if (node is null)
        {
            return;
        }
        into.Add(node);
        switch (node)
        {
            case JsonObject obj:
                foreach (var (_, child) in obj.ToList())
                {
                    Collect(child, into);
                }
                break;
            case JsonArray array:
                foreach (var child in array.ToList())
                {
                    Collect(child, into);
                }
                break;
        }
    }
}
