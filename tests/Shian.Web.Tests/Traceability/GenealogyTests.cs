using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shian.Data;
using Shian.Traceability;

namespace Shian.Web.Tests.Traceability;

/// <summary>
/// Backward and forward traces and the recall scope of the hand-written <see cref="LotChain"/>: two input lots, a pallet
/// shipped on twice, an erroneous shipment declared so, and a rework cycle.
/// </summary>
public sealed class GenealogyTests(ShianWebFactory factory) : IClassFixture<ShianWebFactory>, IAsyncLifetime
{
    private LotChain _chain = null!;

    public async Task InitializeAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShianDb>();
        var township = await db.Users.Where(u => u.UserName == "township").Select(u => u.TownshipId!.Value).SingleAsync();
        _chain = await LotChain.CaptureAsync(db, township);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static string Shape(TraceNode node) =>
        node.Key + (node.Repeated ? "*" : "") + (node.Children.Count == 0 ? "" : "(" + string.Join(",", node.Children.Select(Shape)) + ")");

    [Fact]
    public async Task Backward_trace_of_the_rice_reaches_both_paddy_lots_and_stops_at_the_cycle()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShianDb>();
        var trace = await Genealogy.TraceAsync(db, LotChain.R, TraceDirection.Backward);

        Assert.Equal($"{LotChain.R}({LotChain.A},{LotChain.B},{LotChain.K}({LotChain.R}*))", Shape(trace.Root));
        Assert.False(trace.Truncated);
        // R came to the wholesaler and on to S1 on pallet P; the shipment to S2 was declared erroneous.
        var moves = trace.Root.Movements.Select(m => (m.BizStep, m.Via, From: m.Source.BusinessId, To: m.Destination.BusinessId, m.Quantity, m.Uom)).ToList();
        Assert.Equal(
        [
            ("shipping", LotChain.P, _chain.Mill, _chain.Wholesaler, 1200m, "KGM"),
            ("receiving", LotChain.P, _chain.Mill, _chain.Wholesaler, 1200m, "KGM"),
            ("shipping", LotChain.P, _chain.Wholesaler, _chain.S1, 1200m, "KGM"),
            ("receiving", LotChain.P, _chain.Wholesaler, _chain.S1, 1200m, "KGM"),
        ], moves);
        var a = trace.Root.Children[0];
        Assert.Equal((1000m, "KGM", _chain.Mill), (a.Quantity!.Value, a.Uom, a.ByBusiness!.Value));
        Assert.Equal([("shipping", _chain.Farm, _chain.Mill), ("receiving", _chain.Farm, _chain.Mill)],
            a.Movements.Select(m => (m.BizStep, m.Source.BusinessId!.Value, m.Destination.BusinessId!.Value)));
        // B's supplier is not registered: the party is shown by its key.
        var b = Assert.Single(trace.Root.Children[1].Movements);
        Assert.Equal(("417/" + LotChain.GlnX, null, _chain.Mill), (b.Source.Label, b.Source.BusinessId, b.Destination.BusinessId));
    }

    [Fact]
    public async Task Forward_trace_and_recall_scope_of_a_paddy_lot()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShianDb>();
        var recall = await GenealogyRecall.ComputeAsync(db, LotChain.A);

        Assert.Equal($"{LotChain.A}({LotChain.R}({LotChain.P},{LotChain.K}({LotChain.R}*)))", Shape(recall.Forward.Root));
        Assert.Equal([LotChain.R, LotChain.P, LotChain.K], recall.DownstreamKeys);
        var lines = recall.Parties
            .SelectMany(p => p.Lines.Select(l => (p.BusinessId, l.LotKey, l.Uom, l.Produced, l.Received, l.Shipped, l.Used, l.Holds)))
            .OrderBy(l => l.BusinessId).ThenBy(l => l.LotKey, StringComparer.Ordinal).ToList();
        (Guid?, string, string?, decimal, decimal, decimal, decimal, decimal?)[] expected =
        [
            (_chain.Farm, LotChain.A, "KGM", 0, 0, 1000, 0, null),
            (_chain.Mill, LotChain.A, "KGM", 0, 1000, 0, 1000, 0),
            (_chain.Mill, LotChain.R, "KGM", 1200, 0, 1200, 0, 0),
            (_chain.Wholesaler, LotChain.R, "KGM", 0, 1200, 1200, 0, 0),
            (_chain.S1, LotChain.R, "KGM", 5, 1200, 0, 200, 1005),
            (_chain.S1, LotChain.K, "H87", 600, 0, 0, 10, 590),
        ];
        Assert.Equal(expected.OrderBy(l => l.Item1).ThenBy(l => l.Item2, StringComparer.Ordinal), lines);
        // S2's shipment was declared erroneous: S2 is not in the scope.
        Assert.DoesNotContain(recall.Parties, p => p.BusinessId == _chain.S2);
        var s1 = recall.Parties.Single(p => p.BusinessId == _chain.S1);
        var business = await db.Businesses.SingleAsync(x => x.Id == _chain.S1);
        Assert.Equal((business.ContactName, business.ContactPhone), (s1.Contact, s1.Phone));
        Assert.Equal(await db.Townships.Where(t => t.Id == business.TownshipId).Select(t => t.Name).SingleAsync(), s1.Township);
    }

    [Fact]
    public async Task The_depth_cap_truncates_and_an_unknown_lot_is_a_bare_root()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShianDb>();
        var capped = await Genealogy.TraceAsync(db, LotChain.A, TraceDirection.Forward, maxDepth: 1);
        Assert.Equal($"{LotChain.A}({LotChain.R})", Shape(capped.Root));
        Assert.True(capped.Truncated);
        var unknown = await Genealogy.TraceAsync(db, TraceKey.Lot(LotChain.GtinRice, "nope"), TraceDirection.Backward);
        Assert.Empty(unknown.Root.Children);
        Assert.Empty(unknown.EventIds);
    }
}
