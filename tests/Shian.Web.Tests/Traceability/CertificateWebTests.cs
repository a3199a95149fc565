using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shian.Accounts;
using Shian.Data;
using Shian.Registry;
using Shian.Tests.Builders;
using Shian.Traceability;

namespace Shian.Web.Tests.Traceability;

/// <summary>
/// 食用农产品合格证: issued by a producer with every field checked (nothing stored on a refusal), verified by anyone through
/// its code, received by another operator's business (not by the producer, not twice, not when revoked, not anonymously),
/// counted by township and category for staff, and seen only by those whose scope holds it.
/// </summary>
public sealed class CertificateWebTests(ShianWebFactory factory) : IClassFixture<ShianWebFactory>
{
    private const string OtherPassword = "Shian@2020other";

    private static Business Make(string name, string code, Guid township, BusinessCategory category, string subtype, BusinessStatus status = BusinessStatus.Active) => new Business
    {
        Name = name, CreditCode = code, Address = name + "地址", TownshipId = township, Category = category, Subtype = subtype,
        LegalRepresentative = "张三", ContactPhone = "13900001111", CreatedAt = DateTime.UtcNow,
    }.InStatus(status);

    private sealed record World(Guid TownshipA, string TownshipAName, Guid TownshipB, string TownshipBName, Guid FarmA, Guid RestaurantA, Guid FarmB, Guid Supermarket);

    private Task<World> SetUpAsync() => factory.QueryAsync(async (db, services) =>
    {
        var townshipA = await db.Users.Where(u => u.UserName == "township").Select(u => u.TownshipId!.Value).SingleAsync();
        var townshipB = await db.Townships.Where(t => t.Id != townshipA && t.Active).OrderBy(t => t.Code).Select(t => t.Id).FirstAsync();
        var names = await db.Townships.Where(t => t.Id == townshipA || t.Id == townshipB).ToDictionaryAsync(t => t.Id, t => t.Name);
        var farmA = Make("绿野蔬菜专业合作社", "93120225TEST00001A", townshipA, BusinessCategory.AgriculturalProducer, "cooperative");
        var familyA = Make("老李家庭农场", "92120225TEST00002B", townshipA, BusinessCategory.AgriculturalProducer, "family-farm");
        var slaughterA = Make("渔阳屠宰场", "91120225TEST00003C", townshipA, BusinessCategory.AgriculturalProducer, "slaughterhouse");
        var closedA = Make("已注销种植基地", "91120225TEST00004D", townshipA, BusinessCategory.AgriculturalProducer, "farm", BusinessStatus.Closed);
        var restaurantA = Make("渔阳家常菜馆", "92120225TEST00005E", townshipA, BusinessCategory.Caterer, "restaurant");
        var farmB = Make("山里果园种植基地", "91120225TEST00006F", townshipB, BusinessCategory.AgriculturalProducer, "farm");
        var supermarket = Make("鑫源超市", "91120225TEST00007G", townshipB, BusinessCategory.Seller, "supermarket");
        db.Businesses.AddRange(farmA, familyA, slaughterA, closedA, restaurantA, farmB, supermarket);
        var operatorId = await db.Users.Where(u => u.UserName == "operator").Select(u => u.Id).SingleAsync();
        db.OperatorBusinesses.Add(new OperatorBusiness { UserId = operatorId, BusinessId = farmA.Id });
        db.OperatorBusinesses.Add(new OperatorBusiness { UserId = operatorId, BusinessId = restaurantA.Id });
        await db.SaveChangesAsync();
        var operator2 = new ShianUser { UserName = "operator2", DisplayName = "operator2", CreatedAt = DateTime.UtcNow };
        var users = services.GetRequiredService<UserManager<ShianUser>>();
        Assert.True((await users.CreateAsync(operator2, OtherPassword)).Succeeded);
        Assert.True((await users.AddToRoleAsync(operator2, Roles.Operator)).Succeeded);
        db.OperatorBusinesses.Add(new OperatorBusiness { UserId = operator2.Id, BusinessId = farmB.Id });
        db.OperatorBusinesses.Add(new OperatorBusiness { UserId = operator2.Id, BusinessId = supermarket.Id });
        await db.SaveChangesAsync();
        return new World(townshipA, names[townshipA], townshipB, names[townshipB], farmA.Id, restaurantA.Id, farmB.Id, supermarket.Id);
    });

    private static Dictionary<string, string> Valid(Guid business) => new()
    {
        ["Gtin"] = "6901234567892", ["Lot"] = "HG20261128",
        ["BusinessId"] = business.ToString(), ["ProductName"] = "黄瓜", ["Category"] = "Vegetables", ["Quantity"] = "500", ["Unit"] = "千克",
        ["Mode"] = "PerBatch", ["Copies"] = "", ["ProducerName"] = "绿野蔬菜专业合作社", ["Origin"] = "天津市蓟州区渔阳镇", ["ContactPhone"] = "13900001111",
        ["IssuedOn"] = Common.ShianTime.LocalDate(DateTime.UtcNow).ToString("yyyy-MM-dd"), ["SignedBy"] = "张三", ["Basis"] = "SelfControl", ["ReportNumber"] = "",
    };

    private static IEnumerable<(string, string)> WithPromises(Dictionary<string, string> fields, int ticked = 4) =>
        fields.Select(f => (f.Key, f.Value)).Concat(Enumerable.Range(0, ticked).Select(i => ("Promises", i.ToString())));

    private Task<int> CountAsync() => factory.QueryAsync((db, _) => db.ProduceCertificates.CountAsync());

    private static string Row(string html, string key) =>
        Regex.Match(html, $"data-key=\"{Regex.Escape(key)}\">(.*?)</tr>", RegexOptions.Singleline).Groups[1].Value;

    private static IReadOnlyList<string> Cells(string row) =>
        Regex.Matches(row, "<td[^>]*>(.*?)</td>", RegexOptions.Singleline).Select(m => m.Groups[1].Value.Trim()).ToList();

    [Fact]
    public async Task A_certificate_is_issued_checked_verified_received_revoked_counted_and_scoped()
    {
        var w = await SetUpAsync();
        using var producer = await factory.SignedInAsync("operator");
        const string form = "/trace/certificates/new";
        var page = await producer.GetStringAsync(form);
        Assert.Contains("绿野蔬菜专业合作社", page);
        Assert.DoesNotContain("渔阳家常菜馆", page); // a restaurant does not issue certificates

        // Each missing or wrong field is refused with a message naming it; nothing is stored.
        (string Field, string Value, string Message)[] refusals =
        [
            ("ProductName", "", "请填写产品名称"), ("Category", "", "请选择产品类别"), ("Quantity", "0", "数量（重量）应为大于 0 的数"),
            ("Unit", "斤两", "请选择数量单位"), ("ProducerName", " ", "请填写生产者名称"), ("Origin", "", "请填写产地"), ("ContactPhone", "", "请填写联系电话"),
            ("ContactPhone", "电话13900", "联系电话只能包含数字"), ("IssuedOn", "", "请填写开具日期"),
            ("IssuedOn", Common.ShianTime.LocalDate(DateTime.UtcNow).AddDays(2).ToString("yyyy-MM-dd"), "开具日期不能晚于今天"),
            ("SignedBy", "", "请填写承诺人签名"), ("Basis", "", "请选择开具依据"), ("Basis", "CommissionedTest", "须填写检测报告编号"),
            ("Mode", "PerPackage", "件数应为 1 至 500"), ("BusinessId", w.RestaurantA.ToString(), "请选择开具合格证的生产者"),
            ("Gtin", "06901234567891", "商品条码（GTIN）无效"), ("Lot", "", "须同时填写商品条码和批号"),
        ];
        foreach (var (field, value, message) in refusals)
        {
            var answer = await (await producer.PostFieldsAsync(form, WithPromises(new(Valid(w.FarmA)) { [field] = value }))).Content.ReadAsStringAsync();
            Assert.True(answer.Contains(message), $"{field}={value}: expected {message}");
        }
        var unticked = await (await producer.PostFieldsAsync(form, WithPromises(Valid(w.FarmA), ticked: 3))).Content.ReadAsStringAsync();
        Assert.Contains("请逐项勾选四项承诺", unticked);
        var tooMany = await (await producer.PostFieldsAsync(form, WithPromises(new(Valid(w.FarmA)) { ["Mode"] = "PerPackage", ["Copies"] = "501" }))).Content.ReadAsStringAsync();
        Assert.Contains("件数应为 1 至 500", tooMany);
        Assert.Equal(0, await CountAsync());

        // Issued per package: one certificate, 20 numbered copies on the print page.
        var issued = await producer.PostFieldsAsync(form, WithPromises(new(Valid(w.FarmA)) { ["Mode"] = "PerPackage", ["Copies"] = "20", ["Basis"] = "SelfTest", ["ReportNumber"] = "ZJ-2026-018" }));
        Assert.Equal(HttpStatusCode.Redirect, issued.StatusCode);
        var detail = issued.Headers.Location!.OriginalString;
        var certificate = await factory.QueryAsync((db, _) => db.ProduceCertificates.AsNoTracking().SingleAsync());
        Assert.Equal((w.FarmA, w.TownshipA, 20, CertificateMode.PerPackage, "ZJ-2026-018", true, "06901234567892", "HG20261128"),
            (certificate.BusinessId, certificate.TownshipId, certificate.Copies, certificate.Mode, certificate.ReportNumber, certificate.Promised, certificate.Gtin, certificate.Lot));
        Assert.Matches("^[2-9a-z]{10}$", certificate.Code);
        var print = await producer.GetStringAsync(detail + "/print");
        Assert.Equal(20, Regex.Matches(print, "data-testid=\"copy\"").Count);
        Assert.Contains("第 20/20 份", print);
        var qr = await producer.GetAsync(detail + "?handler=Qr");
        Assert.Equal("image/png", qr.Content.Headers.ContentType?.MediaType);

        // Anyone verifies it; an anonymous visitor cannot record a receipt.
        using var anonymous = factory.CreateClient(new() { AllowAutoRedirect = false });
        var check = await anonymous.GetStringAsync($"/c/{certificate.Code}");
        Assert.Contains("真实有效", check);
        Assert.Contains("黄瓜", check);
        Assert.Contains("投诉举报", check);
        Assert.DoesNotContain("receive-form", check);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/c/zzzzzzzzzz")).StatusCode);
        var receive = $"/c/{certificate.Code}?handler=Receive";
        var anonymousPost = await anonymous.PostFormAsync("/account/login", new() { ["BuyerId"] = w.Supermarket.ToString(), ["Quantity"] = "10", ["ReceivedOn"] = certificate.IssuedOn.ToString("yyyy-MM-dd") }, receive);
        Assert.Equal(HttpStatusCode.Redirect, anonymousPost.StatusCode);
        Assert.Contains("/account/login", anonymousPost.Headers.Location!.OriginalString);

        // The producer cannot receive its own certificate.
        var own = await (await producer.PostFormAsync($"/c/{certificate.Code}", new() { ["BuyerId"] = w.FarmA.ToString(), ["Quantity"] = "10", ["ReceivedOn"] = certificate.IssuedOn.ToString("yyyy-MM-dd") }, receive)).Content.ReadAsStringAsync();
        Assert.Contains("开具合格证的生产者不能为自己确认收货", own);

        // The supermarket's operator receives it once.
        using var buyer = await factory.SignedInAsync("operator2", OtherPassword);
        Assert.Contains("receive-form", await buyer.GetStringAsync($"/c/{certificate.Code}"));
        var tooMuch = await (await buyer.PostFormAsync($"/c/{certificate.Code}", new() { ["BuyerId"] = w.Supermarket.ToString(), ["Quantity"] = "600", ["ReceivedOn"] = certificate.IssuedOn.ToString("yyyy-MM-dd") }, receive)).Content.ReadAsStringAsync();
        Assert.Contains("收货数量应大于 0 且不超过合格证数量", tooMuch);
        Assert.Equal(0, await factory.QueryAsync((db, _) => db.CertificateReceipts.CountAsync()));
        var received = await buyer.PostFormAsync($"/c/{certificate.Code}", new() { ["BuyerId"] = w.Supermarket.ToString(), ["Quantity"] = "200", ["ReceivedOn"] = certificate.IssuedOn.ToString("yyyy-MM-dd") }, receive);
        Assert.Equal(HttpStatusCode.Redirect, received.StatusCode);
        // The form is gone once received; posting again anyway is refused.
        var twice = await (await buyer.PostFormAsync(form, new() { ["BuyerId"] = w.Supermarket.ToString(), ["Quantity"] = "50", ["ReceivedOn"] = certificate.IssuedOn.ToString("yyyy-MM-dd") }, receive)).Content.ReadAsStringAsync();
        Assert.Contains("本单位已确认收货", twice);
        var receipts = await factory.QueryAsync((db, _) => db.CertificateReceipts.AsNoTracking().ToListAsync());
        Assert.Equal((w.Supermarket, 200m), (Assert.Single(receipts).BuyerBusinessId, receipts[0].Quantity));
        Assert.Contains("鑫源超市", await anonymous.GetStringAsync($"/c/{certificate.Code}"));
        var after = await buyer.GetStringAsync($"/c/{certificate.Code}");
        Assert.DoesNotContain($"value=\"{w.Supermarket}\"", after); // its other business (the orchard) could still receive
        Assert.Contains($"value=\"{w.FarmB}\"", after);

        // The orchard issues two; one is revoked (a reason is required) and then cannot be received.
        using var orchard = buyer;
        Assert.Equal(HttpStatusCode.Redirect, (await orchard.PostFieldsAsync(form, WithPromises(new(Valid(w.FarmB)) { ["ProductName"] = "苹果", ["Category"] = "Fruit", ["Unit"] = "箱", ["Quantity"] = "40" }))).StatusCode);
        var bad = await orchard.PostFieldsAsync(form, WithPromises(new(Valid(w.FarmB)) { ["ProductName"] = "梨", ["Category"] = "Fruit" }));
        var badPage = bad.Headers.Location!.OriginalString;
        var noReason = await (await orchard.PostFormAsync(badPage, new() { ["Reason"] = "" }, badPage + "?handler=Revoke")).Content.ReadAsStringAsync();
        Assert.Contains("请填写作废原因", noReason);
        Assert.Equal(HttpStatusCode.Redirect, (await orchard.PostFormAsync(badPage, new() { ["Reason"] = "自检发现农药残留超标" }, badPage + "?handler=Revoke")).StatusCode);
        var revokedCode = await factory.QueryAsync((db, _) => db.ProduceCertificates.Where(c => c.ProductName == "梨").Select(c => c.Code).SingleAsync());
        var revokedCheck = await producer.GetStringAsync($"/c/{revokedCode}");
        Assert.Contains("该合格证已作废", revokedCheck);
        Assert.DoesNotContain("receive-form", revokedCheck);
        var refused = await (await producer.PostFormAsync($"/c/{revokedCode}", new() { ["BuyerId"] = w.RestaurantA.ToString(), ["Quantity"] = "1", ["ReceivedOn"] = Common.ShianTime.LocalDate(DateTime.UtcNow).ToString("yyyy-MM-dd") }, $"/c/{revokedCode}?handler=Receive")).Content.ReadAsStringAsync();
        Assert.Contains("该合格证已作废，不能确认收货", refused);
        Assert.Equal(1, await factory.QueryAsync((db, _) => db.CertificateReceipts.CountAsync()));

        // Staff counts: revoked certificates left out; expected producers are active farms, cooperatives and family farms.
        using var office = await factory.SignedInAsync("office");
        var list = await office.GetStringAsync("/trace/certificates");
        Assert.Equal(["1", "500 千克", "1", "100.0%", "1", "2", "50.0%"], Cells(Row(list, w.TownshipAName)).Skip(1));
        Assert.Equal(["1", "40 箱", "0", "0.0%", "1", "1", "100.0%"], Cells(Row(list, w.TownshipBName)).Skip(1));
        Assert.Equal(["2", "500 千克 · 40 箱", "1", "50.0%", "2", "3", "66.7%"], Cells(Row(list, "total")).Skip(1));
        Assert.Equal(["1", "500 千克", "1", "100.0%", "1"], Cells(Row(list, "Vegetables")).Skip(1));
        Assert.Equal(["1", "40 箱", "0", "0.0%", "1"], Cells(Row(list, "Fruit")).Skip(1));
        var fruitOnly = await office.GetStringAsync("/trace/certificates?category=Fruit");
        Assert.Equal(["0", "", "0", "—", "0", "2", "0.0%"], Cells(Row(fruitOnly, w.TownshipAName)).Skip(1));
        var export = await office.GetAsync("/trace/certificates?handler=Export");
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", export.Content.Headers.ContentType?.MediaType);

        // Scope: the township officer sees its township's certificate only; each operator its own and those it received.
        using var township = await factory.SignedInAsync("township");
        var townshipList = await township.GetStringAsync("/trace/certificates");
        Assert.Contains("黄瓜", townshipList);
        Assert.DoesNotContain("苹果", townshipList);
        var appleId = await factory.QueryAsync((db, _) => db.ProduceCertificates.Where(c => c.ProductName == "苹果").Select(c => c.Id).SingleAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await township.GetAsync($"/trace/certificates/{appleId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await producer.GetAsync($"/trace/certificates/{appleId}")).StatusCode);
        Assert.DoesNotContain("苹果", await producer.GetStringAsync("/trace/certificates"));
        Assert.Contains("黄瓜", await buyer.GetStringAsync("/trace/certificates")); // received by its supermarket
        Assert.Equal(HttpStatusCode.OK, (await buyer.GetAsync(detail)).StatusCode);
        Assert.DoesNotContain("data-testid=\"revoke\"", await buyer.GetStringAsync(detail)); // only the producer revokes
    }
}
