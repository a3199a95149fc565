using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shian.Accounts;
using Shian.Data;
using Shian.Registry;
using Shian.Traceability;
using Shian.Web.Features.Traceability;
using static Shian.Web.Tests.Traceability.EpcisKit;

namespace Shian.Web.Tests.Traceability;

/// <summary>
/// Trace data belongs to its capturer (issue [7]): a producer's lots, shipped to a kindergarten canteen, and a stranger —
/// the demo operator's restaurant, with its own capture key — who names those lots in events of its own. The stranger's
/// events show on no lot page, export, recall scope or consumer page; its error declarations are refused; GTIN and GLN
/// claims name nobody until the office confirms them; public pages show no row ids; a body that is not UTF-8 is a 400.
/// </summary>
public sealed class TraceOwnershipTests(ShianWebFactory factory) : IClassFixture<ShianWebFactory>, IAsyncLifetime
{
    private const string OwnerPassword = "Owner@2020pass";
    private const string OwnerName = "溯源测试食品厂";
    private const string CanteenName = "阳光幼儿园食堂";
    private static readonly string Product = G("690555000001");
    private static readonly string GlnOwner = L("690555000010"), GlnCanteen = L("690555000020");

    private Guid _owner, _canteen, _stranger;

    private static string G(string twelve) => "0" + twelve + Gtin.CheckDigit("0" + twelve);

    private static string L(string twelve) => twelve + Gtin.CheckDigit(twelve);

    /// <summary>Once per database: the producer (run by its own operator account), the canteen, their confirmed GTIN and GLNs.</summary>
    public async Task InitializeAsync()
    {
        _stranger = await OperatorBusinessAsync(factory);
        (_owner, _canteen) = await factory.QueryAsync(async (db, services) =>
        {
            if (await db.Businesses.FirstOrDefaultAsync(b => b.Name == OwnerName) is { } existing)
            {
                return (existing.Id, await db.Businesses.Where(b => b.Name == CanteenName).Select(b => b.Id).SingleAsync());
            }
            var township = await db.Townships.Select(t => t.Id).FirstAsync();
            Business Make(string name, string code, BusinessCategory category, string subtype) => new()
            {
                Name = name, CreditCode = code, Address = name + "地址", TownshipId = township, Category = category, Subtype = subtype,
                LegalRepresentative = "李四", ContactName = "王老师", ContactPhone = "13900002222", CreatedAt = DateTime.UtcNow,
            };
            var owner = Make(OwnerName, "91120225OWNER0001A", BusinessCategory.Producer, "food-plant");
            var canteen = Make(CanteenName, "91120225OWNER0002B", BusinessCategory.Canteen, "kindergarten");
            db.Businesses.AddRange(owner, canteen);
            var product = new TraceProduct { Gtin = Product, Name = "溯源测试挂面", Specification = "1kg/袋", BusinessId = owner.Id, TownshipId = township, Origin = "天津", CreatedAt = DateTime.UtcNow };
            var ownerPlace = new TraceParty { Key = "414/" + GlnOwner, BusinessId = owner.Id, Name = "溯源测试食品厂车间" };
            var canteenPlace = new TraceParty { Key = "414/" + GlnCanteen, BusinessId = canteen.Id, Name = "阳光幼儿园厨房" };
            Assert.Null(product.Confirm("office", DateTime.UtcNow));
            Assert.Null(ownerPlace.Confirm("office", DateTime.UtcNow));
            Assert.Null(canteenPlace.Confirm("office", DateTime.UtcNow));
            db.TraceProducts.Add(product);
            db.TraceParties.AddRange(ownerPlace, canteenPlace);
            var users = services.GetRequiredService<UserManager<ShianUser>>();
            var ownerUser = new ShianUser { UserName = "owner-op", DisplayName = "owner-op", CreatedAt = DateTime.UtcNow };
            Assert.True((await users.CreateAsync(ownerUser, OwnerPassword)).Succeeded);
            Assert.True((await users.AddToRoleAsync(ownerUser, Roles.Operator)).Succeeded);
            db.OperatorBusinesses.Add(new OperatorBusiness { UserId = ownerUser.Id, BusinessId = owner.Id });
            await db.SaveChangesAsync();
            return (owner.Id, canteen.Id);
        });
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static string LotUri(string lot) => $"https://id.gs1.org/01/{Product}/10/{lot}";

    private static string Key(string lot) => TraceKey.Lot(Product, lot);

    private static string ShippingId(string lot) => $"urn:test:owner:{lot}:shipping";

    private static JsonObject Event(string step, string at, string lot, string? eventId, string action = "OBSERVE", string? from = null, string? to = null, string? place = null, string? disposition = null)
    {
        var e = new JsonObject
        {
            ["type"] = "ObjectEvent", ["eventTime"] = at, ["eventTimeZoneOffset"] = "+08:00", ["action"] = action, ["bizStep"] = step,
            ["quantityList"] = new JsonArray(new JsonObject { ["epcClass"] = LotUri(lot), ["quantity"] = 100, ["uom"] = "KGM" }),
        };
        if (eventId is not null) { e["eventID"] = eventId; }
        if (disposition is not null) { e["disposition"] = disposition; }
        if (place is not null) { e["bizLocation"] = new JsonObject { ["id"] = "https://id.gs1.org/414/" + place }; }
        if (from is not null) { e["sourceList"] = new JsonArray(new JsonObject { ["type"] = "location", ["source"] = "https://id.gs1.org/414/" + from }); }
        if (to is not null) { e["destinationList"] = new JsonArray(new JsonObject { ["type"] = "location", ["destination"] = "https://id.gs1.org/414/" + to }); }
        return e;
    }

    private static string Document(params JsonObject[] events) => EpcisKit.Document(events.Cast<JsonNode>().ToArray()).ToJsonString();

    /// <summary>A lot of the producer, made and shipped to the canteen (the producer's events) and received there (the canteen's); its short code.</summary>
    private async Task<string> OwnedLotAsync(string lot, bool withEventIds = true) => await factory.QueryAsync(async (db, _) =>
    {
        async Task StoreAsync(Guid business, params JsonObject[] events)
        {
            var read = EpcisDocumentReader.Read(Document(events));
            Assert.Empty(read.Errors);
            var job = new CaptureJob { Id = Guid.CreateVersion7(), BusinessId = business, UserId = Guid.Empty, CreatedAt = DateTime.UtcNow, ContextJson = read.ContextJson };
            await EpcisCapture.StoreAsync(db, job, read.Events);
        }
        await StoreAsync(_owner,
            Event("commissioning", "2026-11-01T08:00:00+08:00", lot, withEventIds ? $"urn:test:owner:{lot}:made" : null, "ADD", place: GlnOwner, disposition: "active"),
            Event("shipping", "2026-11-02T08:00:00+08:00", lot, withEventIds ? ShippingId(lot) : null, from: GlnOwner, to: GlnCanteen, place: GlnOwner, disposition: "in_transit"));
        await StoreAsync(_canteen,
            Event("receiving", "2026-11-02T15:00:00+08:00", lot, withEventIds ? $"urn:test:canteen:{lot}:received" : null, from: GlnOwner, to: GlnCanteen, place: GlnCanteen));
        var code = await TraceCode.ForLotAsync(db, Product, lot, _owner, DateTime.UtcNow);
        await db.SaveChangesAsync();
        return code.Code;
    });

    /// <summary>The stranger (the demo operator's restaurant) captures through the API with its own key.</summary>
    private async Task<HttpResponseMessage> StrangerCapturesAsync(params JsonObject[] events)
    {
        var (secret, _) = await IssueAsync(factory, Roles.Operator, ApiScopes.EpcisCapture);
        using var client = Client(factory, secret);
        return await client.PostAsync("/epcis/capture", Body(Document(events)));
    }

    private static List<string> Steps(string page) =>
        Regex.Matches(page, "data-testid=\"step\">\\s*<strong>(.*?)</strong>").Select(m => m.Groups[1].Value).ToList();

    private static string Recall(string page)
    {
        var start = page.IndexOf("data-testid=\"recall\"", StringComparison.Ordinal);
        Assert.True(start >= 0, "the page has a recall scope");
        return page[start..page.IndexOf("</section>", start, StringComparison.Ordinal)];
    }

    [Fact]
    public async Task A_strangers_event_on_a_lot_shows_on_neither_the_owners_lot_page_nor_its_export_nor_the_consumer_page()
    {
        await OwnedLotAsync("F1");
        var captured = await StrangerCapturesAsync(Event("receiving", "2026-11-03T09:00:00+08:00", "F1", "urn:test:stranger:F1", to: GlnCanteen, place: GlnCanteen));
        Assert.Equal(HttpStatusCode.Accepted, captured.StatusCode);

        using var owner = await factory.SignedInAsync("owner-op", OwnerPassword);
        var url = TraceabilityRoutes.Lot(Key("F1"));
        var page = await owner.GetStringAsync(url);
        Assert.Contains("data-testid=\"event-count\">3<", page);
        var export = await owner.GetStringAsync(url + "?handler=Epcis");
        Assert.Contains(ShippingId("F1"), export);
        Assert.DoesNotContain("urn:test:stranger:F1", export);
        using var fsma = new MemoryStream(await owner.GetByteArrayAsync(url + "?handler=Fsma"));
        var eventIds = MiniExcelLibs.MiniExcel.Query(fsma, useHeaderRow: true).Cast<IDictionary<string, object?>>()
            .Select(r => r.Values.Last()?.ToString() ?? "").ToList();
        Assert.Contains(ShippingId("F1"), eventIds);
        Assert.DoesNotContain("urn:test:stranger:F1", eventIds);

        var consumer = await factory.CreateClient().GetStringAsync($"/01/{Product}/10/F1");
        Assert.Equal(["生产赋码", "发货", "收货"], Steps(consumer));

        // Staff still see it, marked; the recall scope is the producer and the canteen only.
        using var office = await factory.SignedInAsync("office");
        var staff = await office.GetStringAsync(url);
        Assert.Contains("data-testid=\"event-count\">4<", staff);
        Assert.Contains("data-testid=\"uncorroborated\"", staff);
        var recall = Recall(staff);
        Assert.Contains(CanteenName, recall);
        Assert.DoesNotContain("老王家常菜馆", recall);
    }

    [Fact]
    public async Task An_operator_cannot_open_a_lot_its_business_only_named_in_an_event()
    {
        await OwnedLotAsync("F2");
        Assert.Equal(HttpStatusCode.Accepted, (await StrangerCapturesAsync(Event("inspecting", "2026-11-03T09:00:00+08:00", "F2", "urn:test:stranger:F2", place: GlnCanteen))).StatusCode);
        var url = TraceabilityRoutes.Lot(Key("F2"));
        using var stranger = await factory.SignedInAsync("operator");
        foreach (var address in new[] { url, url + "?handler=Epcis", url + "?handler=Fsma" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(address)).StatusCode);
        }
        using var owner = await factory.SignedInAsync("owner-op", OwnerPassword);
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task An_error_declaration_of_another_businesss_event_is_refused_and_the_recall_scope_keeps_the_canteen()
    {
        await OwnedLotAsync("F3");
        using var office = await factory.SignedInAsync("office");
        var url = TraceabilityRoutes.Lot(Key("F3"));
        var before = Recall(await office.GetStringAsync(url));
        Assert.Contains(CanteenName, before);
        var counts = await CountAsync(factory);

        var declaration = Event("shipping", "2026-11-02T08:00:00+08:00", "F3", ShippingId("F3"), from: GlnOwner, to: GlnCanteen);
        declaration["errorDeclaration"] = new JsonObject { ["declarationTime"] = "2026-11-04T08:00:00+08:00", ["reason"] = "incorrect_data" };
        var refused = await ProblemAsync(await StrangerCapturesAsync(declaration), HttpStatusCode.BadRequest);
        var (path, message) = Assert.Single(Errors(refused));
        Assert.Equal("$.epcisBody.eventList[0].errorDeclaration", path);
        Assert.Contains(ShippingId("F3"), message);
        Assert.Equal(counts, await CountAsync(factory));
        Assert.Equal(before, Recall(await office.GetStringAsync(url)));

        // A foreign declaration stored before capture refused them (written directly) withdraws nothing either.
        await factory.QueryAsync(async (db, _) =>
        {
            var read = EpcisDocumentReader.Read(Document((JsonObject)declaration.DeepClone()));
            var job = new CaptureJob { Id = Guid.CreateVersion7(), BusinessId = _stranger, UserId = Guid.Empty, CreatedAt = DateTime.UtcNow, ContextJson = read.ContextJson };
            await EpcisCapture.StoreAsync(db, job, read.Events);
            return 0;
        });
        Assert.Equal(before, Recall(await office.GetStringAsync(url)));
    }

    [Fact]
    public async Task A_strangers_destroying_event_is_not_on_the_lots_consumer_page()
    {
        var code = await OwnedLotAsync("F4");
        var destroyed = await StrangerCapturesAsync(Event("destroying", "2026-11-05T09:00:00+08:00", "F4", "urn:test:stranger:F4", place: GlnCanteen, disposition: "destroyed"));
        Assert.Equal(HttpStatusCode.Accepted, destroyed.StatusCode);
        var page = await factory.CreateClient().GetStringAsync($"/t/{code}");
        Assert.Equal(["生产赋码", "发货", "收货"], Steps(page));
        Assert.DoesNotContain("销毁", page);
        Assert.Contains("data-testid=\"ledger-status\"", page); // the proof is the canteen's receipt's
    }

    [Fact]
    public async Task A_strangers_certificate_naming_the_lot_is_not_on_its_consumer_page()
    {
        await OwnedLotAsync("F8");
        var (own, foreign) = await factory.QueryAsync(async (db, _) =>
        {
            var township = await db.Townships.Select(t => t.Id).FirstAsync();
            var today = Common.ShianTime.LocalDate(DateTime.UtcNow);
            ProduceCertificate Issue(Guid business, string producer, DateOnly on) => new ProduceCertificate
            {
                BusinessId = business, TownshipId = township, ProductName = "黄瓜", Category = ProduceCategory.Vegetables, Quantity = 100, Unit = "千克",
                Mode = CertificateMode.PerBatch, Copies = 1, ProducerName = producer, Origin = "天津", ContactPhone = "13900002222", IssuedOn = on, Promised = true,
                SignedBy = "李四", Basis = CertificateBasis.SelfControl, ReportNumber = "", Gtin = Product, Lot = "F8",
            }.Issued("test", DateTime.UtcNow);
            var owners = Issue(_owner, OwnerName, today.AddDays(-2));
            var strangers = Issue(_stranger, "冒名开具的合格证", today.AddDays(-1)); // the later one: it would be shown first
            await ProduceCertificate.IssueAsync(db, [owners, strangers], DateTime.UtcNow);
            return (owners.Code, strangers.Code);
        });
        var page = await factory.CreateClient().GetStringAsync($"/01/{Product}/10/F8");
        Assert.Contains($"/c/{own}", page);
        Assert.DoesNotContain($"/c/{foreign}", page);
    }

    [Fact]
    public async Task The_consumer_page_shows_no_row_ids_of_events_captured_without_an_event_id()
    {
        var code = await OwnedLotAsync("F5", withEventIds: false);
        var rows = await factory.QueryAsync((db, _) => db.EpcisEventEpcs.Where(x => x.Key == Key("F5")).Select(x => x.EventId).Distinct().ToListAsync());
        Assert.Equal(3, rows.Count);
        var page = await factory.CreateClient().GetStringAsync($"/t/{code}");
        Assert.Equal(3, Steps(page).Count);
        Assert.DoesNotContain("urn:uuid:", page);
        foreach (var row in rows)
        {
            Assert.DoesNotContain(row.ToString(), page, StringComparison.OrdinalIgnoreCase);
        }
    }

    private static Dictionary<string, string> ProductForm(Guid business, string gtin) => new()
    {
        ["BusinessId"] = business.ToString(), ["Gtin"] = gtin, ["Name"] = "认领测试饼干", ["Specification"] = "200g", ["Brand"] = "", ["Origin"] = "天津", ["ShelfLife"] = "", ["FoodCategoryCode"] = "",
    };

    [Fact]
    public async Task A_gtin_claim_names_no_producer_on_the_public_page_until_the_office_confirms_it()
    {
        var gtin = G("690555000002");
        using var owner = await factory.SignedInAsync("owner-op", OwnerPassword);
        using var stranger = await factory.SignedInAsync("operator");
        Assert.Equal(HttpStatusCode.Redirect, (await stranger.PostFormAsync("/trace/products", ProductForm(_stranger, gtin))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await owner.PostFormAsync("/trace/products", ProductForm(_owner, gtin))).StatusCode);
        var phone = factory.CreateClient();
        var pending = await phone.GetAsync($"/01/{gtin}");
        Assert.Equal(HttpStatusCode.NotFound, pending.StatusCode);
        Assert.DoesNotContain("老王家常菜馆", await pending.Content.ReadAsStringAsync());

        // The office sees both claims of the code, the company prefix and the claimants, and confirms the producer's.
        using var office = await factory.SignedInAsync("office");
        var claims = await office.GetStringAsync("/trace/claims");
        var row = Regex.Match(claims, $"data-code=\"{gtin}\">(.*?)</tr>", RegexOptions.Singleline).Groups[1].Value;
        Assert.Contains("6905550", row); // the company prefix
        Assert.Contains("老王家常菜馆", row); // the first claimant …
        Assert.Contains(OwnerName, row); // … and the other claim of the same code
        var ownerClaim = await factory.QueryAsync((db, _) => db.TraceProducts.Where(p => p.Gtin == gtin && p.BusinessId == _owner).Select(p => p.Id).SingleAsync());
        var strangerClaim = await factory.QueryAsync((db, _) => db.TraceProducts.Where(p => p.Gtin == gtin && p.BusinessId == _stranger).Select(p => p.Id).SingleAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await office.PostFormAsync("/trace/claims", new(), $"/trace/claims?handler=Confirm&kind=Product&id={ownerClaim}")).StatusCode);
        var confirmed = await phone.GetStringAsync($"/01/{gtin}");
        Assert.Contains($"data-testid=\"producer\">{OwnerName}<", confirmed);
        // The rival claim cannot be confirmed now; it is rejected with a reason the claimant reads.
        Assert.Contains("已确认归属", await (await office.PostFormAsync("/trace/claims", new(), $"/trace/claims?handler=Confirm&kind=Product&id={strangerClaim}")).Content.ReadAsStringAsync());
        Assert.Contains("请填写驳回理由", await (await office.PostFormAsync("/trace/claims", new() { ["Reason"] = "" }, $"/trace/claims?handler=Reject&kind=Product&id={strangerClaim}")).Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await office.PostFormAsync("/trace/claims", new() { ["Reason"] = "厂商识别代码不属于该企业" }, $"/trace/claims?handler=Reject&kind=Product&id={strangerClaim}")).StatusCode);
        Assert.Contains("厂商识别代码不属于该企业", await stranger.GetStringAsync("/trace/products"));
    }

    [Fact]
    public async Task A_second_claim_of_a_confirmed_gtin_is_refused()
    {
        using var stranger = await factory.SignedInAsync("operator");
        var before = await factory.QueryAsync((db, _) => db.TraceProducts.CountAsync());
        var answer = await (await stranger.PostFormAsync("/trace/products", ProductForm(_stranger, Product))).Content.ReadAsStringAsync();
        Assert.Contains($"商品条码 {Product} 已确认归属，不能再次登记", answer);
        Assert.Equal(before, await factory.QueryAsync((db, _) => db.TraceProducts.CountAsync()));
        Assert.Contains($"data-testid=\"producer\">{OwnerName}<", await factory.CreateClient().GetStringAsync($"/01/{Product}"));
    }

    [Fact]
    public async Task A_gln_claim_names_no_place_until_confirmed_and_a_confirmed_gln_cannot_be_claimed_again()
    {
        // The producer claims a new location; its lot's events there show the number, not the claimed name, until confirmed.
        var gln = L("690555000030");
        using var owner = await factory.SignedInAsync("owner-op", OwnerPassword);
        Dictionary<string, string> Form(Guid business, string number, string name) => new() { ["BusinessId"] = business.ToString(), ["Gln"] = number, ["Extension"] = "", ["Name"] = name };
        Assert.Equal(HttpStatusCode.Redirect, (await owner.PostFormAsync("/traceability/parties", Form(_owner, gln, "溯源测试二号仓库"), "/traceability/parties?handler=Add")).StatusCode);
        await factory.QueryAsync(async (db, _) =>
        {
            var read = EpcisDocumentReader.Read(Document(Event("storing", "2026-11-01T10:00:00+08:00", "F6", "urn:test:owner:F6:stored", "ADD", place: gln)));
            Assert.Empty(read.Errors);
            await EpcisCapture.StoreAsync(db, new CaptureJob { Id = Guid.CreateVersion7(), BusinessId = _owner, UserId = Guid.Empty, CreatedAt = DateTime.UtcNow, ContextJson = read.ContextJson }, read.Events);
            return 0;
        });
        var phone = factory.CreateClient();
        var pending = await phone.GetStringAsync($"/01/{Product}/10/F6");
        Assert.DoesNotContain("溯源测试二号仓库", pending);
        Assert.Contains("414/" + gln, pending);

        using var office = await factory.SignedInAsync("office");
        var claim = await factory.QueryAsync((db, _) => db.TraceParties.Where(p => p.Key == "414/" + gln).Select(p => p.Id).SingleAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await office.PostFormAsync("/trace/claims", new(), $"/trace/claims?handler=Confirm&kind=Party&id={claim}")).StatusCode);
        Assert.Contains("溯源测试二号仓库", await phone.GetStringAsync($"/01/{Product}/10/F6"));

        // Another business claiming a confirmed GLN (the canteen's, or the new one) is refused by name; nothing stored.
        using var stranger = await factory.SignedInAsync("operator");
        var before = await factory.QueryAsync((db, _) => db.TraceParties.CountAsync());
        foreach (var taken in new[] { GlnCanteen, gln })
        {
            var answer = await (await stranger.PostFormAsync("/traceability/parties", Form(_stranger, taken, "冒领"), "/traceability/parties?handler=Add")).Content.ReadAsStringAsync();
            Assert.Contains($"位置码 414/{taken} 已确认归属，不能再次登记", answer);
        }
        Assert.Equal(before, await factory.QueryAsync((db, _) => db.TraceParties.CountAsync()));
    }

    [Fact]
    public async Task A_capture_body_that_is_not_utf8_is_a_400_problem_and_stores_nothing()
    {
        var (secret, _) = await IssueAsync(factory, Roles.Operator, ApiScopes.EpcisCapture);
        using var client = Client(factory, secret);
        var text = Encoding.UTF8.GetBytes(Document(Event("shipping", "2026-11-02T08:00:00+08:00", "F7", null)));
        // A Latin-1 byte inside the lot code: the JSON is well formed, its text is not UTF-8.
        var at = Array.IndexOf(text, (byte)'F', Encoding.UTF8.GetString(text).IndexOf("/10/F7", StringComparison.Ordinal));
        var body = text[..at].Concat(new byte[] { 0xE9 }).Concat(text[at..]).ToArray();
        var counts = await CountAsync(factory);
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/ld+json");
        var problem = await ProblemAsync(await client.PostAsync("/epcis/capture", content), HttpStatusCode.BadRequest);
        var (path, message) = Assert.Single(Errors(problem));
        Assert.Equal("$", path);
        Assert.Contains("UTF-8", message);
        Assert.Contains($"{at}", message);
        Assert.Equal(counts, await CountAsync(factory));
    }
}
