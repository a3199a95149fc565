using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shian.Accounts;
using Shian.Data;
using Shian.Registry;

namespace Shian.Web.Tests.Traceability;

/// <summary>我的位置码: an operator registers its own GLNs; bad or foreign input is refused with nothing stored.</summary>
public sealed class TracePartyWebTests(ShianWebFactory factory) : IClassFixture<ShianWebFactory>
{
    [Fact]
    public async Task An_operator_registers_its_own_locations_and_only_those()
    {
        Guid own, foreign;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ShianDb>();
            var township = await db.Townships.Select(t => t.Id).FirstAsync();
            Business Make(string name, string code) => new()
            {
                Name = name, CreditCode = code, Address = "地址", TownshipId = township, Category = BusinessCategory.Seller, Subtype = "supermarket",
                LegalRepresentative = "张三", ContactPhone = "13900001111", CreatedAt = DateTime.UtcNow,
            };
            var mine = Make("位置码测试超市", "91120225TESTGLN01A");
            var theirs = Make("别家批发市场", "91120225TESTGLN02B");
            db.Businesses.AddRange(mine, theirs);
            var operatorId = await db.Users.Where(u => u.UserName == "operator").Select(u => u.Id).SingleAsync();
            db.OperatorBusinesses.Add(new OperatorBusiness { UserId = operatorId, BusinessId = mine.Id });
            await db.SaveChangesAsync();
            (own, foreign) = (mine.Id, theirs.Id);
        }
        using var client = await factory.SignedInAsync("operator");
        const string page = "/traceability/parties";
        Dictionary<string, string> Form(Guid business, string gln, string name, string extension = "") =>
            new() { ["BusinessId"] = business.ToString(), ["Gln"] = gln, ["Extension"] = extension, ["Name"] = name };
        async Task<int> CountAsync()
        {
            await using var scope = factory.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<ShianDb>().TraceParties.CountAsync();
        }
        var before = await CountAsync();

        var badCheck = await (await client.PostFormAsync(page, Form(own, "6901234000013", "一号门店"), $"{page}?handler=Add")).Content.ReadAsStringAsync();
        Assert.Contains("位置码（GLN）应为 13 位数字且校验位正确", badCheck);
        var noName = await (await client.PostFormAsync(page, Form(own, "6901234000016", " "), $"{page}?handler=Add")).Content.ReadAsStringAsync();
        Assert.Contains("请填写位置名称", noName);
        var notMine = await (await client.PostFormAsync(page, Form(foreign, "6901234000016", "别人的仓库"), $"{page}?handler=Add")).Content.ReadAsStringAsync();
        Assert.Contains("请选择本企业", notMine);
        Assert.Equal(before, await CountAsync());

        var added = await client.PostFormAsync(page, Form(own, "6901234000016", "一号门店", "2"), $"{page}?handler=Add");
        Assert.Equal(System.Net.HttpStatusCode.Redirect, added.StatusCode);
        Assert.Equal(before + 1, await CountAsync());
        var list = await client.GetStringAsync(page);
        Assert.Contains("414/6901234000016/254/2", list);
        // The same location again is refused; the key is what events name (an sgln URN with the same GLN and extension).
        var again = await (await client.PostFormAsync(page, Form(own, "6901234000016", "重复", "2"), $"{page}?handler=Add")).Content.ReadAsStringAsync();
        Assert.Contains("该位置码已被登记", again);
        Assert.Equal("414/6901234000016/254/2", Shian.Traceability.TraceKey.Of("urn:epc:id:sgln:6901234.00001.2"));

        using var staff = await factory.SignedInAsync("office");
        var denied = await staff.GetAsync(page);
        Assert.Contains("/account/access-denied", denied.Headers.Location?.OriginalString);
    }
}
