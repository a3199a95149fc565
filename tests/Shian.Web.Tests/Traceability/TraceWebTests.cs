using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using QRCoder;
using Shian.Accounts;
using Shian.Data;
using Shian.Registry;
using Shian.Sampling;
using Shian.Traceability;
using Shian.Web.Tests.Sampling;

namespace Shian.Web.Tests.Traceability;

/// <summary>
/// The consumer side of traceability: products registered with checked GTINs, label sheets whose QR codes carry the lot's
/// short address, and the public page reached by every GTIN form, by the short code, answering licence validity, the
/// published (only) sampling result and the chain of custody, with friendly 404s.
/// </summary>
public sealed class TraceWebTests(ShianWebFactory factory) : IClassFixture<ShianWebFactory>
{

    private const string Gtin13 = "6901234567892";
    private const string Gtin14 = "06901234567892";

    private sealed record World(Guid Farm, Guid Other, Guid OtherProduct);

    private Task<World> SetUpAsync() => factory.QueryAsync(async db =>
    {
        var townshipA = await db.Users.Where(u => u.UserName == "township").Select(u => u.TownshipId!.Value).SingleAsync();
        var townshipB = await db.Townships.Where(t => t.Id != townshipA && t.Active).OrderBy(t => t.Code).Select(t => t.Id).FirstAsync();
        var today = Common.ShianTime.LocalDate(DateTime.UtcNow);
        Business Make(string name, string code, Guid township, BusinessCategory category, string subtype) => new()
        {
            Name = name, CreditCode = code, Address = name + "地址", TownshipId = township, Category = category, Subtype = subtype,
            LegalRepresentative = "张三", ContactPhone = "13900001111", CreatedAt = DateTime.UtcNow,
        };
        var farm = Make("绿野食品有限公司", "91120225TRACE0001A", townshipA, BusinessCategory.Producer, "food-plant");
        var other = Make("山里食品厂", "91120225TRACE0002B", townshipB, BusinessCategory.Producer, "food-plant");
        var shop = Make("鑫源超市", "91120225TRACE0003C", townshipB, BusinessCategory.Seller, "supermarket");
        db.Businesses.AddRange(farm, other, shop);
        db.Licences.Add(new Licence
        {
            BusinessId = farm.Id, Kind = AuthorisationKind.ProductionLicence, Number = "SC10112022500011", IssuedOn = today.AddYears(-1), ExpiresOn = today.AddYears(4),
            PublicCode = Licence.NewPublicCode(), CreatedAt = DateTime.UtcNow,
        });
        db.Licences.Add(new Licence
        {
            BusinessId = other.Id, Kind = AuthorisationKind.ProductionLicence, Number = "SC10112022500022", IssuedOn = today.AddYears(-5), ExpiresOn = today.AddDays(-1),
            PublicCode = Licence.NewPublicCode(), CreatedAt = DateTime.UtcNow,
        });
        var operatorId = await db.Users.Where(u => u.UserName == "operator").Select(u => u.Id).SingleAsync();
        db.OperatorBusinesses.Add(new OperatorBusiness { UserId = operatorId, BusinessId = farm.Id });
        // Products of the other plant: a GTIN-8 and a GTIN-12 (UPC-A), stored as GTIN-14.
        var eight = new TraceProduct { Gtin = "00000096385074", Name = "山里酸奶", Specification = "200g", BusinessId = other.Id, TownshipId = townshipB, Origin = "天津", CreatedAt = DateTime.UtcNow };
        var twelve = new TraceProduct { Gtin = "00036000291452", Name = "山里豆腐", Specification = "400g", BusinessId = other.Id, TownshipId = townshipB, Origin = "天津", CreatedAt = DateTime.UtcNow };
        // Claims the office has confirmed (a pending one names no producer on the public page).
        Assert.Null(eight.Confirm("office", DateTime.UtcNow));
        Assert.Null(twelve.Confirm("office", DateTime.UtcNow));
        db.TraceProducts.AddRange(eight, twelve);
        // The tofu's lot D1 is known by its label code (an unpublished sample alone would not make it known).
        db.TraceCodes.Add(new TraceCode { Code = "tfdemv23", Gtin = twelve.Gtin, Lot = "D1", BusinessId = other.Id, CreatedAt = DateTime.UtcNow });
        var shopLocation = new TraceParty { Key = TraceKey.Of("urn:epc:id:sgln:6901234.00002.0"), BusinessId = shop.Id, Name = "鑫源超市" };
        Assert.Null(shopLocation.Confirm("office", DateTime.UtcNow));
        db.TraceParties.Add(shopLocation);
        await db.SaveChangesAsync();
        return new World(farm.Id, other.Id, eight.Id);
    });

    /// <summary>A lot's events: shipped by the plant, received at the supermarket; one serialised item commissioned.</summary>
    private Task StoreEventsAsync(Guid business) => factory.QueryAsync(async db =>
    {
        var json = $$$"""
            {"@context":["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"],"type":"EPCISDocument","schemaVersion":"2.0","creationDate":"2026-11-20T08:00:00.000+08:00",
             "epcisBody":{"eventList":[
              {"type":"ObjectEvent","eventTime":"2026-11-20T09:00:00.000+08:00","eventTimeZoneOffset":"+08:00","action":"OBSERVE","bizStep":"shipping",
               "quantityList":[{"epcClass":"https://id.gs1.org/01/{{{Gtin14}}}/10/L2026A","quantity":100,"uom":"KGM"}],"readPoint":{"id":"urn:epc:id:sgln:6901234.00001.0"}},
              {"type":"ObjectEvent","eventTime":"2026-11-20T15:30:00.000+08:00","eventTimeZoneOffset":"+08:00","action":"OBSERVE","bizStep":"receiving",
               "quantityList":[{"epcClass":"urn:epc:class:lgtin:6901234.056789.L2026A","quantity":100,"uom":"KGM"}],"bizLocation":{"id":"urn:epc:id:sgln:6901234.00002.0"}},
              {"type":"ObjectEvent","eventTime":"2026-11-19T08:00:00.000+08:00","eventTimeZoneOffset":"+08:00","action":"ADD","bizStep":"commissioning",
               "epcList":["https://id.gs1.org/01/{{{Gtin14}}}/21/S001"]}
             ]}}
            """;
        var read = EpcisDocumentReader.Read(json);
        Assert.Empty(read.Errors);
        var job = new CaptureJob { Id = Guid.CreateVersion7(), BusinessId = business, UserId = Guid.Empty, CreatedAt = DateTime.UtcNow };
        await EpcisCapture.StoreAsync(db, job, read.Events);
        return 0;
    });

    private Task PublishAsync(Guid sampleId) => factory.QueryAsync(async db =>
    {
        var today = Common.ShianTime.LocalDate(DateTime.UtcNow);
        var announcement = SamplingAnnouncement.Draft("公告", SamplingKind.Supervision, today.AddDays(-30), today, null, [sampleId], DateTime.UtcNow, "office");
        Assert.Null(announcement.Approve("office2", byOffice: true, 9, DateTime.UtcNow, today));
        db.SamplingAnnouncements.Add(announcement);
        await db.SaveChangesAsync();
        return 0;
    });

    private Task SetLotAsync(Guid sampleId, string gtin, string lot) => factory.QueryAsync(async db =>
    {
        var sample = await db.Samples.SingleAsync(s => s.Id == sampleId);
        sample.Gtin = gtin;
        sample.BatchNumber = lot;
        await db.SaveChangesAsync();
        return 0;
    });

    /// <summary>The module matrix drawn by the label's QR path (a dark module per <c>Mx yh1v1h-1z</c>).</summary>
    private static bool[,] Drawn(string svg, int size)
    {
        var path = Regex.Match(svg, "<symbol id=\"qr\"[^>]*>.*?<path d=\"([^\"]*)\"", RegexOptions.Singleline).Groups[1].Value;
        var modules = new bool[size, size];
        foreach (Match m in Regex.Matches(path, @"M(\d+) (\d+)h1v1h-1z"))
        {
            modules[int.Parse(m.Groups[2].Value), int.Parse(m.Groups[1].Value)] = true;
        }
        return modules;
    }

    [Fact]
    public async Task Products_labels_and_the_consumer_page_by_every_address()
    {
        var w = await SetUpAsync();
        using var operatorClient = await factory.SignedInAsync("operator");

        // Registering a product: the GTIN checked (nothing stored on a refusal), normalised to 14 digits, unique.
        var form = new Dictionary<string, string>
        {
            ["BusinessId"] = w.Farm.ToString(), ["Gtin"] = Gtin13, ["Name"] = "精品黄瓜", ["Specification"] = "5kg/箱", ["Brand"] = "绿野", ["Origin"] = "天津市蓟州区",
            ["ShelfLife"] = "7天", ["FoodCategoryCode"] = "",
        };
        (string Field, string Value, string Message)[] refusals =
        [
            ("Gtin", "6901234567891", "商品条码（GTIN）校验位错误"), ("Gtin", "69012345", "商品条码（GTIN）校验位错误"), ("Gtin", "12345", "应为 8、12、13 或 14 位数字"),
            ("Gtin", "", "请填写商品条码"), ("Name", "", "请填写产品名称"), ("Specification", "", "请填写规格"), ("Origin", "", "请填写产地"),
            ("BusinessId", w.Other.ToString(), "请选择生产者"),
        ];
        foreach (var (field, value, message) in refusals)
        {
            var answer = await (await operatorClient.PostFormAsync("/trace/products", new(form) { [field] = value })).Content.ReadAsStringAsync();
            Assert.True(answer.Contains(message), $"{field}={value}: expected {message}");
        }
        Assert.Equal(2, await factory.QueryAsync(db => db.TraceProducts.CountAsync()));
        Assert.Equal(HttpStatusCode.Redirect, (await operatorClient.PostFormAsync("/trace/products", new(form))).StatusCode);
        var product = await factory.QueryAsync(db => db.TraceProducts.AsNoTracking().SingleAsync(p => p.Name == "精品黄瓜"));
        Assert.Equal(Gtin14, product.Gtin);
        Assert.Contains("已登记", await (await operatorClient.PostFormAsync("/trace/products", new(form) { ["Gtin"] = Gtin14 })).Content.ReadAsStringAsync());
        // The registration is a claim the office confirms before the public page names the farm as the producer.
        Assert.Equal(TraceClaimStatus.Pending, product.Status);
        Assert.Equal(HttpStatusCode.NotFound, (await factory.CreateClient().GetAsync($"/01/{Gtin14}")).StatusCode);
        using (var office = await factory.SignedInAsync("office"))
        {
            var confirmed = await office.PostFormAsync("/trace/claims", new(), $"/trace/claims?handler=Confirm&kind=Product&id={product.Id}");
            Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        }
        Assert.Equal(TraceClaimStatus.Confirmed, await factory.QueryAsync(db => db.TraceProducts.Where(p => p.Id == product.Id).Select(p => p.Status).SingleAsync()));

        // Scope: the operator and the township officer see the farm's product, not the other plant's (another township).
        var mine = await operatorClient.GetStringAsync("/trace/products");
        Assert.Contains("精品黄瓜", mine);
        Assert.DoesNotContain("山里酸奶", mine);
        using var township = await factory.SignedInAsync("township");
        var theirs = await township.GetStringAsync("/trace/products");
        Assert.Contains("精品黄瓜", theirs);
        Assert.DoesNotContain("山里酸奶", theirs);
        Assert.Equal(HttpStatusCode.NotFound, (await operatorClient.GetAsync($"/trace/products/{w.OtherProduct}/labels")).StatusCode);
        Assert.Contains("山里酸奶", await (await factory.SignedInAsync("office")).GetStringAsync("/trace/products"));

        // A label sheet: 30 labels of lot L2026A, each the QR code of the lot's short address.
        var labels = $"/trace/products/{product.Id}/labels";
        Assert.Contains("标签数量应为 1 至 500", await (await operatorClient.PostFormAsync(labels, new() { ["Lot"] = "L2026A", ["Count"] = "501" })).Content.ReadAsStringAsync());
        Assert.Contains("请填写批号", await (await operatorClient.PostFormAsync(labels, new() { ["Lot"] = "", ["Count"] = "30" })).Content.ReadAsStringAsync());
        Assert.Equal(1, await factory.QueryAsync(db => db.TraceCodes.CountAsync()));
        var made = await operatorClient.PostFormAsync(labels, new() { ["Lot"] = "L2026A", ["Count"] = "30" });
        Assert.Equal(HttpStatusCode.Redirect, made.StatusCode);
        var code = await factory.QueryAsync(db => db.TraceCodes.AsNoTracking().SingleAsync(c => c.Lot == "L2026A"));
        Assert.Matches("^[2-9a-hjkmnp-z]{8}$", code.Code);
        Assert.Equal((Gtin14, "L2026A", w.Farm), (code.Gtin, code.Lot, code.BusinessId));
        var sheetPage = await operatorClient.GetStringAsync(made.Headers.Location!.OriginalString);
        Assert.Contains($"/t/{code.Code}", sheetPage);
        var svg = await operatorClient.GetAsync($"{labels}?handler=Svg&lot=L2026A&count=30");
        Assert.Equal("image/svg+xml", svg.Content.Headers.ContentType?.MediaType);
        var svgText = await svg.Content.ReadAsStringAsync();
        var url = $"http://localhost/t/{code.Code}";
        Assert.Equal(30, Regex.Matches(svgText, $"<g class=\"label\" data-payload=\"{Regex.Escape(url)}\"").Count);
        Assert.Equal(30, Regex.Matches(svgText, "<use href=\"#qr\"").Count);
        Assert.Contains("精品黄瓜", svgText);
        using (var expected = QRCodeGenerator.GenerateQrCode(url, QRCodeGenerator.ECCLevel.M))
        {
            var size = expected.ModuleMatrix.Count;
            var drawn = Drawn(svgText, size);
            for (var y = 0; y < size; y++)
            {
                for (var x = 0; x < size; x++)
                {
                    Assert.True(expected.ModuleMatrix[y][x] == drawn[y, x], $"module {x},{y}");
                }
            }
        }
        var png = await operatorClient.GetByteArrayAsync($"{labels}?handler=Png&lot=L2026A&count=30&sheet=2");
        Assert.Equal([0x89, 0x50, 0x4E, 0x47], png[..4]);
        Assert.Equal(HttpStatusCode.NotFound, (await operatorClient.GetAsync($"{labels}?handler=Png&lot=L2026A&count=30&sheet=3")).StatusCode);
        // A count edited into the address: refused by name, for both formats.
        foreach (var handler in new[] { "Svg", "Png" })
        {
            foreach (var count in new[] { "0", "501", "-3" })
            {
                var refused = await operatorClient.GetAsync($"{labels}?handler={handler}&lot=L2026A&count={count}");
                Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
                Assert.Contains("标签数量 count 应为 1 至 500", await refused.Content.ReadAsStringAsync());
            }
        }
        Assert.Equal(HttpStatusCode.NotFound, (await operatorClient.GetAsync($"{labels}?handler=Svg&lot=NOPE&count=30")).StatusCode);

        // Sampling results: a failed result not yet published stays hidden; the published one is shown.
        var hidden = await factory.AddSampleAsync("绿野食品", "黄瓜", SamplingKind.Supervision, SampleConclusion.Failed, "", "TR-2026-000001", Common.ShianTime.LocalDate(DateTime.UtcNow).AddDays(-2));
        await SetLotAsync(hidden.Id, Gtin14, "L2026A");
        var shown = await factory.AddSampleAsync("绿野食品", "黄瓜", SamplingKind.Supervision, SampleConclusion.Passed, "", "TR-2026-000002", Common.ShianTime.LocalDate(DateTime.UtcNow).AddDays(-5));
        await SetLotAsync(shown.Id, Gtin14, "L2026A");
        await PublishAsync(shown.Id);
        var unpublishedOnly = await factory.AddSampleAsync("山里食品厂", "豆腐", SamplingKind.Supervision, SampleConclusion.Failed, "", "TR-2026-000003", Common.ShianTime.LocalDate(DateTime.UtcNow).AddDays(-2));
        await SetLotAsync(unpublishedOnly.Id, "00036000291452", "D1");
        await StoreEventsAsync(w.Farm);

        // The consumer page, anonymous, by each GTIN form; query strings ignored.
        using var phone = factory.CreateClient(new() { AllowAutoRedirect = false });
        foreach (var address in new[] { $"/01/{Gtin14}/10/L2026A", $"/01/{Gtin13}/10/L2026A", $"/01/{Gtin14}/10/L2026A?17=261231&utm_source=label", $"/t/{code.Code}", $"/t/{code.Code.ToUpperInvariant()}" })
        {
            var response = await phone.GetAsync(address);
            Assert.True(response.StatusCode == HttpStatusCode.OK, address);
            var page = await response.Content.ReadAsStringAsync();
            Assert.Contains("精品黄瓜", page);
            Assert.Contains("data-testid=\"licence-valid\"", page);
            Assert.Contains("SC10112022500011", page);
            Assert.Contains("data-testid=\"sample-result\">合格", page);
            Assert.Contains("2026年第9期", page);
            Assert.DoesNotContain("不合格", page);
            Assert.Contains("投诉举报", page);
            var steps = Regex.Matches(page, "data-testid=\"step\">\\s*<strong>(.*?)</strong>").Select(m => m.Groups[1].Value).ToList();
            Assert.Equal(["发货", "收货"], steps);
            Assert.Contains("鑫源超市", page); // the receiving place by its trace party's name
            Assert.Contains("2026-11-20 15:30", page); // local time of the event
        }
        Assert.Equal(["生产赋码"], Regex.Matches(await phone.GetStringAsync($"/01/{Gtin14}/21/S001"), "data-testid=\"step\">\\s*<strong>(.*?)</strong>").Select(m => m.Groups[1].Value));
        var productOnly = await phone.GetStringAsync($"/01/{Gtin13}");
        Assert.Contains("精品黄瓜", productOnly);

        // GTIN-8 and GTIN-12 products; an expired licence is shown as not valid; an unpublished failure is not shown.
        Assert.Contains("山里酸奶", await phone.GetStringAsync("/01/96385074"));
        Assert.Contains("山里酸奶", await phone.GetStringAsync("/01/00000096385074"));
        var tofu = await phone.GetStringAsync("/01/036000291452/10/D1");
        Assert.Contains("山里豆腐", tofu);
        Assert.Contains("data-testid=\"licence-invalid\"", tofu);
        Assert.Contains("data-testid=\"no-sample\"", tofu);
        Assert.DoesNotContain("不合格", tofu);
        Assert.Contains("山里豆腐", await phone.GetStringAsync("/01/0036000291452/10/D1"));

        // Friendly 404s: a wrong check digit, an unknown product, an unknown lot or serial, an unknown short code.
        foreach (var address in new[] { $"/01/06901234567891/10/L2026A", "/01/4006381333931", $"/01/{Gtin14}/10/NOLOT", $"/01/{Gtin14}/21/S999", $"/01/{Gtin14}/99/x", "/t/zzzzzzzz", "/t/short", "/01/abc" })
        {
            var response = await phone.GetAsync(address);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, address);
            var page = await response.Content.ReadAsStringAsync();
            Assert.Contains("未找到该产品或批次", page);
            Assert.Contains("href=\"/#report\"", page);
            Assert.Contains("返回首页", page);
        }
    }
}
