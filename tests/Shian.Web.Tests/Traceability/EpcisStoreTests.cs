using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shian.Data;
using Shian.Registry;
using Shian.Traceability;

namespace Shian.Web.Tests.Traceability;

/// <summary>
/// Every GS1 example is stored with its identifier index, all or nothing, in the test database. Run twice, on the fast
/// paths and on the plain ones (<see cref="PlainPathsWebFactory"/>).
/// </summary>
public abstract class EpcisStoreTests(ShianWebFactory factory)
{
    private static readonly string Businesses = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "imports", "businesses-sample.csv"));

    [Fact]
    public async Task Every_example_is_stored_with_its_index_and_record_time()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShianDb>();
        if (!await db.Businesses.AnyAsync())
        {
            Assert.Empty((await BusinessImport.ImportAsync(db, Encoding.UTF8.GetBytes(Businesses), "s.csv", false, TimeProvider.System)).Errors);
        }
        var business = await db.Businesses.OrderBy(b => b.Name).Select(b => b.Id).FirstAsync();
        var user = await db.Users.Select(u => u.Id).FirstAsync();
        var expectedEvents = 0;
        var expectedEpcs = 0;
        var jobs = new Dictionary<string, Guid>();
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "epcis"), "*.jsonld"))
        {
            var read = EpcisDocumentReader.Read(File.ReadAllText(file));
            Assert.Empty(read.Errors);
            var job = new CaptureJob { Id = Guid.CreateVersion7(), BusinessId = business, UserId = user, CreatedAt = new DateTime(2020, 6, 1, 2, 0, 0, DateTimeKind.Utc), ContextJson = read.ContextJson };
            await EpcisCapture.StoreAsync(db, job, read.Events);
            jobs[Path.GetFileName(file)] = job.Id;
            expectedEvents += read.Events.Count;
            expectedEpcs += read.Events.Sum(e => e.Epcs.Count);
        }
        db.ChangeTracker.Clear();

        Assert.Equal(expectedEvents, await db.EpcisEvents.CountAsync());
        Assert.Equal(expectedEpcs, await db.EpcisEventEpcs.CountAsync());
        Assert.All(await db.CaptureJobs.ToListAsync(), j => Assert.Equal(CaptureJobStatus.Succeeded, j.Status));
        // Example 9.6.4 comes twice, with EPC URNs and with Digital Link URIs: both index the input lot under one key.
        Guid[] spellings = [jobs["Example_9.6.4-TransformationEvent.jsonld"], jobs["Example_9.6.4-TransformationEventWithDigitalLink.jsonld"]];
        var transformations = await db.EpcisEvents
            .Where(e => e.Type == EpcisEventType.TransformationEvent
                && db.EpcisEventEpcs.Any(x => x.EventId == e.Id && x.Key == "01/04012345111118/10/4444" && x.Role == EpcRole.Input && x.Quantity == 10m))
            .ToListAsync();
        transformations = transformations.Where(t => spellings.Contains(t.CaptureJobId)).ToList();
        Assert.Equal(spellings.Order(), transformations.Select(t => t.CaptureJobId).Where(spellings.Contains).Order());
        Assert.All(transformations, t =>
        {
            Assert.Equal(new DateTime(2020, 6, 1, 2, 0, 0, DateTimeKind.Utc), t.RecordTime);
            Assert.Equal(new DateTime(2013, 10, 31, 14, 58, 56, 591, DateTimeKind.Utc), t.EventTime);
            Assert.Contains("example:myField", t.Json);
        });
    }
}
