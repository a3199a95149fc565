using System.Text;
using Microsoft.EntityFrameworkCore;
using Shian.Ledger;
using Shian.Traceability;
using Shian.Web.Tests.Infrastructure;

namespace Shian.Web.Tests.Traceability;

/// <summary>
/// The demo's trace events are what a node enterprise could have captured: nothing the capture endpoint would refuse. On the
/// demo district with its work, as <c>--demo</c> starts it (the crawler's factory).
/// </summary>
public sealed class DemoTraceCaptureTests(CrawlerTests.DemoDistrictFactory factory) : IClassFixture<CrawlerTests.DemoDistrictFactory>
{
    /// <summary>
    /// Each capture job's events, put back into a document under the job's context, pass the capture endpoint's checks
    /// (the GS1 schema, the reader's rules: namespaced extensions, CBV words); each event is in the transparency log.
    /// </summary>
    [Fact]
    public async Task Every_demo_event_passes_the_capture_checks_again()
    {
        var (jobs, events, logged) = await factory.QueryAsync(async db => (
            await db.CaptureJobs.AsNoTracking().ToDictionaryAsync(j => j.Id, j => j.ContextJson),
            await db.EpcisEvents.AsNoTracking().OrderBy(e => e.RecordTime).ThenBy(e => e.Id).Select(e => new { e.Id, e.CaptureJobId, e.Json }).ToListAsync(),
            (await db.LedgerEntries.AsNoTracking().Where(l => l.Kind == EpcisCapture.LedgerKind).Select(l => l.Reference).ToListAsync()).ToHashSet()));

        Assert.True(events.Count > 100, $"the demo stores its upload-rate receipts, the chain of custody and the recall lot ({events.Count} events)");
        Assert.Contains(events, e => e.Json.Contains("\"shian:productName\"", StringComparison.Ordinal));
        foreach (var job in events.GroupBy(e => e.CaptureJobId))
        {
            var context = jobs[job.Key] is { Length: > 0 } c ? c : $"[\"{Features.Traceability.EpcisApi.StandardContext}\"]";
            var (read, errors, _) = EpcisDocumentCapture.Check(Encoding.UTF8.GetBytes(Document(context, job.Select(e => e.Json))));
            Assert.True(read is not null, $"job {job.Key}: " + string.Join("; ", errors.Select(e => $"{e.Path}: {e.Message}")));
            Assert.Equal(job.Count(), read.Events.Count);
        }
        Assert.All(events, e => Assert.Contains(e.Id.ToString(), logged));

        // The check bites: a receipt with the bare productName the demo used to store is refused.
        var bare = events.First(e => e.Json.Contains("\"shian:productName\"", StringComparison.Ordinal)).Json.Replace("\"shian:productName\"", "\"productName\"", StringComparison.Ordinal);
        Assert.Null(EpcisDocumentCapture.Check(Encoding.UTF8.GetBytes(Document($"[\"{Features.Traceability.EpcisApi.StandardContext}\"]", [bare]))).Read);
    }

    private static string Document(string context, IEnumerable<string> events) => $$$"""
        {"@context":{{{context}}},"type":"EPCISDocument","schemaVersion":"2.0","creationDate":"2026-01-01T00:00:00Z",
         "epcisBody":{"eventList":[{{{string.Join(",", events)}}}]}}
        """;
}
