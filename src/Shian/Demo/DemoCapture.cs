using System.Globalization;
using System.Text;
using Shian.Data;
using Shian.Traceability;

namespace Shian.Demo;

/// <summary>
/// The demo's trace events go the way a node enterprise's do: an EPCIS 2.0 document through
/// <see cref="EpcisDocumentCapture.CaptureAsync"/> (the schema, the reader's checks, the ownership rule on error
/// declarations, the transparency log), so that nothing the demo shows could have been refused at <c>POST /epcis/capture</c>.
/// </summary>
internal static class DemoCapture
{
    /// <summary>The standard context and the demo's own namespace, for extension fields such as <c>shian:productName</c>.</summary>
    public const string Context = """["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld",{"shian":"https://shian.example/voc/"}]""";

    /// <summary>
    /// Captures one document of <paramref name="events"/> (each an event's JSON) for <paramref name="businessId"/>, received
    /// at <paramref name="at"/> (the events' recordTime). A refused document is a bug in the demo: it throws with the errors.
    /// </summary>
    public static async Task<CaptureJob> CaptureAsync(ShianDb db, Guid businessId, Guid userId, DateTime at, IEnumerable<string> events, CancellationToken ct = default)
    {
        var json = $$$"""
            {"@context":{{{Context}}},"type":"EPCISDocument","schemaVersion":"2.0",
             "creationDate":"{{{at.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)}}}","epcisBody":{"eventList":[{{{string.Join(",", events)}}}]}}
            """;
        var outcome = await EpcisDocumentCapture.CaptureAsync(db, Encoding.UTF8.GetBytes(json), businessId, userId, at, ct);
        return outcome.Job ?? throw new InvalidOperationException(
            "Demo EPCIS document refused: " + string.Join("; ", outcome.Errors.Select(e => $"{e.Path}: {e.Message}")));
    }
}
