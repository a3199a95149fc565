using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Shian.Data;
using Shian.Registry;
using Shian.Traceability;

namespace Shian.Web.Tests.Traceability;

/// <summary>
/// A hand-written chain, captured through the foundation (reader + store), one document per capturing business:
/// <code>
/// farm: A (paddy, 1000 KGM) harvested, shipped to the mill          X (unregistered): B (500 KGM) received by the mill
/// mill: A + B → R (rice, 1200 KGM); R packed on pallet P; P shipped to the wholesaler W
///       R 100 KGM shipped to S2 — declared erroneous afterwards (must not count)
/// W:    receives P, ships P on to the supermarket S1
/// S1:   receives P; R 200 KGM → K (meals, 600 H87); rework K 10 H87 → R 5 KGM (a cycle R → K → R)
/// </code>
/// </summary>
public sealed class LotChain
{
    public static readonly string GtinPaddy = G("690000000001");
    public static readonly string GtinRice = G("690000000002");
    public static readonly string GtinMeal = G("690000000003");
    public static readonly string A = TraceKey.Lot(GtinPaddy, "A");
    public static readonly string B = TraceKey.Lot(GtinPaddy, "B");
    public static readonly string R = TraceKey.Lot(GtinRice, "R");
    public static readonly string K = TraceKey.Lot(GtinMeal, "K");
    public const string P = "00/069000000000000017";

    /// <summary>A lot that only the farm and the wholesaler (outside the township) touched.</summary>
    public static readonly string Z = TraceKey.Lot(GtinPaddy, "Z");
    public static readonly string GlnFarm = L("690000000101"), GlnMill = L("690000000102"), GlnW = L("690000000103"), GlnS1 = L("690000000104"), GlnS2 = L("690000000105"), GlnX = L("690000000199");

    public required Guid Farm { get; init; }
    public required Guid Mill { get; init; }
    public required Guid Wholesaler { get; init; }
    public required Guid S1 { get; init; }
    public required Guid S2 { get; init; }

    private static string G(string twelve)
    {
        var body = "0" + twelve;
        return body + Gtin.CheckDigit(body);
    }

    private static string L(string twelve) => twelve + Gtin.CheckDigit(twelve);

    private static string Dl(string key) => "https://id.gs1.org/" + key;

    /// <summary>Five businesses of the sample register (S1 and the mill in the demo township user's township), their GLNs registered.</summary>
    public static async Task<LotChain> CaptureAsync(ShianDb db, Guid township)
    {
        // Once per database: later callers (each test of a class) get the chain already stored.
        var existing = await db.TraceParties.ToDictionaryAsync(p => p.Name, p => p.BusinessId);
        if (existing.ContainsKey("farm"))
        {
            return new LotChain { Farm = existing["farm"], Mill = existing["mill"], Wholesaler = existing["wholesaler"], S1 = existing["s1"], S2 = existing["s2"] };
        }
        var other = await db.Townships.Where(t => t.Id != township).Select(t => t.Id).FirstOrDefaultAsync();
        other = other == Guid.Empty ? township : other;
        // Only the mill and S1 are in the given township; the others elsewhere.
        Business Make(string name, Guid where, int n) => new()
        {
            Id = Guid.CreateVersion7(), Name = name, CreditCode = $"TRACE{n:D13}", Address = name + "路1号", TownshipId = where,
            Category = BusinessCategory.Seller, Subtype = "supermarket", Scale = BusinessScale.Small,
            ContactName = "联系人" + n, ContactPhone = $"1380000{n:D4}", CreatedAt = DateTime.UtcNow,
        };
        var businesses = new[] { Make("追溯测试农场", other, 1), Make("追溯测试米厂", township, 2), Make("追溯测试批发商", other, 3), Make("追溯测试超市一", township, 4), Make("追溯测试超市二", other, 5) };
        db.Businesses.AddRange(businesses);
        var chain = new LotChain { Farm = businesses[0].Id, Mill = businesses[1].Id, Wholesaler = businesses[2].Id, S1 = businesses[3].Id, S2 = businesses[4].Id };
        TraceParty[] parties =
        [
            new TraceParty { Key = "414/" + GlnFarm, BusinessId = chain.Farm, Name = "farm" },
            new TraceParty { Key = "414/" + GlnMill, BusinessId = chain.Mill, Name = "mill" },
            new TraceParty { Key = "414/" + GlnW, BusinessId = chain.Wholesaler, Name = "wholesaler" },
            new TraceParty { Key = "417/" + GlnS1, BusinessId = chain.S1, Name = "s1" },
            new TraceParty { Key = "414/" + GlnS2, BusinessId = chain.S2, Name = "s2" },
        ];
        foreach (var party in parties)
        {
            Assert.Null(party.Confirm("office", DateTime.UtcNow)); // the office has checked the GLNs: they name their businesses
        }
        db.TraceParties.AddRange(parties);
        await db.SaveChangesAsync();
        var user = await db.Users.Select(u => u.Id).FirstAsync();

        await StoreAsync(db, chain.Farm, user,
            Object("2026-03-01T08:00:00+08:00", "ADD", "commissioning", GlnFarm, null, null, (A, 1000, "KGM")),
            Object("2026-03-02T08:00:00+08:00", "OBSERVE", "shipping", GlnFarm, ("location", GlnFarm), ("location", GlnMill), (A, 1000, "KGM")),
            Object("2026-03-02T09:00:00+08:00", "OBSERVE", "shipping", GlnFarm, ("location", GlnFarm), ("location", GlnW), (Z, 300, "KGM")));
        await StoreAsync(db, chain.Mill, user,
            Object("2026-03-02T15:00:00+08:00", "OBSERVE", "receiving", GlnMill, ("location", GlnFarm), ("location", GlnMill), (A, 1000, "KGM")),
            Object("2026-03-02T16:00:00+08:00", "OBSERVE", "receiving", GlnMill, ("owning_party", GlnX), ("location", GlnMill), (B, 500, "KGM")),
            Transformation("2026-03-03T08:00:00+08:00", GlnMill, [(A, 1000, "KGM"), (B, 500, "KGM")], [(R, 1200, "KGM")]),
            Aggregation("2026-03-03T10:00:00+08:00", GlnMill, P, (R, 1200, "KGM")),
            Object("2026-03-03T12:00:00+08:00", "OBSERVE", "shipping", GlnMill, ("location", GlnMill), ("location", GlnW), pallet: P),
            Object("2026-03-04T08:00:00+08:00", "OBSERVE", "shipping", GlnMill, ("location", GlnMill), ("location", GlnS2), (R, 100, "KGM")).Id("urn:uuid:0190aaaa-0000-7000-8000-000000000bad"),
            Object("2026-03-04T08:00:00+08:00", "OBSERVE", "shipping", GlnMill, ("location", GlnMill), ("location", GlnS2), (R, 100, "KGM")).Id("urn:uuid:0190aaaa-0000-7000-8000-000000000bad").Declared("2026-03-05T08:00:00+08:00"));
        await StoreAsync(db, chain.Wholesaler, user,
            Object("2026-03-03T18:00:00+08:00", "OBSERVE", "receiving", GlnW, ("location", GlnMill), ("location", GlnW), pallet: P),
            Object("2026-03-04T09:00:00+08:00", "OBSERVE", "shipping", GlnW, ("location", GlnW), ("possessing_party", GlnS1), pallet: P));
        await StoreAsync(db, chain.S1, user,
            Object("2026-03-04T14:00:00+08:00", "OBSERVE", "receiving", GlnS1, ("location", GlnW), ("possessing_party", GlnS1), pallet: P),
            Transformation("2026-03-05T10:00:00+08:00", GlnS1, [(R, 200, "KGM")], [(K, 600, "H87")]),
            Transformation("2026-03-06T10:00:00+08:00", GlnS1, [(K, 10, "H87")], [(R, 5, "KGM")]));
        db.ChangeTracker.Clear();
        return chain;
    }

    private static async Task StoreAsync(ShianDb db, Guid business, Guid user, params JsonObject[] events)
    {
        var document = new JsonObject
        {
            ["@context"] = new JsonArray("https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"),
            ["type"] = "EPCISDocument",
            ["schemaVersion"] = "2.0",
            ["creationDate"] = "2026-03-07T00:00:00Z",
            ["epcisBody"] = new JsonObject { ["eventList"] = new JsonArray(events.Cast<JsonNode>().ToArray()) },
        };
        var read = EpcisDocumentReader.Read(document.ToJsonString());
        Assert.Empty(read.Errors);
        var job = new CaptureJob { Id = Guid.CreateVersion7(), BusinessId = business, UserId = user, CreatedAt = new DateTime(2026, 3, 7, 0, 0, 0, DateTimeKind.Utc), ContextJson = read.ContextJson };
        await EpcisCapture.StoreAsync(db, job, read.Events);
    }

    private static JsonArray Quantities(IEnumerable<(string Key, decimal Qty, string Uom)> items) =>
        new(items.Select(i => (JsonNode)new JsonObject { ["epcClass"] = Dl(i.Key), ["quantity"] = i.Qty, ["uom"] = i.Uom }).ToArray());

    private static JsonObject Object(string at, string action, string bizStep, string location, (string Type, string Gln)? source, (string Type, string Gln)? destination, (string Key, decimal Qty, string Uom)? lot = null, string? pallet = null)
    {
        var e = new JsonObject
        {
            ["type"] = "ObjectEvent", ["eventTime"] = at, ["eventTimeZoneOffset"] = "+08:00", ["action"] = action, ["bizStep"] = bizStep,
            ["bizLocation"] = new JsonObject { ["id"] = Dl(Party("location", location)) },
        };
        if (pallet is not null) { e["epcList"] = new JsonArray(Dl(pallet)); }
        if (lot is { } l) { e["quantityList"] = Quantities([l]); }
        if (source is { } s) { e["sourceList"] = new JsonArray(new JsonObject { ["type"] = s.Type, ["source"] = Dl(Party(s.Type, s.Gln)) }); }
        if (destination is { } d) { e["destinationList"] = new JsonArray(new JsonObject { ["type"] = d.Type, ["destination"] = Dl(Party(d.Type, d.Gln)) }); }
        return e;
    }

    private static string Party(string type, string gln) => (type == "location" ? "414/" : "417/") + gln;

    private static JsonObject Transformation(string at, string location, (string Key, decimal Qty, string Uom)[] inputs, (string Key, decimal Qty, string Uom)[] outputs) => new()
    {
        ["type"] = "TransformationEvent", ["eventTime"] = at, ["eventTimeZoneOffset"] = "+08:00", ["bizStep"] = "commissioning",
        ["bizLocation"] = new JsonObject { ["id"] = Dl("414/" + location) },
        ["inputQuantityList"] = Quantities(inputs), ["outputQuantityList"] = Quantities(outputs),
    };

    private static JsonObject Aggregation(string at, string location, string parent, (string Key, decimal Qty, string Uom) child) => new()
    {
        ["type"] = "AggregationEvent", ["eventTime"] = at, ["eventTimeZoneOffset"] = "+08:00", ["action"] = "ADD", ["bizStep"] = "packing",
        ["bizLocation"] = new JsonObject { ["id"] = Dl("414/" + location) }, ["parentID"] = Dl(parent), ["childEPCs"] = new JsonArray(),
        ["childQuantityList"] = Quantities([child]),
    };
}

internal static class LotChainEvents
{
    public static JsonObject Id(this JsonObject e, string id)
    {
        e["eventID"] = id;
        return e;
    }

    public static JsonObject Declared(this JsonObject e, string at)
    {
        e["errorDeclaration"] = new JsonObject { ["declarationTime"] = at, ["reason"] = "incorrect_data" };
        return e;
    }
}
