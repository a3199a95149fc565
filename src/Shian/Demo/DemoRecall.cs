using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Shian.Data;
using Shian.Registry;
using Shian.Sampling;
using Shian.Traceability;

namespace Shian.Demo;

/// <summary>
/// The lot of one failed demo sample, with where it came from and where it went, so that the case's 追溯与召回范围 has
/// something to show: a farm's harvest shipped to a food producer, mixed with a lot from an unregistered supplier into
/// the sampled lot, shipped to a wholesaler and on to the sampled shop and two canteens. Each business captures its own
/// events, as node enterprises would.
/// </summary>
public static class DemoRecall
{
    public static async Task SeedAsync(ShianDb db, DateTime now, CancellationToken ct = default)
    {
        if (await db.Samples.AnyAsync(s => s.Gtin != "", ct))
        {
            return;
        }
        var sample = await db.Samples
            .Where(s => s.Conclusion == SampleConclusion.Failed && db.Businesses.Any(b => b.Id == s.BusinessId && b.Category == BusinessCategory.Seller))
            .OrderByDescending(s => s.SampledOn).FirstOrDefaultAsync(ct);
        var active = db.Businesses.Where(b => b.Status == BusinessStatus.Active && (sample == null || b.Id != sample.BusinessId));
        var farm = await active.Where(b => b.Category == BusinessCategory.AgriculturalProducer).OrderBy(b => b.Name).FirstOrDefaultAsync(ct);
        var maker = await active.Where(b => b.Category == BusinessCategory.Producer).OrderBy(b => b.Name).FirstOrDefaultAsync(ct);
        var wholesaler = await active.Where(b => b.Category == BusinessCategory.Seller).OrderBy(b => b.Name).FirstOrDefaultAsync(ct);
        var canteens = await active.Where(b => b.Category == BusinessCategory.Canteen).OrderBy(b => b.Name).Take(2).ToListAsync(ct);
        var shop = sample is null ? null : await db.Businesses.SingleAsync(b => b.Id == sample.BusinessId, ct);
        if (sample is null || shop is null || farm is null || maker is null || wholesaler is null || canteens.Count < 2)
        {
            return; // a register without these kinds of business: nothing to show
        }

        var gtin = DemoTrace.Gtin14("690123430001");
        var rawGtin = DemoTrace.Gtin14("690123430002");
        var lot = sample.BatchNumber.Length > 0 ? sample.BatchNumber : $"JZ{sample.SampledOn:yyyyMMdd}";
        sample.Gtin = gtin;
        sample.BatchNumber = lot;
        await db.SaveChangesAsync(ct);

        Business[] parties = [farm, maker, wholesaler, shop, canteens[0], canteens[1]];
        var gln = parties.Select((b, i) => (b.Id, Gln: Gln13($"69012343{i + 1:0000}"))).ToDictionary(p => p.Id, p => p.Gln);
        foreach (var b in parties)
        {
            var key = TraceKey.Of($"https://id.gs1.org/414/{gln[b.Id]}");
            if (!await db.TraceParties.AnyAsync(p => p.Key == key, ct))
            {
                var party = new TraceParty { Key = key, BusinessId = b.Id, Name = b.Name };
                party.Confirm("demo", now); // the demo's own claims, confirmed as the office would
                db.TraceParties.Add(party);
            }
        }
        await db.SaveChangesAsync(ct);

        var day = sample.SampledOn;
        string Time(int daysBefore, int hour) =>
            new DateTimeOffset(DemoTime.At(day.AddDays(-daysBefore), hour)).ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture);
        string Place(Business b) => $"https://id.gs1.org/414/{gln[b.Id]}";
        string Quantity(string g, string l, int kg) => $$"""{"epcClass":"https://id.gs1.org/01/{{g}}/10/{{l}}","quantity":{{kg}},"uom":"KGM"}""";
        string Move(string step, int daysBefore, int hour, Business from, Business to, string g, string l, int kg) =>
            $$"""
            {"type":"ObjectEvent","eventTime":"{{Time(daysBefore, hour)}}","eventTimeZoneOffset":"+08:00","action":"OBSERVE","bizStep":"{{step}}",
             "disposition":"{{(step == "shipping" ? "in_transit" : "in_progress")}}","quantityList":[{{Quantity(g, l, kg)}}],
             "bizLocation":{"id":"{{Place(step == "shipping" ? from : to)}}"},
             "sourceList":[{"type":"location","source":"{{Place(from)}}"}],"destinationList":[{"type":"location","destination":"{{Place(to)}}"}]}
            """;
        var rawLot = $"R{day.AddDays(-20):yyyyMMdd}";
        var outsideLot = $"W{day.AddDays(-25):yyyyMMdd}";

        await CaptureAsync(db, farm, now,
            $$"""
            {"type":"ObjectEvent","eventTime":"{{Time(20, 6)}}","eventTimeZoneOffset":"+08:00","action":"ADD","bizStep":"commissioning","disposition":"active",
             "quantityList":[{{Quantity(rawGtin, rawLot, 1000)}}],"bizLocation":{"id":"{{Place(farm)}}"} }
            """,
            Move("shipping", 19, 5, farm, maker, rawGtin, rawLot, 1000));
        await CaptureAsync(db, maker, now,
            Move("receiving", 19, 9, farm, maker, rawGtin, rawLot, 1000),
            $$"""
            {"type":"TransformationEvent","eventTime":"{{Time(18, 14)}}","eventTimeZoneOffset":"+08:00","bizStep":"commissioning","disposition":"active",
             "inputQuantityList":[{{Quantity(rawGtin, rawLot, 900)}},{{Quantity(DemoTrace.Gtin14("690123439999"), outsideLot, 100)}}],
             "outputQuantityList":[{{Quantity(gtin, lot, 950)}}],"bizLocation":{"id":"{{Place(maker)}}"} }
            """,
            Move("shipping", 15, 7, maker, wholesaler, gtin, lot, 600));
        await CaptureAsync(db, wholesaler, now,
            Move("receiving", 15, 11, maker, wholesaler, gtin, lot, 600),
            Move("shipping", 12, 6, wholesaler, shop, gtin, lot, 200),
            Move("shipping", 12, 6, wholesaler, canteens[0], gtin, lot, 100),
            Move("shipping", 12, 7, wholesaler, canteens[1], gtin, lot, 100));
        await CaptureAsync(db, shop, now, Move("receiving", 12, 9, wholesaler, shop, gtin, lot, 200));
        await CaptureAsync(db, canteens[0], now, Move("receiving", 12, 10, wholesaler, canteens[0], gtin, lot, 100));
        await CaptureAsync(db, canteens[1], now, Move("receiving", 12, 11, wholesaler, canteens[1], gtin, lot, 100));
    }

    private static Task CaptureAsync(ShianDb db, Business by, DateTime now, params string[] events) =>
        DemoCapture.CaptureAsync(db, by.Id, Guid.Empty, now, events);

    private static string Gln13(string twelve) => twelve + Gtin.CheckDigit(twelve);
}
