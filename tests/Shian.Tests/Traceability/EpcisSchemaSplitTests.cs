using System.Text.Json;
using System.Text.Json.Nodes;
using Shian.Performance;
using Shian.Traceability;

namespace Shian.Tests.Traceability;

/// <summary>
/// The compiled schema checks a long event list on all cores in chunks: a violation only the schema sees (an undeclared
/// event field in a late chunk, a missing envelope field) must still be found wherever it sits.
/// </summary>
public sealed class EpcisSchemaSplitTests
{
    [Fact]
    public void A_schema_violation_in_a_late_chunk_or_in_the_envelope_is_found()
    {
        var node = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "epcis", "Example_9.6.1-ObjectEvent.jsonld")))!;
        var list = node["epcisBody"]!["eventList"]!.AsArray();
        var first = list[0]!.ToJsonString();
        while (list.Count < 300)
        {
            list.Add(JsonNode.Parse(first));
        }
        Assert.Empty(Validate(node));

        // Not a CBV field and not a namespaced extension: the event schema's propertyNames refuses it.
        list[250]!["colour"] = "red";
        Assert.Contains(Validate(node), e => e.Path.StartsWith("$.epcisBody.eventList[250]", StringComparison.Ordinal));

        list[250]!.AsObject().Remove("colour");
        node.AsObject().Remove("schemaVersion");
        Assert.NotEmpty(Validate(node));
    }

    private static IReadOnlyList<EpcisError> Validate(JsonNode node)
    {
        using var document = JsonDocument.Parse(node.ToJsonString());
        return EpcisSchema.Validate(document.RootElement);
    }
}
