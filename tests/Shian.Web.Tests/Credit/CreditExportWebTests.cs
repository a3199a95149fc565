using System.Net;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using Shian.Common;
using Shian.Credit;
using Shian.Inspections;
using Shian.Registry;

namespace Shian.Web.Tests.Credit;

/// <summary>Red/black and serious-violation lists exported to Excel and read back: staff see the review, the public what is published.</summary>
public sealed class CreditExportWebTests(ShianWebFactory factory) : IClassFixture<ShianWebFactory>
{
    private static async Task<List<IDictionary<string, object>>> ReadAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        using var workbook = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        return workbook.Query(useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
    }

    [Fact]
    public async Task A_months_list_exports_with_licence_and_review_for_staff_and_only_the_published_fields_for_the_public()
    {
        await factory.EnsureSampleAsync();
        var restaurant = await factory.IdOfAsync("老王家常菜馆");
        var farmStay = await factory.IdOfAsync("山里人家农家院");
        var today = ShianTime.LocalDate(DateTime.UtcNow);
        var month = new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
        await RedBlackRulesWebTests.AddInspectionAsync(factory, restaurant, month.AddDays(3), InspectionResult.Conforming);
        await RedBlackRulesWebTests.AddInspectionAsync(factory, farmStay, month.AddDays(4), InspectionResult.NonConforming);
        await RedBlackRulesWebTests.AddInspectionAsync(factory, farmStay, month.AddDays(5), InspectionResult.NonConforming);
        await factory.QueryAsync(db =>
        {
            db.Licences.Add(new Licence
            {
                BusinessId = restaurant, Kind = AuthorisationKind.BusinessLicence, Number = "JY21201190099887", IssuedOn = today.AddYears(-1),
                ExpiresOn = today.AddYears(4), PublicCode = Licence.NewPublicCode(), CreatedAt = DateTime.UtcNow,
            });
            return db.SaveChangesAsync();
        });

        using var anonymous = factory.CreateClient(new() { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/public/redblack?handler=Export")).StatusCode); // nothing published yet

        using var office = await factory.SignedInAsync("office");
        var generated = await office.PostFormAsync("/credit/redblack", new() { ["Month"] = month.ToString("yyyy-MM") }, "/credit/redblack?handler=Generate");
        var detailUrl = generated.Headers.Location!.OriginalString;
        var black = await factory.QueryAsync(db => db.RedBlackEntries.AsNoTracking().SingleAsync(e => e.BusinessId == farmStay));
        Assert.Equal(HttpStatusCode.Redirect, (await office.PostFormAsync(detailUrl,
            new() { ["entryId"] = black.Id.ToString(), ["exclude"] = "true", ["reason"] = "已整改复查合格" }, detailUrl + "?handler=Exclude")).StatusCode);

        // The draft, for the office: both entries, the licence number, the exclusion and its reason.
        Assert.Contains("?handler=Export", await office.GetStringAsync(detailUrl));
        var draft = await ReadAsync(await office.GetAsync(detailUrl + "?handler=Export"));
        Assert.Equal(["榜单", "经营主体", "食品经营许可证编号", "乡镇街道", "理由", "已剔除", "剔除理由"], draft[0].Keys);
        Assert.Equal(2, draft.Count);
        var red = draft.Single(r => (string)r["榜单"] == "红榜");
        Assert.Equal(("蓟州区渔阳镇老王家常菜馆", "JY21201190099887", "渔阳镇", "否", ""),
            ((string)red["经营主体"], (string)red["食品经营许可证编号"], (string)red["乡镇街道"], (string)red["已剔除"], red["剔除理由"] as string ?? ""));
        Assert.StartsWith("风险等级 A 级", (string)red["理由"]);
        var left = draft.Single(r => (string)r["榜单"] == "黑榜");
        Assert.Equal(("近 12 个月监督检查结果不符合 2 次", "是", "已整改复查合格"), ((string)left["理由"], (string)left["已剔除"], (string)left["剔除理由"]));

        // Township staff export only their township's entries: neither caterer is in the demo township.
        using var township = await factory.SignedInAsync("township");
        Assert.Empty(await ReadAsync(await township.GetAsync(detailUrl + "?handler=Export")));

        // Not published yet: the public export has nothing to give.
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/public/redblack?handler=Export&month={month:yyyy-MM}")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await office.PostFormAsync(detailUrl, [], detailUrl + "?handler=Approve")).StatusCode);

        Assert.Contains("data-testid=\"public-export\"", await anonymous.GetStringAsync("/public/redblack"));
        var published = await ReadAsync(await anonymous.GetAsync($"/public/redblack?handler=Export&month={month:yyyy-MM}"));
        Assert.Equal(["榜单", "名称", "地址", "理由"], published[0].Keys);
        var only = Assert.Single(published); // the excluded farm-stay is not published
        Assert.Equal(("红榜", "蓟州区渔阳镇老王家常菜馆", "渔阳镇北大街8号"), ((string)only["榜单"], (string)only["名称"], (string)only["地址"]));
        Assert.DoesNotContain(published.SelectMany(r => r.Values).OfType<string>(), v => v.Contains("JY2120119") || v.Contains("已整改"));
    }

    [Fact]
    public async Task The_serious_violation_list_exports_for_staff()
    {
        await factory.EnsureSampleAsync();
        var today = ShianTime.LocalDate(DateTime.UtcNow);
        using var office = await factory.SignedInAsync("office");
        var saved = await office.PostFormAsync("/credit/serious/new", new()
        {
            ["Input.Business"] = "91120119AY4CL12THD", ["Input.Basis"] = "津市监罚〔2026〕3 号", ["Input.Provision"] = "《市场监督管理严重违法失信名单管理办法》第二条",
            ["Input.DecidedOn"] = today.AddDays(-10).ToString("yyyy-MM-dd"),
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var rows = await ReadAsync(await office.GetAsync("/credit/serious?handler=Export"));
        var row = Assert.Single(rows, r => (string)r["决定书或案件编号"] == "津市监罚〔2026〕3 号");
        Assert.Equal(("91120119AY4CL12THD", today.AddDays(-10).ToString("yyyy-MM-dd"), "列入中"),
            ((string)row["统一社会信用代码"], (string)row["列入日期"], (string)row["状态"]));
        using var operatorClient = await factory.SignedInAsync("operator");
        var byOperator = await operatorClient.GetAsync("/credit/serious?handler=Export");
        Assert.True(byOperator.StatusCode == HttpStatusCode.Forbidden || byOperator.Headers.Location?.OriginalString.Contains("/account/access-denied") == true);
    }
}
