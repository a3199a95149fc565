using System.Text.Json;
using Shian.Performance;
using Shian.Traceability;

namespace Shian.Tests.Traceability;

public sealed class EpcisSchemaAndQueryTests
{
    [Theory]
    [InlineData("", "$")]
    [InlineData("/epcisBody/eventList/2/eventTime", "$.epcisBody.eventList[2].eventTime")]
    [InlineData("/@context", "$['@context']")]
    [InlineData("/epcisBody/eventList/0/example:myField", "$.epcisBody.eventList[0]['example:myField']")]
    [InlineData("/a~1b/c~0d", "$['a/b']['c~d']")]
    public void Schema_locations_become_the_reader_paths(string pointer, string path) => Assert.Equal(path, EpcisSchema.ToPath(pointer));

    [Theory]
    [InlineData(true)]
    [InlineData(false)] // Performance:FastPaths off: JsonSchema.Net alone
    public void Every_GS1_example_document_passes_the_schema_and_a_broken_one_names_the_field(bool compiled)
    {
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "epcis"), "*.jsonld"))
        {
            using var document = JsonDocument.Parse(File.ReadAllText(file));
            Assert.True(EpcisSchema.Validate(document.RootElement, compiled).Count == 0, file);
        }
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "epcis", "Example_9.6.1-ObjectEvent.jsonld"));
        var node = System.Text.Json.Nodes.JsonNode.Parse(text)!;
        node["epcisBody"]!["eventList"]![0]!["action"] = "MODIFY";
        using var broken = JsonDocument.Parse(node.ToJsonString());
        Assert.Contains(EpcisSchema.Validate(broken.RootElement, compiled), e => e.Path == "$.epcisBody.eventList[0].action");
    }

    private static (EpcisEventQuery? Query, IReadOnlyList<EpcisError> Errors) Parse(params (string Name, string Value)[] parameters) =>
        EpcisEventQuery.Parse(parameters.Select(p => KeyValuePair.Create(p.Name, new[] { p.Value })));

    [Fact]
    public void Values_are_compared_in_one_spelling()
    {
        var (query, errors) = Parse(("EQ_bizStep", "https://ref.gs1.org/cbv/BizStep-shipping,urn:epcglobal:cbv:bizstep:receiving,https://example.com/step"),
            ("EQ_disposition", "in_transit"), ("MATCH_anyEPC", "https://id.gs1.org/01/04012345111118/10/4444"), ("EQ_bizLocation", "urn:epc:id:sgln:4012345.00001.0"));
        Assert.Empty(errors);
        Assert.Equal(["shipping", "receiving", "https://example.com/step"], query!.BizSteps);
        Assert.Equal(["in_transit"], query.Dispositions);
        Assert.Equal(["01/04012345111118/10/4444"], query.Matches.Single().Keys);
        Assert.Equal(["414/4012345000016"], query.BizLocations);
    }

    [Fact]
    public void A_next_page_token_is_good_only_for_its_own_query()
    {
        var (query, _) = Parse(("eventType", "ObjectEvent"));
        var token = query!.NextToken(new EpcisEvent { Id = Guid.CreateVersion7(), RecordTime = new DateTime(2026, 11, 29, 1, 2, 3, DateTimeKind.Utc) });
        var (again, errors) = Parse(("eventType", "ObjectEvent"), ("nextPageToken", token));
        Assert.Empty(errors);
        Assert.Equal(new DateTime(2026, 11, 29, 1, 2, 3, DateTimeKind.Utc), again!.After!.Value.RecordTime);
        Assert.Equal("nextPageToken", Assert.Single(Parse(("eventType", "AggregationEvent"), ("nextPageToken", token)).Errors).Path);
    }
}
