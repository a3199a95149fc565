using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Shian.Data;

namespace Shian.Traceability;

public enum TraceDirection
{
    /// <summary>Where it came from: the inputs it was made of, their inputs, and so on.</summary>
    Backward,

    /// <summary>Where it went: what was made of it, what it was packed into, and so on.</summary>
    Forward,
}

/// <summary>Which events a trace follows.</summary>
public enum TraceEvidence
{
    /// <summary>Only those the identifiers' owners and their recorded partners captured (<see cref="TraceVisibility"/>).</summary>
    Corroborated,

    /// <summary>Every event naming them, whoever captured it: what supervising staff see.</summary>
    All,
}

/// <summary>How a node is linked to its parent in the tree.</summary>
public enum TraceLink
{
    Root,

    /// <summary>A transformation: the child is an input (backward) or an output (forward) of the parent.</summary>
    Transformation,

    /// <summary>An aggregation: the child is what the parent container held (backward) or the container it went into (forward).</summary>
    Aggregation,
}

/// <summary>
/// One movement of an identifier between parties (a shipping or receiving event, possibly of a pallet that carried it),
/// with the parties mapped to registered businesses where a <see cref="TraceParty"/> names them.
/// </summary>
public sealed record TraceMovement(
    Guid EventId, string EventIdText, DateTime EventTime, string BizStep, string Key, string? Via,
    TraceSide Source, TraceSide Destination, decimal? Quantity, string? Uom);

/// <summary>A party of a movement: a registered business when the key is known, else the key as given.</summary>
public sealed record TraceSide(string? Key, Guid? BusinessId, string? Name)
{
    public static readonly TraceSide Unknown = new(null, null, null);
    public string Label => Name ?? Key ?? "";
}

/// <summary>One identifier in a trace tree.</summary>
public sealed class TraceNode
{
    public required string Key { get; init; }
    public int Depth { get; init; }
    public TraceLink Link { get; init; }

    /// <summary>The event that links the node to its parent (none for the root).</summary>
    public Guid? ViaEvent { get; init; }
    public DateTime? At { get; init; }

    /// <summary>The business that captured the linking event (the producer of a transformation).</summary>
    public Guid? ByBusiness { get; init; }
    public decimal? Quantity { get; init; }
    public string? Uom { get; init; }

    /// <summary>Forward through a transformation: how much of the parent identifier the transformation used.</summary>
    public decimal? Used { get; init; }
    public string? UsedUom { get; init; }

    /// <summary>Already shown elsewhere in the tree (a diamond or a cycle): not expanded again.</summary>
    public bool Repeated { get; init; }
    public List<TraceNode> Children { get; } = [];
    public List<TraceMovement> Movements { get; } = [];
}

/// <summary>A trace; <paramref name="Corroborators"/> are the root's owner and recorded partners (<see cref="TraceVisibility"/>).</summary>
public sealed record TraceResult(TraceNode Root, IReadOnlyList<Guid> EventIds, bool Truncated, IReadOnlySet<Guid> Corroborators)
{
    public IEnumerable<TraceNode> Nodes()
    {
        var stack = new Stack<TraceNode>([Root]);
        while (stack.Count > 0)
        {
            var n = stack.Pop();
            yield return n;
            for (var i = n.Children.Count - 1; i >= 0; i--)
            {
                stack.Push(n.Children[i]);
            }
        }
    }
}

/// <summary>
/// Lot genealogy computed at query time from the identifier index (<see cref="EpcisEventEpc"/> by key and role): breadth
/// first, one level at a time with a few indexed queries per level, each identifier expanded once (cycles and diamonds
/// end in a "repeated" leaf), to <see cref="MaxDepth"/> levels. Events declared erroneous by their own capturer, and the
/// declarations themselves, do not count; by default only corroborated events do (<see cref="TraceVisibility"/>). Nothing
/// is derived or stored, so there is nothing to keep in sync with capture.
/// </summary>
public static class Genealogy
{
    public const int MaxDepth = 50;

    private static readonly string[] PartyTypes = ["location", "possessing_party", "owning_party"];

    private sealed record Row(Guid Id, string EventId, EpcisEventType Type, DateTime EventTime, DateTime RecordTime, string? Action, string? BizStep, string? BizLocation, Guid BusinessId, string? Json);

    private sealed record Link(Guid EventId, EpcRole Role, string Key, decimal? Quantity, string? Uom);

    public static async Task<TraceResult> TraceAsync(ShianDb db, string key, TraceDirection direction, int maxDepth = MaxDepth,
        TraceEvidence evidence = TraceEvidence.Corroborated, CancellationToken ct = default)
    {
        // One connection for the trace's queries rather than one taken from the pool (and reset) per query.
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            return await BuildAsync(db, key, direction, maxDepth, evidence, ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task<TraceResult> BuildAsync(ShianDb db, string key, TraceDirection direction, int maxDepth, TraceEvidence evidence, CancellationToken ct)
    {
        maxDepth = Math.Clamp(maxDepth, 0, MaxDepth);
        var root = new TraceNode { Key = key, Link = TraceLink.Root };
        var visited = new HashSet<string>(StringComparer.Ordinal) { key };
        var events = new HashSet<Guid>();
        var frontier = new List<TraceNode> { root };
        var pending = new List<Pending>();
        var parties = new Dictionary<string, TraceSide>(StringComparer.Ordinal);
        IReadOnlySet<Guid> corroborators = new HashSet<Guid>();
        var truncated = false;
        for (var depth = 0; frontier.Count > 0; depth++)
        {
            var keys = frontier.Select(n => n.Key).ToList();
            var level = await LevelAsync(db, keys, ct);
            var visible = await VisibleAsync(db, level, frontier.Select(n => (n.Key, n.Link == TraceLink.Root ? null : n.ByBusiness)), parties, evidence, ct);
            corroborators = depth == 0 ? visible.Corroborators[key] : corroborators;
            var next = new List<TraceNode>();
            // Every event that counts for an identifier of the trace belongs to it (the exports show them all).
            events.UnionWith(visible.Events.Values.SelectMany(v => v));
            CollectMovements(frontier, level, visible, direction, pending, events);
            foreach (var node in frontier)
            {
                foreach (var (ev, child, link, used) in Neighbours(level, node.Key, direction, visible.Events[node.Key]))
                {
                    if (depth >= maxDepth)
                    {
                        truncated = true;
                        break;
                    }
                    events.Add(ev.Id);
                    var repeated = !visited.Add(child.Key);
                    var childNode = new TraceNode
                    {
                        Key = child.Key, Depth = depth + 1, Link = link, ViaEvent = ev.Id, At = ev.EventTime, ByBusiness = ev.BusinessId,
                        Quantity = child.Quantity, Uom = child.Uom, Repeated = repeated, Used = used?.Quantity, UsedUom = used?.Uom,
                    };
                    node.Children.Add(childNode);
                    if (!repeated)
                    {
                        next.Add(childNode);
                    }
                }
            }
            frontier = next;
        }
        await AddMovementsAsync(db, pending, parties, ct);
        return new TraceResult(root, events.ToList(), truncated, corroborators);
    }

    /// <summary>The events that count for one identifier by <see cref="TraceVisibility"/>'s rule (the consumer page's steps).</summary>
    public static async Task<IReadOnlySet<Guid>> CorroboratedEventsAsync(ShianDb db, string key, CancellationToken ct = default)
    {
        var level = await LevelAsync(db, [key], ct);
        var visible = await VisibleAsync(db, level, [(key, null)], new Dictionary<string, TraceSide>(StringComparer.Ordinal), TraceEvidence.Corroborated, ct);
        return visible.Events[key];
    }

    /// <summary>
    /// What counts for each identifier of a level: its events and corroborators, and the level of the containers the
    /// identifiers were packed into with the events that count for each container.
    /// </summary>
    private sealed record Visibility(Dictionary<string, HashSet<Guid>> Events, Dictionary<string, HashSet<Guid>> Corroborators, Level? Containers,
        Dictionary<string, HashSet<Guid>> ContainerEvents);

    private static bool IsPacking(Row e) => e.Type == EpcisEventType.AggregationEvent && e.Action is "ADD" or "OBSERVE";

    /// <summary>
    /// For each identifier of a level (and the business whose event linked it into the trace): its corroborators and the
    /// events that count for it, by <see cref="TraceVisibility"/>'s rule (every event naming it when all are asked for).
    /// A lot packed into a container by a corroborator has the container's recorded partners as its own (the wholesaler
    /// that shipped the pallet on, the shop that received it), found in one more query for the level's containers.
    /// </summary>
    private static async Task<Visibility> VisibleAsync(ShianDb db, Level level, IEnumerable<(string Key, Guid? LinkedBy)> nodes, Dictionary<string, TraceSide> parties,
        TraceEvidence evidence, CancellationToken ct)
    {
        var list = nodes.ToList();
        var parents = level.Events.Values.Where(IsPacking)
            .SelectMany(e => (level.Links.GetValueOrDefault(e.Id) ?? []).Where(l => l.Role == EpcRole.Parent).Select(l => l.Key)).Distinct().ToList();
        var containers = parents.Count > 0 ? await LevelAsync(db, parents, ct) : null;
        var owners = await TraceVisibility.ConfirmedOwnersAsync(db, list.Select(n => n.Key).Concat(parents), ct);
        var named = level.Events.Values.Select(e => Sides(level, e));
        if (containers is not null)
        {
            named = named.Concat(containers.Events.Values.Select(e => Sides(containers, e)));
        }
        await ResolveAsync(db, named.SelectMany(s => new[] { s.Source, s.Destination }).OfType<string>().ToHashSet(StringComparer.Ordinal), parties, ct);
        var result = new Visibility([], [], containers, []);
        foreach (var (key, linkedBy) in list)
        {
            var facts = Facts(level, key, parties);
            var trusted = TraceVisibility.Corroborators(TraceVisibility.Owner(key, owners, facts), linkedBy, facts);
            if (containers is not null)
            {
                var counted = new HashSet<string>(StringComparer.Ordinal);
                bool grew;
                do
                {
                    grew = false;
                    foreach (var packing in level.ByKey[key].Select(id => level.Events[id]).Where(e => IsPacking(e) && trusted.Contains(e.BusinessId)).ToList())
                    {
                        var links = level.Links.GetValueOrDefault(packing.Id) ?? [];
                        if (!links.Any(l => l.Role == EpcRole.Child && l.Key == key))
                        {
                            continue;
                        }
                        foreach (var parent in links.Where(l => l.Role == EpcRole.Parent).Select(l => l.Key).Where(counted.Add))
                        {
                            var containerFacts = Facts(containers, parent, parties);
                            var containerTrust = TraceVisibility.Corroborators(TraceVisibility.Owner(parent, owners, containerFacts), packing.BusinessId, containerFacts);
                            result.ContainerEvents.TryAdd(parent, TraceVisibility.Visible(containerTrust, containerFacts));
                            foreach (var b in containerTrust)
                            {
                                grew |= trusted.Add(b);
                            }
                        }
                    }
                    if (grew)
                    {
                        trusted = TraceVisibility.Corroborated(trusted, facts);
                    }
                }
                while (grew);
            }
            result.Corroborators[key] = trusted;
            result.Events[key] = evidence == TraceEvidence.All ? facts.Select(f => f.EventId).ToHashSet() : TraceVisibility.Visible(trusted, facts);
        }
        if (containers is not null && evidence == TraceEvidence.All)
        {
            foreach (var parent in parents)
            {
                result.ContainerEvents[parent] = Facts(containers, parent, parties).Select(f => f.EventId).ToHashSet();
            }
        }
        return result;
    }

    /// <summary>What <see cref="TraceVisibility"/> needs of each event of a level naming <paramref name="key"/>.</summary>
    private static List<TraceVisibility.Fact> Facts(Level level, string key, Dictionary<string, TraceSide> parties) =>
        level.ByKey[key].Select(id => level.Events[id])
            .Select(e => (Event: e, Links: (level.Links.GetValueOrDefault(e.Id) ?? []).Where(l => l.Key == key).ToList()))
            .Select(x =>
            {
                var (source, destination) = Sides(level, x.Event);
                var named = new[] { source, destination }.OfType<string>().Select(k => parties[k].BusinessId).OfType<Guid>().Distinct().ToList();
                return new TraceVisibility.Fact(x.Event.Id, x.Event.BusinessId, x.Event.RecordTime,
                    x.Links.Any(l => TraceVisibility.Creates(x.Event.Type, x.Event.Action, l.Role)), named);
            })
            .ToList();

    /// <summary>The source and destination a shipping or receiving event names (its JSON lists), parsed once per event.</summary>
    private static (string? Source, string? Destination) Sides(Level level, Row ev)
    {
        if (level.Sides.TryGetValue(ev.Id, out var sides))
        {
            return sides;
        }
        var json = ev.Json is null ? null : JsonNode.Parse(ev.Json) as JsonObject;
        return level.Sides[ev.Id] = json is null ? (null, null) : (PartyKey(json["sourceList"], "source"), PartyKey(json["destinationList"], "destination"));
    }

    private sealed class Level
    {
        public Dictionary<Guid, Row> Events { get; } = [];
        public Dictionary<Guid, List<Link>> Links { get; } = [];
        public Dictionary<Guid, (string? Source, string? Destination)> Sides { get; } = [];

        /// <summary>The level's events by the identifiers they name (built once, so that each identifier's facts are a lookup).</summary>
        public ILookup<string, Guid> ByKey => _byKey ??= Links.SelectMany(l => l.Value.Select(x => (x.Key, EventId: l.Key))).Distinct().ToLookup(x => x.Key, x => x.EventId, StringComparer.Ordinal);

        private ILookup<string, Guid>? _byKey;
    }

    /// <summary>
    /// Every valid event naming one of the keys, with all the identifiers those events name: one query (the index by key,
    /// then the events' own rows by event), the JSON only of shipping and receiving events. An event whose eventID an
    /// error declaration by the event's own capturer repeats is dropped, and so is the declaration.
    /// </summary>
    private static async Task<Level> LevelAsync(ShianDb db, List<string> keys, CancellationToken ct)
    {
        var level = new Level();
        foreach (var chunk in keys.Chunk(200))
        {
            var linkIds = new HashSet<Guid>();
            await foreach (var r in LevelQuery(db, chunk).WithCancellation(ct))
            {
                if (r.Withdrawn || !linkIds.Add(r.LinkId))
                {
                    continue;
                }
                if (!level.Events.ContainsKey(r.Id))
                {
                    level.Events[r.Id] = new Row(r.Id, r.EventId, r.Type, r.EventTime, r.RecordTime, r.Action, r.BizStep, r.BizLocation, r.BusinessId, r.Json);
                    level.Links[r.Id] = [];
                }
                level.Links[r.Id].Add(new Link(r.Id, r.Role, r.Key, r.Quantity, r.Uom));
            }
        }
        return level;
    }

    private sealed record LevelRow(
        Guid Id, string EventId, EpcisEventType Type, DateTime EventTime, DateTime RecordTime, string? Action, string? BizStep, string? BizLocation, Guid BusinessId,
        bool Withdrawn, string? Json, Guid LinkId, EpcRole Role, string Key, decimal? Quantity, string? Uom);

    /// <summary>
    /// The level query, compiled once: a trace runs it once per level, and translating the LINQ each time cost more than
    /// running it (the plan is three index seeks whatever the store's size).
    /// </summary>
    private static readonly Func<ShianDb, string[], IAsyncEnumerable<LevelRow>> LevelQuery = EF.CompileAsyncQuery((ShianDb db, string[] keys) =>
        from hit in db.EpcisEventEpcs
        where keys.Contains(hit.Key)
        join e in db.EpcisEvents on hit.EventId equals e.Id
        join l in db.EpcisEventEpcs on e.Id equals l.EventId
        select new LevelRow(
            e.Id, e.EventId, e.Type, e.EventTime, e.RecordTime, e.Action, e.BizStep, e.BizLocation, e.BusinessId,
            // Withdrawn only by its own capturer's declaration (TraceVisibility; capture refuses the others).
            e.IsErrorDeclaration || db.EpcisEvents.Any(d => d.EventId == e.EventId && d.IsErrorDeclaration && d.BusinessId == e.BusinessId),
            e.BizStep == "shipping" || e.BizStep == "receiving" ? e.Json : null,
            l.Id, l.Role, l.Key, l.Quantity, l.Uom));

    private static IEnumerable<(Row Event, Link Child, TraceLink Link, Link? Used)> Neighbours(Level level, string key, TraceDirection direction, HashSet<Guid> visible)
    {
        foreach (var ev in level.Events.Values.Where(e => visible.Contains(e.Id)).OrderBy(e => e.EventTime).ThenBy(e => e.Id))
        {
            var links = level.Links.GetValueOrDefault(ev.Id) ?? [];
            if (ev.Type == EpcisEventType.TransformationEvent)
            {
                var (from, to) = direction == TraceDirection.Backward ? (EpcRole.Output, EpcRole.Input) : (EpcRole.Input, EpcRole.Output);
                if (Distinct(links.Where(l => l.Role == from && l.Key == key)).FirstOrDefault() is { } self)
                {
                    foreach (var l in Distinct(links.Where(l => l.Role == to)))
                    {
                        yield return (ev, l, TraceLink.Transformation, direction == TraceDirection.Forward ? self : null);
                    }
                }
            }
            else if (ev.Type == EpcisEventType.AggregationEvent && ev.Action is "ADD" or "OBSERVE")
            {
                if (direction == TraceDirection.Backward && links.Any(l => l.Role == EpcRole.Parent && l.Key == key))
                {
                    foreach (var l in Distinct(links.Where(l => l.Role == EpcRole.Child)))
                    {
                        yield return (ev, l, TraceLink.Aggregation, null);
                    }
                }
                else if (direction == TraceDirection.Forward && links.FirstOrDefault(l => l.Role == EpcRole.Child && l.Key == key) is { } self)
                {
                    foreach (var l in links.Where(l => l.Role == EpcRole.Parent))
                    {
                        // The container carries the child's quantity.
                        yield return (ev, l with { Quantity = self.Quantity, Uom = self.Uom }, TraceLink.Aggregation, null);
                    }
                }
            }
        }
    }

    /// <summary>An identifier named twice by one event (an EPC and a quantity entry) is one link; quantities add up.</summary>
    private static IEnumerable<Link> Distinct(IEnumerable<Link> links) =>
        links.GroupBy(l => l.Key).Select(g => g.First() with
        {
            Quantity = g.Any(l => l.Quantity is not null) ? g.Sum(l => l.Quantity ?? 0) : null,
            Uom = g.Select(l => l.Uom).FirstOrDefault(u => u is not null),
        });

    /// <summary>
    /// Shipping and receiving of each frontier identifier, and of the containers it was packed into (forward: the
    /// containers are children anyway; backward: a lot received on a pallet was received). Source and destination
    /// come from the event's JSON lists; without them, the business location (or capturer) stands in.
    /// </summary>
    private static void CollectMovements(List<TraceNode> frontier, Level level, Visibility visibility, TraceDirection direction, List<Pending> pending, HashSet<Guid> events)
    {
        var visible = visibility.Events;
        var moving = new List<(TraceNode Node, Row Event, Level Level, Link Self, string? Via)>();
        var containers = new List<(TraceNode Node, string Parent, Row Aggregation, Link Self)>();
        foreach (var node in frontier)
        {
            foreach (var ev in level.Events.Values.Where(e => visible[node.Key].Contains(e.Id)))
            {
                var links = level.Links.GetValueOrDefault(ev.Id) ?? [];
                if (ev.Type is EpcisEventType.ObjectEvent or EpcisEventType.TransactionEvent && ev.BizStep is "shipping" or "receiving"
                    && Distinct(links.Where(l => l.Key == node.Key && l.Role is EpcRole.Epc or EpcRole.Parent)).FirstOrDefault() is { } self)
                {
                    moving.Add((node, ev, level, self, null));
                }
                else if (direction == TraceDirection.Backward && ev.Type == EpcisEventType.AggregationEvent && ev.Action is "ADD" or "OBSERVE"
                    && links.FirstOrDefault(l => l.Role == EpcRole.Child && l.Key == node.Key) is { } child)
                {
                    foreach (var parent in links.Where(l => l.Role == EpcRole.Parent))
                    {
                        containers.Add((node, parent.Key, ev, child));
                    }
                }
            }
        }
        if (containers.Count > 0)
        {
            // Backward only: the container's own shipping and receiving after it was packed.
            // The containers were read with the level; their movements count as their packer's chain corroborates them.
            var level2 = visibility.Containers!;
            foreach (var (node, parent, aggregation, self) in containers)
            {
                var counting = visibility.ContainerEvents.GetValueOrDefault(parent) ?? [];
                foreach (var ev in level2.Events.Values.Where(e => counting.Contains(e.Id) && e.EventTime >= aggregation.EventTime && e.Type is EpcisEventType.ObjectEvent or EpcisEventType.TransactionEvent && e.BizStep is "shipping" or "receiving"))
                {
                    if ((level2.Links.GetValueOrDefault(ev.Id) ?? []).Any(l => l.Key == parent && l.Role is EpcRole.Epc or EpcRole.Parent))
                    {
                        events.Add(aggregation.Id);
                        moving.Add((node, ev, level2, self with { Key = node.Key }, parent));
                    }
                }
            }
        }
        foreach (var (node, ev, eventLevel, self, via) in moving)
        {
            events.Add(ev.Id);
            var (source, destination) = Sides(eventLevel, ev);
            pending.Add(new Pending(node, ev, self, via,
                source ?? (ev.BizStep == "shipping" ? ev.BizLocation : null),
                destination ?? (ev.BizStep == "receiving" ? ev.BizLocation : null)));
        }
    }

    private sealed record Pending(TraceNode Node, Row Event, Link Self, string? Via, string? Source, string? Destination);

    /// <summary>The parties of every movement of the trace, resolved to businesses in one query at the end.</summary>
    private static async Task AddMovementsAsync(ShianDb db, List<Pending> pending, Dictionary<string, TraceSide> parties, CancellationToken ct)
    {
        await ResolveAsync(db, pending.SelectMany(p => new[] { p.Source, p.Destination }).OfType<string>().ToHashSet(StringComparer.Ordinal), parties, ct);
        foreach (var (node, ev, self, via, source, destination) in pending.OrderBy(m => m.Event.EventTime).ThenBy(m => m.Event.Id))
        {
            var s = source is null ? TraceSide.Unknown : parties[source];
            var d = destination is null ? TraceSide.Unknown : parties[destination];
            // Who sent it when the event does not say: the capturer of a shipping event.
            if (s.Key is null && ev.BizStep == "shipping")
            {
                s = new TraceSide(null, ev.BusinessId, null);
            }
            if (d.Key is null && ev.BizStep == "receiving")
            {
                d = new TraceSide(null, ev.BusinessId, null);
            }
            node.Movements.Add(new TraceMovement(ev.Id, ev.EventId, ev.EventTime, ev.BizStep!, node.Key, via, s, d, self.Quantity, self.Uom));
        }
    }

    /// <summary>The first entry of a source or destination list by preference: location, possessing party, owning party.</summary>
    private static string? PartyKey(JsonNode? list, string field)
    {
        if (list is not JsonArray entries)
        {
            return null;
        }
        foreach (var type in PartyTypes)
        {
            foreach (var entry in entries.OfType<JsonObject>())
            {
                var t = entry["type"]?.ToString() ?? "";
                if ((t == type || t.EndsWith("-" + type, StringComparison.Ordinal) || t.EndsWith(":" + type, StringComparison.Ordinal)) && entry[field]?.ToString() is { Length: > 0 } value)
                {
                    return TraceKey.Of(value);
                }
            }
        }
        return null;
    }

    private static async Task ResolveAsync(ShianDb db, HashSet<string> keys, Dictionary<string, TraceSide> parties, CancellationToken ct)
    {
        var missing = keys.Where(k => !parties.ContainsKey(k)).ToList();
        if (missing.Count == 0)
        {
            return;
        }
        var known = new List<PartyRow>();
        await foreach (var p in PartyQuery(db, [.. missing]).WithCancellation(ct))
        {
            known.Add(p);
        }
        foreach (var k in missing)
        {
            var hit = known.FirstOrDefault(p => p.Key == k);
            parties[k] = hit is null ? new TraceSide(k, null, null) : new TraceSide(k, hit.BusinessId, hit.Name);
        }
        // A party identified by its GLN (417/…) also matches the business's location with the same GLN (414/…).
    }

    private sealed record PartyRow(string Key, Guid BusinessId, string Name);

    /// <summary>Confirmed claims only: a pending GLN names nobody and makes nobody a partner.</summary>
    private static readonly Func<ShianDb, string[], IAsyncEnumerable<PartyRow>> PartyQuery = EF.CompileAsyncQuery((ShianDb db, string[] keys) =>
        db.TraceParties.Where(p => keys.Contains(p.Key) && p.Status == TraceClaimStatus.Confirmed)
            .Join(db.Businesses, p => p.BusinessId, b => b.Id, (p, b) => new PartyRow(p.Key, p.BusinessId, b.Name)));

    /// <summary>Every business the trace touches (movements' parties and the capturers of its links).</summary>
    public static IReadOnlySet<Guid> Businesses(params TraceResult[] traces)
    {
        var set = new HashSet<Guid>();
        foreach (var n in traces.SelectMany(t => t.Nodes()))
        {
            if (n.ByBusiness is { } b) { set.Add(b); }
            foreach (var m in n.Movements)
            {
                if (m.Source.BusinessId is { } s) { set.Add(s); }
                if (m.Destination.BusinessId is { } d) { set.Add(d); }
            }
        }
        return set;
    }
}
