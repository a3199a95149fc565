using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Shian.Data;
using Shian.Registry;
using Shian.Traceability;

namespace Shian.Demo;

/// <summary>
/// The demo's traceability: a few products of demo producers with valid GTINs, a short code per demo lot, 合格证 with
/// receipts by markets and supermarkets of other townships (one revoked), and the chain of custody of one lot (harvest,
/// packing, shipping, receiving, shelving, sale) captured as one EPCIS document. The demo operator also runs the first
/// cooperative, so that it can issue certificates and receive others'. Once; a few dozen rows.
/// </summary>
public static class DemoTrace
{
    /// <summary>The demo lot with a chain of custody (shown on the home page's example and used by the benchmark).</summary>
    public const string DemoLot = "HG20261101";

    /// <summary>The demo GTIN-14 of 黄瓜 (company prefix 6901234, item 00001).</summary>
    public static string CucumberGtin => Gtin14("690123400001");

    /// <summary>The short code of the demo lot: fixed, so that the README and the benchmark can name it.</summary>
    public const string DemoCode = "hgdemv26";

    internal static string Gtin14(string twelve) => "0" + twelve + Gtin.CheckDigit("0" + twelve);

    public static async Task SeedAsync(ShianDb db, TimeProvider clock, CancellationToken ct = default)
    {
        if (await db.TraceProducts.AnyAsync(ct))
        {
            return;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var today = Common.ShianTime.LocalDate(now);
        var producers = await db.Businesses.AsNoTracking()
            .Where(b => b.Category == BusinessCategory.AgriculturalProducer && b.Status == BusinessStatus.Active && ProduceCertificate.ExpectedSubtypes.Contains(b.Subtype))
            .OrderBy(b => b.CreditCode).Take(40).ToListAsync(ct);
        var buyers = await db.Businesses.AsNoTracking().Where(b => b.Subtype == "supermarket" || b.Subtype == "market").OrderBy(b => b.CreditCode).Take(20).ToListAsync(ct);
        if (producers.Count < 3 || buyers.Count < 2)
        {
            return;
        }
        // Producers of different townships where the register has them.
        var spread = producers.DistinctBy(b => b.TownshipId).Concat(producers).Distinct().Take(4).ToList();
        var cooperative = spread[0];
        if (await db.Users.Where(u => u.UserName == Accounts.Roles.Operator).Select(u => (Guid?)u.Id).FirstOrDefaultAsync(ct) is { } operatorId
            && !await db.OperatorBusinesses.AnyAsync(o => o.UserId == operatorId && o.BusinessId == cooperative.Id, ct))
        {
            db.OperatorBusinesses.Add(new Accounts.OperatorBusiness { UserId = operatorId, BusinessId = cooperative.Id });
        }
        (string Item, string Name, string Spec, ProduceCategory Category, string Unit, string ShelfLife)[] items =
        [
            ("00001", "黄瓜", "5kg/箱", ProduceCategory.Vegetables, "千克", "7天"),
            ("00002", "红富士苹果", "10kg/箱", ProduceCategory.Fruit, "箱", "60天"),
            ("00003", "散养鸡蛋", "30枚/盒", ProduceCategory.Eggs, "枚", "30天"),
            ("00004", "盘山板栗", "2.5kg/袋", ProduceCategory.Fruit, "千克", "90天"),
        ];
        var random = new Random(2026);
        var issuedCertificates = new List<ProduceCertificate>();
        for (var i = 0; i < items.Length; i++)
        {
            var item = items[i];
            var producer = spread[i % spread.Count];
            var gtin = Gtin14("6901234" + item.Item);
            var product = new TraceProduct
            {
                Gtin = gtin, Name = item.Name, Specification = item.Spec, Brand = producer.Name.Length > 4 ? producer.Name[..4] : producer.Name, BusinessId = producer.Id,
                TownshipId = producer.TownshipId, Origin = "天津市蓟州区 " + producer.Address, ShelfLife = item.ShelfLife, CreatedAt = now, CreatedBy = "demo",
            };
            // The demo's own claims, confirmed as the office would confirm any other.
            product.Confirm("demo", now);
            db.TraceProducts.Add(product);
            for (var k = 0; k < 3; k++)
            {
                var issued = today.AddDays(-3 - 9 * k - i);
                var lot = i == 0 && k == 0 ? DemoLot : $"L{issued:yyyyMMdd}{i}";
                db.TraceCodes.Add(new TraceCode { Code = i == 0 && k == 0 ? DemoCode : TraceCode.NewCode(), Gtin = gtin, Lot = lot, BusinessId = producer.Id, CreatedAt = now });
                var quantity = item.Unit == "枚" ? 3000 : 200 + 100 * random.Next(1, 8);
                var certificate = new ProduceCertificate
                {
                    BusinessId = producer.Id, TownshipId = producer.TownshipId, ProductName = item.Name, Category = item.Category,
                    Quantity = quantity, Unit = item.Unit, Mode = k == 1 ? CertificateMode.PerPackage : CertificateMode.PerBatch, Copies = k == 1 ? 10 : 1,
                    ProducerName = producer.Name, Origin = "天津市蓟州区 " + producer.Address, ContactPhone = producer.ContactPhone, IssuedOn = issued, Promised = true,
                    SignedBy = producer.LegalRepresentative, Basis = k == 2 ? CertificateBasis.CommissionedTest : CertificateBasis.SelfControl,
                    ReportNumber = k == 2 ? $"JZJC-{issued:yyyyMMdd}-{i + 1:00}" : "", Gtin = gtin, Lot = lot,
                };
                Refused(certificate.Issue("demo", DemoTime.At(issued, 7)));
                if (i == 3 && k == 2)
                {
                    Refused(certificate.Revoke("自检发现包装标识错误，重新开具", "demo", DemoTime.At(issued, 9)));
                }
                else if (k < 2)
                {
                    var buyer = buyers[(i * 3 + k) % buyers.Count];
                    Refused(certificate.Receive(buyer.Id, buyer.Name, Math.Min(quantity, quantity / 2 + 50), issued.AddDays(1), today, "demo", DemoTime.At(issued.AddDays(1), 9)));
                }
                issuedCertificates.Add(certificate);
            }
        }
        await ProduceCertificate.IssueAsync(db, issuedCertificates, now, ct);
        await ChainOfCustodyAsync(db, cooperative, buyers[0], CucumberGtin, today, now, ct);
    }

    /// <summary>The demo goes through the certificates' transitions like a user: a refusal is a bug in the demo.</summary>
    private static void Refused(Common.Problem? problem)
    {
        if (problem is not null)
        {
            throw new InvalidOperationException("Demo certificate refused: " + problem);
        }
    }

    /// <summary>One EPCIS document for the demo lot: harvest and packing at the cooperative, shipping, receiving and shelving at the supermarket, a sale.</summary>
    private static async Task ChainOfCustodyAsync(ShianDb db, Business farm, Business shop, string gtin, DateOnly today, DateTime now, CancellationToken ct)
    {
        var farmGln = "6901234" + "10001";
        var shopGln = "6901234" + "20001";
        farmGln += Gtin.CheckDigit(farmGln);
        shopGln += Gtin.CheckDigit(shopGln);
        var farmKey = TraceKey.Of($"https://id.gs1.org/414/{farmGln}");
        var shopKey = TraceKey.Of($"https://id.gs1.org/414/{shopGln}");
        if (!await db.TraceParties.AnyAsync(p => p.Key == farmKey || p.Key == shopKey, ct))
        {
            foreach (var (key, business) in new[] { (farmKey, farm), (shopKey, shop) })
            {
                var party = new TraceParty { Key = key, BusinessId = business.Id, Name = business.Name };
                party.Confirm("demo", now);
                db.TraceParties.Add(party);
            }
            await db.SaveChangesAsync(ct);
        }
        var lotUri = $"https://id.gs1.org/01/{gtin}/10/{DemoLot}";
        string Time(int daysAgo, int hour) => new DateTimeOffset(DemoTime.At(today.AddDays(-daysAgo), hour)).ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture);
        string Event(string bizStep, string time, string gln, string action = "OBSERVE", string? disposition = null) =>
            $$$"""
            {"type":"ObjectEvent","eventTime":"{{{time}}}","eventTimeZoneOffset":"+08:00","action":"{{{action}}}","bizStep":"{{{bizStep}}}",{{{(disposition is null ? "" : $"\"disposition\":\"{disposition}\",")}}}
             "quantityList":[{"epcClass":"{{{lotUri}}}","quantity":500,"uom":"KGM"}],"readPoint":{"id":"https://id.gs1.org/414/{{{gln}}}"},"bizLocation":{"id":"https://id.gs1.org/414/{{{gln}}}"}}
            """;
        await DemoCapture.CaptureAsync(db, farm.Id, Guid.Empty, now,
        [
            Event("https://shian.example/voc/bizstep/harvesting", Time(4, 6), farmGln, "ADD", "active"),
            Event("packing", Time(4, 9), farmGln),
            Event("shipping", Time(3, 5), farmGln, disposition: "in_transit"),
            Event("receiving", Time(3, 8), shopGln, disposition: "in_progress"),
            Event("stocking", Time(3, 9), shopGln, disposition: "sellable_accessible"),
            Event("retail_selling", Time(2, 18), shopGln, disposition: "retail_sold"),
        ], ct);
    }
}
