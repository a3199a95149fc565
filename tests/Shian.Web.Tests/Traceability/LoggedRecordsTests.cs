using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shian.Data;
using Shian.Ledger;
using Shian.Registry;
using Shian.Traceability;

namespace Shian.Web.Tests.Traceability;

/// <summary>Captured events are appended to the transparency log as they are stored, and an edited event is named.</summary>
public sealed class LoggedRecordsTests(ShianWebFactory factory) : IClassFixture<ShianWebFactory>
{
    private static readonly string Businesses = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "imports", "businesses-sample.csv"));

    [Fact]
    public async Task Stored_events_are_in_the_log_and_an_altered_one_is_named()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShianDb>();
        if (!await db.Businesses.AnyAsync())
        {
            Assert.Empty((await BusinessImport.ImportAsync(db, Encoding.UTF8.GetBytes(Businesses), "s.csv", false, TimeProvider.System)).Errors);
        }
        var before = await db.LedgerEntries.LongCountAsync();
        var read = EpcisDocumentReader.Read(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "epcis", "Example_9.6.1-ObjectEvent.jsonld")));
        var job = new CaptureJob
        {
            Id = Guid.CreateVersion7(), BusinessId = await db.Businesses.Select(b => b.Id).FirstAsync(), UserId = await db.Users.Select(u => u.Id).FirstAsync(),
            CreatedAt = DateTime.UtcNow, ContextJson = read.ContextJson,
        };
        await EpcisCapture.StoreAsync(db, job, read.Events);

        Assert.Equal(before + read.Events.Count, await db.LedgerEntries.LongCountAsync());
        var proof = await TransparencyLog.ProofForAsync(db, EpcisCapture.LedgerKind, read.Events[0].Id.ToString());
        Assert.True(proof is { Verified: true });
        var intact = await LoggedRecords.VerifyAsync(db);
        Assert.True(intact.Ok, intact.Failure?.ToString());

        var victim = read.Events[^1];
        await db.EpcisEvents.Where(e => e.Id == victim.Id).ExecuteUpdateAsync(u => u.SetProperty(e => e.Json, e => e.Json.Replace("OBSERVE", "DELETE")));
        var broken = await LoggedRecords.VerifyAsync(db);
        Assert.False(broken.Ok);
        Assert.Equal("TraceLog.EventAltered", broken.Failure?.Code);
        Assert.Equal(victim.Id, broken.Failure?.Args[1]);
    }
}
