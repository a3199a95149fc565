using System.Text.Json.Nodes;
using Shian.Traceability;

namespace Shian.Tests.Traceability;

public sealed class EpcisDocumentReaderTests
{
    public static TheoryData<string> Examples() => new(Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "epcis"), "*.jsonld").Select(Path.GetFileName)!);

    [Theory]
    [MemberData(nameof(Examples))]
    public void Every_GS1_example_reads_without_errors(string file)
    {
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "epcis", file));
        var result = EpcisDocumentReader.Read(text);
        Assert.Empty(result.Errors);
        Assert.NotEmpty(result.Events);
        Assert.NotEqual("", result.ContextJson);
        Assert.All(result.Events, e => Assert.NotEqual("", e.EventId));
    }

    [Fact]
    public void A_transformation_indexes_inputs_and_outputs_with_quantities_and_keeps_extensions()
    {
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "epcis", "Example_9.6.4-TransformationEventWithDigitalLink.jsonld"));
        var e = Assert.Single(EpcisDocumentReader.Read(text).Events);
        Assert.Equal(EpcisEventType.TransformationEvent, e.Type);
        Assert.Null(e.Action);
        Assert.Equal("commissioning", e.BizStep);
        Assert.Equal("414/4012345000016", e.ReadPoint);
        Assert.Equal(new DateTime(2013, 10, 31, 14, 58, 56, 591, DateTimeKind.Utc), e.EventTime);
        var lot = Assert.Single(e.Epcs, x => x.Key == "01/04012345111118/10/4444");
        Assert.Equal((EpcRole.Input, 10m, "KGM"), (lot.Role, lot.Quantity, lot.Uom));
        Assert.Contains(e.Epcs, x => x is { Role: EpcRole.Input, Key: "01/00614141777778/10/987", Quantity: 30m, Uom: null });
        Assert.Equal(4, e.Epcs.Count(x => x.Role == EpcRole.Output));
        Assert.All(e.Epcs, x => Assert.Equal(e.Id, x.EventId));
        var stored = JsonNode.Parse(e.Json)!;
        Assert.Equal("Example of a vendor/user extension", (string?)stored["example:myField"]);
        Assert.Equal("XYZ", (string?)stored["ilmd"]!["example:batch"]);
    }

    [Fact]
    public void Aggregation_names_parent_and_children_and_an_event_without_id_gets_one()
    {
        var e = Assert.Single(EpcisDocumentReader.Read(Document("""
            {"type":"AggregationEvent","eventTime":"2020-05-01T08:00:00+08:00","eventTimeZoneOffset":"+08:00","action":"ADD",
             "parentID":"urn:epc:id:sscc:0614141.1234567890","childEPCs":["urn:epc:id:sgtin:0614141.107346.2017"],
             "bizStep":"urn:epcglobal:cbv:bizstep:packing","disposition":"https://ref.gs1.org/cbv/Disp-in_progress"}
            """)).Events);
        Assert.Equal(new DateTime(2020, 5, 1, 0, 0, 0, DateTimeKind.Utc), e.EventTime);
        Assert.Equal(("packing", "in_progress"), (e.BizStep, e.Disposition));
        Assert.StartsWith("urn:uuid:", e.EventId);
        Assert.Equal(e.EventId, (string?)JsonNode.Parse(e.Json)!["eventID"]);
        Assert.Contains(e.Epcs, x => x is { Role: EpcRole.Parent, Key: "00/106141412345678908" });
        Assert.Contains(e.Epcs, x => x is { Role: EpcRole.Child, Key: "01/10614141073464/21/2017" });
    }

    [Fact]
    public void Each_bad_event_is_named_by_its_path_and_nothing_is_returned()
    {
        var result = EpcisDocumentReader.Read(Document(
            """{"type":"ObjectEvent","eventTime":"2020-05-01T08:00:00+08:00","eventTimeZoneOffset":"+08:00","action":"OBSERVE","epcList":["urn:epc:id:sgtin:0614141.107346.1"]}""",
            """{"type":"ObjectEvent","eventTime":"2020-05-01 08:00","eventTimeZoneOffset":"+08:00","action":"OBSERVE"}""",
            """{"type":"ObjectEvent","eventTime":"2020-05-01T08:00:00Z","eventTimeZoneOffset":"+08:00","action":"MOVE"}""",
            """{"type":"ObjectEvent","eventTime":"2020-05-01T08:00:00Z","eventTimeZoneOffset":"+08:00","action":"ADD","bizStep":"harvesting"}""",
            """{"type":"ObjectEvent","eventTime":"2020-05-01T08:00:00Z","eventTimeZoneOffset":"+08:00","action":"ADD","bizStep":"https://example.cn/steps/harvesting"}""",
            """{"type":"LotEvent","eventTime":"2020-05-01T08:00:00Z","eventTimeZoneOffset":"+08:00"}""",
            """{"type":"ObjectEvent","eventTimeZoneOffset":"8","quantityList":[{"quantity":3}]}"""));
        Assert.Empty(result.Events);
        Assert.Equal(
            [
                "$.epcisBody.eventList[1].eventTime",
                "$.epcisBody.eventList[2].action",
                "$.epcisBody.eventList[3].bizStep",
                "$.epcisBody.eventList[5].type",
                "$.epcisBody.eventList[6].eventTime",
                "$.epcisBody.eventList[6].eventTimeZoneOffset",
                "$.epcisBody.eventList[6].action",
                "$.epcisBody.eventList[6].quantityList[0].epcClass",
            ],
            result.Errors.Select(e => e.Path));
    }

    [Fact]
    public void A_document_without_context_or_event_list_is_refused()
    {
        Assert.Equal(["$['@context']"], EpcisDocumentReader.Read("""{"type":"EPCISDocument","epcisBody":{"eventList":[]}}""").Errors.Select(e => e.Path));
        Assert.Equal(["$.epcisBody.eventList"], EpcisDocumentReader.Read("""{"@context":[],"type":"EPCISDocument","epcisBody":{}}""").Errors.Select(e => e.Path));
        Assert.Equal(["$"], EpcisDocumentReader.Read("""{"@context": """).Errors.Select(e => e.Path));
    }

    private static string Document(params string[] events) =>
        """{"@context":["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"],"type":"EPCISDocument","schemaVersion":"2.0","creationDate":"2020-05-01T00:00:00Z","epcisBody":{"eventList":["""
        + string.Join(",", events) + "]}}";
}
