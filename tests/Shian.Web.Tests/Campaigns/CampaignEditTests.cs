using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shian.Accounts;
using Shian.Campaigns;
using Shian.Common;
using Shian.Data;
using Shian.Inspections;
using Shian.Registry;

namespace Shian.Web.Tests.Campaigns;

/// <summary>
/// The office sets up and changes campaigns on the web; refused input stores nothing; a township's staff read only the
/// campaigns touching their township; an ended campaign is not edited; an inspection started from the campaign records it
/// and uses its checklist.
/// </summary>
public sealed class CampaignEditTests(ShianWebFactory factory) : IClassFixture<ShianWebFactory>
{
    private static readonly Regex Token = new("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"");

    private async Task<T> WithDbAsync<T>(Func<ShianDb, IServiceProvider, Task<T>> work)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<ShianDb>(), scope.ServiceProvider);
    }

    private static DateOnly Today => ShianTime.LocalDate(DateTime.UtcNow);

    private Task<(Guid Wenchang, Guid Other)> TownshipsAsync() => WithDbAsync(async (db, _) =>
    {
        var own = (await db.Users.SingleAsync(u => u.UserName == "township")).TownshipId!.Value;
        var other = await db.Townships.Where(t => t.Id != own).OrderBy(t => t.Code).Select(t => t.Id).FirstAsync();
        return (own, other);
    });

    private Task<Guid> CampaignAsync(string name, DateOnly from, DateOnly to, List<Guid> townships, string checklist = "") => WithDbAsync(async (db, _) =>
    {
        var c = new Campaign
        {
            Id = Guid.NewGuid(), Name = name, Kind = CampaignKind.Special, From = from, To = to, TownshipIds = townships, Checklist = checklist,
            Categories = [BusinessCategory.Caterer], CreatedAt = DateTime.UtcNow, CreatedBy = "test",
        };
        db.Campaigns.Add(c);
        await db.SaveChangesAsync();
        return c.Id;
    });

    private static List<(string, string)> Form(string name, DateOnly from, DateOnly to, string checklist = "", params (string, string)[] more) =>
    [
        ("Name", name), ("Kind", nameof(CampaignKind.Holiday)), ("From", from.ToString("yyyy-MM-dd")), ("To", to.ToString("yyyy-MM-dd")),
        ("Checklist", checklist), .. more,
    ];

    [Fact]
    public async Task The_office_previews_then_creates_a_campaign_and_its_page_counts_the_businesses_in_scope()
    {
        var (wenchang, _) = await TownshipsAsync();
        var inWenchang = await WithDbAsync((db, _) => db.Businesses.CountAsync(b => b.TownshipId == wenchang && b.Status != BusinessStatus.Closed
            && (b.Category == BusinessCategory.Caterer || b.Category == BusinessCategory.Seller)));
        using var office = await factory.SignedInAsync("office");
        Assert.Contains("/campaigns/new", await office.GetStringAsync("/campaigns"));
        var fields = Form("国庆节日市场专项检查（新建测试）", Today.AddDays(3), Today.AddDays(10), Checklists.SalesName,
            ("Categories", "Caterer"), ("Categories", "Seller"), ("TownshipIds", wenchang.ToString()));

        var preview = await office.PostFieldsAsync("/campaigns/new", fields, "/campaigns/new?handler=Preview");
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        Assert.Contains($"共 {inWenchang} 户主体在范围内", await preview.Content.ReadAsStringAsync());
        Assert.False(await WithDbAsync((db, _) => db.Campaigns.AnyAsync(c => c.Name == "国庆节日市场专项检查（新建测试）")));

        var saved = await office.PostFieldsAsync("/campaigns/new", fields);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var stored = await WithDbAsync((db, _) => db.Campaigns.AsNoTracking().SingleAsync(c => c.Name == "国庆节日市场专项检查（新建测试）"));
        Assert.Equal($"/campaigns/{stored.Id}?saved=1", saved.Headers.Location!.OriginalString);
        Assert.Equal(CampaignKind.Holiday, stored.Kind);
        Assert.Equal([BusinessCategory.Caterer, BusinessCategory.Seller], stored.Categories);
        Assert.Equal([wenchang], stored.TownshipIds);
        Assert.Equal(Checklists.SalesName, stored.Checklist);
        Assert.Equal("office", stored.CreatedBy);
        var page = await office.GetStringAsync($"/campaigns/{stored.Id}");
        Assert.Contains($"范围内主体 {inWenchang} 户", page);

        // Changing it: the name and the period move, the rest stays as posted.
        var edited = await office.PostFieldsAsync($"/campaigns/{stored.Id}/edit",
            Form("国庆节日市场专项检查（已修改）", Today.AddDays(1), Today.AddDays(12), "", ("Categories", "Caterer")));
        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);
        var changed = await WithDbAsync((db, _) => db.Campaigns.AsNoTracking().SingleAsync(c => c.Id == stored.Id));
        Assert.Equal("国庆节日市场专项检查（已修改）", changed.Name);
        Assert.Equal(Today.AddDays(12), changed.To);
        Assert.Empty(changed.TownshipIds);
        Assert.Equal("", changed.Checklist);
    }

    [Fact]
    public async Task Invalid_input_is_refused_field_by_field_and_nothing_is_stored()
    {
        var before = await WithDbAsync((db, _) => db.Campaigns.CountAsync());
        using var office = await factory.SignedInAsync("office");
        var refused = await office.PostFieldsAsync("/campaigns/new",
            Form(" ", Today.AddDays(10), Today.AddDays(3), "没有这张检查表", ("TownshipIds", Guid.NewGuid().ToString()), ("Tags", "no-such-tag")));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var html = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        Assert.Contains("名称：必填。", html);
        Assert.Contains("结束日期：不能早于开始日期。", html);
        Assert.Contains("检查表：无此在用检查表“没有这张检查表”。", html);
        Assert.Contains("乡镇（街道）：无此乡镇", html);
        Assert.Contains("标签：无此标签“no-such-tag”。", html);
        var badDate = await office.PostFieldsAsync("/campaigns/new", [("Name", "日期错误测试"), ("From", "2026-13-45"), ("To", "")]);
        var badHtml = WebUtility.HtmlDecode(await badDate.Content.ReadAsStringAsync());
        Assert.Contains("开始日期：格式应为", badHtml);
        Assert.Contains("结束日期：必填。", badHtml);
        Assert.Equal(before, await WithDbAsync((db, _) => db.Campaigns.CountAsync()));
    }

    [Fact]
    public async Task A_township_reads_only_campaigns_touching_it_and_may_not_edit()
    {
        var (wenchang, other) = await TownshipsAsync();
        var mine = await CampaignAsync("文昌街道专项（可见测试）", Today, Today.AddDays(5), [wenchang]);
        var district = await CampaignAsync("全区专项（可见测试）", Today, Today.AddDays(5), []);
        var theirs = await CampaignAsync("他乡专项（不可见测试）", Today, Today.AddDays(5), [other]);
        using var township = await factory.SignedInAsync("township");
        var list = await township.GetStringAsync("/campaigns");
        Assert.Contains("文昌街道专项（可见测试）", list);
        Assert.Contains("全区专项（可见测试）", list);
        Assert.DoesNotContain("他乡专项（不可见测试）", list);
        Assert.DoesNotContain("/campaigns/new", list);
        var page = await township.GetStringAsync($"/campaigns/{mine}");
        Assert.DoesNotContain($"/campaigns/{mine}/edit", page);
        Assert.Equal(HttpStatusCode.OK, (await township.GetAsync($"/campaigns/{district}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await township.GetAsync($"/campaigns/{theirs}")).StatusCode);
        Assert.Contains("/account/access-denied", (await township.GetAsync($"/campaigns/{mine}/edit")).Headers.Location?.OriginalString);
        Assert.Contains("/account/access-denied", (await township.GetAsync("/campaigns/new")).Headers.Location?.OriginalString);
        using var operatorClient = await factory.SignedInAsync("operator");
        Assert.Contains("/account/access-denied", (await operatorClient.GetAsync("/campaigns")).Headers.Location?.OriginalString);
        Assert.Contains("/account/access-denied", (await operatorClient.GetAsync($"/campaigns/{district}")).Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task An_ended_or_cancelled_campaign_is_not_edited()
    {
        var ended = await CampaignAsync("已结束专项（修改测试）", Today.AddDays(-30), Today.AddDays(-1), []);
        using var office = await factory.SignedInAsync("office");
        var page = WebUtility.HtmlDecode(await office.GetStringAsync($"/campaigns/{ended}/edit"));
        Assert.Contains($"已于 {Today.AddDays(-1):yyyy-MM-dd} 结束，不能再修改", page);
        Assert.DoesNotContain("name=\"Name\"", page);
        Assert.DoesNotContain($"/campaigns/{ended}/edit", await office.GetStringAsync($"/campaigns/{ended}"));
        // A form posted anyway (say from a tab left open) changes nothing.
        var token = WebUtility.HtmlDecode(Token.Match(await office.GetStringAsync("/campaigns/new")).Groups[1].Value);
        var posted = await office.PostAsync($"/campaigns/{ended}/edit", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["Name"] = "改名", ["From"] = Today.ToString("yyyy-MM-dd"), ["To"] = Today.AddDays(9).ToString("yyyy-MM-dd"),
        }));
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Equal("已结束专项（修改测试）", await WithDbAsync((db, _) => db.Campaigns.Where(c => c.Id == ended).Select(c => c.Name).SingleAsync()));

        // Cancelling a running one needs a reason, then locks it.
        var running = await CampaignAsync("取消专项（修改测试）", Today.AddDays(-1), Today.AddDays(9), []);
        var noReason = await office.PostFormAsync($"/campaigns/{running}/edit", new() { ["StopAs"] = "Cancelled", ["Reason"] = "" }, $"/campaigns/{running}/edit?handler=Stop");
        Assert.Contains("原因：必填。", WebUtility.HtmlDecode(await noReason.Content.ReadAsStringAsync()));
        Assert.Equal(CampaignStatus.Planned, await WithDbAsync((db, _) => db.Campaigns.Where(c => c.Id == running).Select(c => c.Status).SingleAsync()));
        var stopped = await office.PostFormAsync($"/campaigns/{running}/edit", new() { ["StopAs"] = "Cancelled", ["Reason"] = "上级通知暂停" }, $"/campaigns/{running}/edit?handler=Stop");
        Assert.Equal(HttpStatusCode.Redirect, stopped.StatusCode);
        var detail = await office.GetStringAsync($"/campaigns/{running}");
        Assert.Contains("上级通知暂停", detail);
        Assert.Contains("已取消", detail);
        Assert.Contains("该专项行动已取消，不能再修改。", WebUtility.HtmlDecode(await office.GetStringAsync($"/campaigns/{running}/edit")));
    }

    [Fact]
    public async Task An_inspection_started_from_the_campaign_records_it_and_uses_its_checklist()
    {
        var (wenchang, _) = await TownshipsAsync();
        var business = await WithDbAsync(async (db, services) =>
        {
            var b = new Business
            {
                Name = "专项检查测试饭店", CreditCode = "CAMPEDIT0000000001", Address = "文昌街道2号", TownshipId = wenchang,
                Category = BusinessCategory.Caterer, Subtype = "restaurant", Scale = BusinessScale.Small, CreatedAt = DateTime.UtcNow,
            };
            db.Businesses.Add(b);
            await db.SaveChangesAsync();
            var users = services.GetRequiredService<UserManager<ShianUser>>();
            var colleague = new ShianUser { UserName = "campinsp", DisplayName = "专项测试队员", TownshipId = wenchang, CreatedAt = DateTime.UtcNow };
            Assert.True((await users.CreateAsync(colleague, "Test@2020pass")).Succeeded);
            Assert.True((await users.AddToRoleAsync(colleague, Roles.Inspector)).Succeeded);
            return b.Id;
        });
        var colleagueId = await WithDbAsync((db, _) => db.Users.Where(u => u.UserName == "campinsp").Select(u => u.Id).SingleAsync());
        var me = await WithDbAsync((db, _) => db.Users.Where(u => u.UserName == "township").Select(u => u.Id).SingleAsync());
        // A caterer inspected under a campaign that names the sales checklist gets the sales checklist.
        var campaign = await CampaignAsync("专项检查表测试", Today.AddDays(-1), Today.AddDays(5), [wenchang], Checklists.SalesName);
        using var township = await factory.SignedInAsync("township");
        var detail = await township.GetStringAsync($"/campaigns/{campaign}");
        var start = $"/inspections/new?business={business}&campaign={campaign}";
        Assert.Contains(start.Replace("&", "&amp;"), detail);
        var form = await township.GetStringAsync(start);
        Assert.Contains(Checklists.SalesName, form);
        Assert.Contains("data-item=\"S01\"", form);
        Assert.DoesNotContain("data-item=\"C01\"", form);

        var html = await township.GetStringAsync(start);
        using var content = new MultipartFormDataContent { { new StringContent(WebUtility.HtmlDecode(Token.Match(html).Groups[1].Value)), "__RequestVerificationToken" } };
        foreach (var item in Checklists.Sales.Items)
        {
            content.Add(new StringContent(nameof(ItemResult.Yes)), $"R_{item.Code}");
        }
        content.Add(new StringContent(me.ToString()), "Inspectors");
        content.Add(new StringContent(colleagueId.ToString()), "Inspectors");
        content.Add(new StringContent(ShianTime.ToLocal(DateTime.UtcNow.AddMinutes(-30)).ToString("yyyy-MM-ddTHH:mm")), "StartedAt");
        var posted = await township.PostAsync(start, content);
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var inspection = await WithDbAsync((db, _) => db.Inspections.AsNoTracking().SingleAsync(i => i.BusinessId == business));
        Assert.Equal(campaign, inspection.CampaignId);
        Assert.Equal(InspectionKind.Campaign, inspection.Kind);
        Assert.Equal(Checklists.SalesName, inspection.ChecklistName);
        Assert.Contains("已检查 1 / 范围内", await township.GetStringAsync($"/campaigns/{campaign}"));

        // Without a checklist named, the business type's default; a business outside the scope is refused.
        var plain = await CampaignAsync("默认检查表专项测试", Today.AddDays(-1), Today.AddDays(5), []);
        Assert.Contains("data-item=\"C01\"", await township.GetStringAsync($"/inspections/new?business={business}&campaign={plain}"));
        var (_, other) = await TownshipsAsync();
        var elsewhere = await CampaignAsync("他乡专项检查测试", Today.AddDays(-1), Today.AddDays(5), [wenchang, other]);
        await WithDbAsync(async (db, _) =>
        {
            var c = await db.Campaigns.SingleAsync(x => x.Id == elsewhere);
            c.Categories = [BusinessCategory.Seller];
            return await db.SaveChangesAsync();
        });
        Assert.Contains("不在专项行动", WebUtility.HtmlDecode(await township.GetStringAsync($"/inspections/new?business={business}&campaign={elsewhere}")));
    }
}
