using Microsoft.EntityFrameworkCore;
using Shian.Data;

namespace Shian.Traceability;

/// <summary>One lot at one business in a recall scope, per unit of measure.</summary>
public sealed record RecallLine(string LotKey, string? Uom, decimal Produced, decimal Received, decimal Shipped, decimal Used)
{
    /// <summary>
    /// What the business should still hold (produced + received − shipped − used in its transformations); unknown when
    /// the events say nothing of how it came by the lot (a harvest, a lot received before capture began).
    /// </summary>
    public decimal? Holds => Produced + Received > 0 ? Produced + Received - Shipped - Used : null;
}

/// <summary>A business (or an unregistered party, by its key) in a recall scope with its contact and the lots it touched.</summary>
public sealed record RecallParty(Guid? BusinessId, string Name, string? PartyKey, string Township, string Contact, string Phone, IReadOnlyList<RecallLine> Lines);

public sealed record RecallScope(string Key, IReadOnlyList<string> DownstreamKeys, IReadOnlyList<RecallParty> Parties, TraceResult Forward);

/// <summary>
/// The recall scope of a lot: its forward trace, every downstream identifier, and every business that made, received or
/// holds any of it with the quantities and units the events carry. A pallet's shipment counts the quantity of the lot
/// the pallet held; a receipt is preferred to the shipment it answers (the same goods would otherwise count twice).
/// </summary>
public static class GenealogyRecall
{
    public static async Task<RecallScope> ComputeAsync(ShianDb db, string key, CancellationToken ct = default)
    {
        var forward = await Genealogy.TraceAsync(db, key, TraceDirection.Forward, ct: ct);
        return await ComputeAsync(db, forward, ct);
    }

    public static async Task<RecallScope> ComputeAsync(ShianDb db, TraceResult forward, CancellationToken ct = default)
    {
        // (party, lot, uom) → amounts; the lot a container's movement counts is the node it was packed from.
        var produced = new Dictionary<(string Party, string Lot, string? Uom), decimal>();
        var received = new Dictionary<(string, string, string?), decimal>();
        var shippedTo = new Dictionary<(string, string, string?), decimal>();
        var shipped = new Dictionary<(string, string, string?), decimal>();
        var used = new Dictionary<(string, string, string?), decimal>();
        var seen = new HashSet<(Guid, string)>();
        var sides = new Dictionary<string, TraceSide>(StringComparer.Ordinal);
        var downstream = new List<string>();
        Walk(forward.Root, null);

        void Walk(TraceNode node, TraceNode? parent)
        {
            if (node.Link != TraceLink.Root && !node.Repeated && !downstream.Contains(node.Key))
            {
                downstream.Add(node.Key);
            }
            var lot = node.Link == TraceLink.Aggregation && parent is not null ? parent.Key : node.Key;
            if (node.Link == TraceLink.Transformation && node.ByBusiness is { } maker && parent is not null)
            {
                if (node.Quantity is { } made && seen.Add((node.ViaEvent!.Value, node.Key)))
                {
                    Add(produced, Party(new TraceSide(null, maker, null)), node.Key, node.Uom, made);
                }
                if (node.Used is { } usedQuantity && seen.Add((node.ViaEvent!.Value, "used:" + parent.Key)))
                {
                    Add(used, Party(new TraceSide(null, maker, null)), parent.Key, node.UsedUom, usedQuantity);
                }
            }
            foreach (var m in node.Movements)
            {
                var quantity = node.Link == TraceLink.Aggregation ? node.Quantity : m.Quantity;
                var uom = node.Link == TraceLink.Aggregation ? node.Uom : m.Uom;
                if (quantity is null || !seen.Add((m.EventId, lot)))
                {
                    continue;
                }
                if (m.BizStep == "receiving" && m.Destination.Key is not null || m.Destination.BusinessId is not null && m.BizStep == "receiving")
                {
                    Add(received, Party(m.Destination), lot, uom, quantity.Value);
                }
                else if (m.BizStep == "shipping")
                {
                    if (m.Source.Key is not null || m.Source.BusinessId is not null)
                    {
                        Add(shipped, Party(m.Source), lot, uom, quantity.Value);
                    }
                    if (m.Destination.Key is not null || m.Destination.BusinessId is not null)
                    {
                        Add(shippedTo, Party(m.Destination), lot, uom, quantity.Value);
                    }
                }
            }
            foreach (var child in node.Children)
            {
                Walk(child, node);
            }
        }

        string Party(TraceSide side)
        {
            var id = side.BusinessId is { } b ? b.ToString() : side.Key!;
            sides.TryAdd(id, side);
            return id;
        }

        // Shipped to a party that recorded no receipt of that lot: the shipment stands for the receipt.
        foreach (var (k, v) in shippedTo)
        {
            if (!received.ContainsKey(k))
            {
                received[k] = v;
            }
        }
        var partyIds = produced.Keys.Concat(received.Keys).Concat(shipped.Keys).Concat(used.Keys).Select(k => k.Item1).Distinct().ToList();
        var businessIds = sides.Values.Where(s => s.BusinessId is not null).Select(s => s.BusinessId!.Value).Distinct().ToList();
        var businesses = await db.Businesses.Where(b => businessIds.Contains(b.Id))
            .Join(db.Townships, b => b.TownshipId, t => t.Id, (b, t) => new { b.Id, b.Name, Township = t.Name, b.ContactName, b.ContactPhone })
            .ToDictionaryAsync(b => b.Id, ct);
        var parties = partyIds.Select(p =>
        {
            var side = sides[p];
            var lines = produced.Keys.Concat(received.Keys).Concat(shipped.Keys).Concat(used.Keys).Where(k => k.Item1 == p).Distinct()
                .OrderBy(k => downstream.IndexOf(k.Item2)).ThenBy(k => k.Item3, StringComparer.Ordinal)
                .Select(k => new RecallLine(k.Item2, k.Item3, produced.GetValueOrDefault(k), received.GetValueOrDefault(k), shipped.GetValueOrDefault(k), used.GetValueOrDefault(k)))
                .ToList();
            return side.BusinessId is { } id && businesses.TryGetValue(id, out var b)
                ? new RecallParty(id, b.Name, side.Key, b.Township, b.ContactName, b.ContactPhone, lines)
                : new RecallParty(side.BusinessId, side.Label, side.Key, "", "", "", lines);
        }).OrderBy(p => p.Township, StringComparer.Ordinal).ThenBy(p => p.Name, StringComparer.Ordinal).ToList();
        return new RecallScope(forward.Root.Key, downstream, parties, forward);
    }

    private static void Add(Dictionary<(string, string, string?), decimal> totals, string party, string lot, string? uom, decimal quantity) =>
        totals[(party, lot, uom)] = totals.GetValueOrDefault((party, lot, uom)) + quantity;
}
