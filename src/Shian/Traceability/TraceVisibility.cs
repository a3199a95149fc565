using Microsoft.EntityFrameworkCore;
using Shian.Accounts;
using Shian.Common;
using Shian.Data;
using Shian.Registry;

namespace Shian.Traceability;

/// <summary>
/// Whose trace data counts. Anyone with a key can capture an event naming any identifier, so a business's events may
/// change only its own view and what its trading partners' records corroborate:
/// <list type="bullet">
/// <item>An identifier's <b>owner</b> is the business whose claim to its GTIN the office confirmed; without one, the
/// capturer of the first-recorded event that made it (an ADD, a transformation's output, a packed container).</item>
/// <item>Its <b>corroborators</b> are the owner and every business the owner's events, and then theirs, name as source or
/// destination of a shipment or receipt (through a confirmed GLN): the recorded trading partners.</item>
/// <item>Only events their corroborators captured count for an identifier: the lot page, its exports, the recall scope and
/// the consumer page never show another's. An identifier reached through a link in a trace also counts the linking
/// business's own events (the mill's receipt of an unregistered supplier's lot), and the owner's chain only when that
/// chain records the linking business, so that claiming a stranger's lot as an input does not reveal its events.</item>
/// <item>An error declaration withdraws only events its own capturer captured (capture refuses one naming another
/// business's event).</item>
/// </list>
/// Genealogy (<see cref="Genealogy"/>), the consumer page (<see cref="TraceLookup"/>) and the EPCIS query go through here.
/// </summary>
public static class TraceVisibility
{
    /// <summary>What the rule needs of one event naming an identifier.</summary>
    public sealed record Fact(Guid EventId, Guid CapturedBy, DateTime RecordTime, bool Creates, IReadOnlyList<Guid> Parties);

    /// <summary>Whether naming an identifier in this role makes it (commissioning, a transformation's output, packing a container).</summary>
    public static bool Creates(EpcisEventType type, string? action, EpcRole role) => (type, role) switch
    {
        (EpcisEventType.ObjectEvent, EpcRole.Epc) => action == "ADD",
        (EpcisEventType.TransformationEvent, EpcRole.Output) => true,
        (EpcisEventType.AggregationEvent or EpcisEventType.AssociationEvent, EpcRole.Parent) => action == "ADD",
        _ => false,
    };

    /// <summary>The GTIN of a key that has one (<c>01/{gtin14}…</c>).</summary>
    public static string? GtinOf(string key) => key.Length >= 17 && key.StartsWith("01/", StringComparison.Ordinal) ? key[3..17] : null;

    /// <summary>The confirmed claimant of each GTIN among the keys (one query).</summary>
    public static async Task<Dictionary<string, Guid>> ConfirmedOwnersAsync(ShianDb db, IEnumerable<string> keys, CancellationToken ct = default)
    {
        var gtins = keys.Select(GtinOf).OfType<string>().Distinct().ToList();
        if (gtins.Count == 0)
        {
            return [];
        }
        return await db.TraceProducts.AsNoTracking().Where(p => gtins.Contains(p.Gtin) && p.Status == TraceClaimStatus.Confirmed)
            .ToDictionaryAsync(p => p.Gtin, p => p.BusinessId, ct);
    }

    /// <summary>The owner of an identifier: the confirmed GTIN claimant, else whoever first recorded making it; null when neither.</summary>
    public static Guid? Owner(string key, IReadOnlyDictionary<string, Guid> confirmedOwners, IEnumerable<Fact> facts) =>
        GtinOf(key) is { } gtin && confirmedOwners.TryGetValue(gtin, out var owner)
            ? owner
            : facts.Where(f => f.Creates).OrderBy(f => f.RecordTime).ThenBy(f => f.EventId).Select(f => (Guid?)f.CapturedBy).FirstOrDefault();

    /// <summary>The seeds and every party their events name, then every party those parties' events name, and so on.</summary>
    public static HashSet<Guid> Corroborated(IEnumerable<Guid> seeds, IReadOnlyCollection<Fact> facts)
    {
        var trusted = seeds.ToHashSet();
        bool grew;
        do
        {
            grew = false;
            foreach (var f in facts)
            {
                if (trusted.Contains(f.CapturedBy))
                {
                    foreach (var p in f.Parties)
                    {
                        grew |= trusted.Add(p);
                    }
                }
            }
        }
        while (grew);
        return trusted;
    }

    /// <summary>
    /// The businesses whose events about an identifier count: its owner's chain of partners; for an identifier reached through
    /// a link captured by <paramref name="linkedBy"/>, also that business's own chain, and the owner's only when it records
    /// the linking business.
    /// </summary>
    public static HashSet<Guid> Corroborators(Guid? owner, Guid? linkedBy, IReadOnlyCollection<Fact> facts)
    {
        var fromOwner = owner is { } o ? Corroborated([o], facts) : [];
        return linkedBy is not { } linker || fromOwner.Contains(linker) ? fromOwner : Corroborated([linker], facts);
    }

    /// <summary>The events of <paramref name="facts"/> that count, given the corroborators.</summary>
    public static HashSet<Guid> Visible(IReadOnlySet<Guid> corroborators, IEnumerable<Fact> facts) =>
        facts.Where(f => corroborators.Contains(f.CapturedBy)).Select(f => f.EventId).ToHashSet();

    /// <summary>
    /// Events the caller may query through EPCIS: staff of the district and units all (they supervise), township staff
    /// those of their township's businesses, operators their own businesses' only.
    /// </summary>
    public static IQueryable<EpcisEvent> Queryable(ShianDb db, AccessScope scope)
    {
        var events = db.EpcisEvents.AsNoTracking();
        if (scope.Level is AccessLevel.Jurisdiction or AccessLevel.Unit)
        {
            return events;
        }
        var visible = db.Businesses.VisibleTo(scope).Select(b => b.Id);
        return events.Where(e => visible.Contains(e.BusinessId));
    }

    /// <summary>
    /// The error declarations of a document that name another business's event (the declared eventID is stored here, captured
    /// by others and never by <paramref name="businessId"/>): capture refuses the whole document then. A declaration of an
    /// event this repository has not seen (relayed from another repository, as the GS1 examples are) is stored; it cannot
    /// withdraw anyone else's event later either, since only the capturer's own declarations count.
    /// </summary>
    public static async Task<IReadOnlyList<EpcisError>> ForeignDeclarationsAsync(ShianDb db, IReadOnlyList<EpcisEvent> events, Guid businessId, string listPath, CancellationToken ct = default)
    {
        var declared = events.Select((e, i) => (e, i)).Where(x => x.e.IsErrorDeclaration).ToList();
        if (declared.Count == 0)
        {
            return [];
        }
        // An event and its declaration in the same document are the business's own.
        var inDocument = events.Where(e => !e.IsErrorDeclaration).Select(e => e.EventId).ToHashSet(StringComparer.Ordinal);
        var ids = declared.Select(x => x.e.EventId).Where(id => !inDocument.Contains(id)).Distinct().ToList();
        var captured = await db.EpcisEvents.AsNoTracking().Where(e => ids.Contains(e.EventId) && !e.IsErrorDeclaration)
            .Select(e => new { e.EventId, e.BusinessId }).Distinct().ToListAsync(ct);
        var foreign = captured.GroupBy(e => e.EventId).Where(g => g.All(e => e.BusinessId != businessId)).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        return declared.Where(x => foreign.Contains(x.e.EventId))
            .Select(x => new EpcisError($"{listPath}[{x.i}].errorDeclaration", new Problem("Epcis.ForeignDeclaration", x.e.EventId)))
            .ToList();
    }
}
