using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Shian.Common;
using Shian.Data;
using Shian.Ledger;
using Shian.Performance;
using Shian.Registry;
using Shian.Traceability;

namespace Shian.Demo;

/// <summary>
/// The demo's trace node enterprises (肉菜追溯): a dozen markets and supermarkets required to upload weekly since the
/// start of the year, most of them receiving goods most weeks (one trace event per week they reported), three silent,
/// so that trace.upload_rate is about 65%. Each receipt is an EPCIS document captured as a node enterprise's would be
/// (<see cref="DemoCapture"/>), so every event is checked and in the transparency log. Only when no requirement exists yet.
/// </summary>
public static class DemoTraceReporting
{
    // Each business's chance of reporting in a week; the last three never do. The average is 65%.
    private static readonly double[] Rates = [1.0, 1.0, 0.95, 0.9, 0.9, 0.85, 0.8, 0.75, 0.65, 0, 0, 0];

    private static readonly (string Product, string Gtin)[] Products =
    [
        ("冷鲜猪肉", "06901234000017"), ("牛肉", "06901234000024"), ("大白菜", "06901234000031"), ("西红柿", "06901234000048"), ("鸡蛋", "06901234000055"),
    ];

    public static async Task SeedAsync(ShianDb db, TimeProvider clock, CancellationToken ct = default)
    {
        if (await db.TraceReportingRequirements.AnyAsync(ct))
        {
            return;
        }
        var now = ShianTime.UtcNow(clock);
        var today = ShianTime.LocalDate(now);
        var businesses = await db.Businesses.AsNoTracking()
            .Where(b => (b.Subtype == "market" || b.Subtype == "supermarket") && b.Status != BusinessStatus.Closed)
            .OrderBy(b => b.Subtype).ThenBy(b => b.Name).Take(Rates.Length).ToListAsync(ct);
        var userId = await db.Users.Where(u => u.UserName == Accounts.Roles.Operator).Select(u => (Guid?)u.Id).FirstOrDefaultAsync(ct);
        if (businesses.Count == 0 || userId is null)
        {
            return;
        }
        var yearStart = new DateOnly(today.Year, 1, 1);
        foreach (var b in businesses)
        {
            db.TraceReportingRequirements.Add(new TraceReportingRequirement
            {
                Id = Guid.NewGuid(), BusinessId = b.Id, Frequency = ReportingFrequency.Weekly, From = yearStart, SetBy = "demo", SetAt = now,
            });
        }
        await db.SaveChangesAsync(ct);

        var random = new Random(2612);
        var weeks = TraceReporting.Periods(ReportingFrequency.Weekly, yearStart, today.AddDays(-1), today);
        for (var i = 0; i < businesses.Count; i++)
        {
            var business = businesses[i];
            foreach (var (first, _) in weeks)
            {
                if (random.NextDouble() >= Rates[i])
                {
                    continue;
                }
                var day = first.AddDays(random.Next(0, 7));
                day = day < yearStart ? yearStart : day >= today ? today.AddDays(-1) : day;
                var at = DemoTime.At(day, 6 + random.Next(0, 4));
                var (product, gtin) = Products[random.Next(Products.Length)];
                var lot = $"{day:yyyyMMdd}{i:00}";
                var eventId = "urn:uuid:" + new Guid(SHA256.HashData(Encoding.UTF8.GetBytes($"demo-trace-{business.Id}-{day}"))[..16]);
                var quantity = 50 + random.Next(0, 200);
                var json = JsonSerializer.Serialize(new Dictionary<string, object>
                {
                    ["type"] = "ObjectEvent",
                    ["eventID"] = eventId,
                    ["eventTime"] = at.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
                    ["eventTimeZoneOffset"] = "+08:00",
                    ["action"] = "OBSERVE",
                    ["bizStep"] = "receiving",
                    ["disposition"] = "in_progress",
                    ["quantityList"] = new[] { new Dictionary<string, object> { ["epcClass"] = $"https://id.gs1.org/01/{gtin}/10/{lot}", ["quantity"] = quantity, ["uom"] = "KGM" } },
                    // An extension field: namespaced, as EPCIS requires (the prefix is declared in DemoCapture.Context).
                    ["shian:productName"] = product,
                }, Json);
                // One document per receipt, captured when it happened: the upload rate counts the weeks by recordTime.
                await DemoCapture.CaptureAsync(db, business.Id, userId.Value, at, [json], ct);
            }
            db.ChangeTracker.Clear();
        }
    }

    private static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
