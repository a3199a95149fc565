using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shian.Accounts;
using Shian.Common;
using Shian.Data;
using Shian.Inspections;
using Shian.Registry;

namespace Shian.Web.Tests.Inspections;

/// <summary>
/// 检查表配置 on the web: the office issues a new version as JSON (refused whole, nothing stored, when broken or dated in the
/// past), creates a checklist from a copy; inspections started from the effective day record the new version.
/// </summary>
public sealed class ChecklistPageTests(ShianWebFactory factory) : IClassFixture<ShianWebFactory>
{
    private static readonly Regex Token = new("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"");
    private static readonly Regex Textarea = new("<textarea id=\"Json\"[^>]*>(.*?)</textarea>", RegexOptions.Singleline);

    private async Task<T> WithDbAsync<T>(Func<ShianDb, IServiceProvider, Task<T>> work)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<ShianDb>(), scope.ServiceProvider);
    }

    private static DateOnly Today => ShianTime.LocalDate(DateTime.UtcNow);
    private static readonly string IssuePage = $"/inspections/checklists/{Uri.EscapeDataString(Checklists.CateringName)}/issue";

    private Task<int> VersionsAsync(string name) => WithDbAsync((db, _) => db.Checklists.CountAsync(c => c.Name == name));

    [Fact]
    public async Task A_new_version_issued_today_is_used_by_the_next_inspection_and_one_dated_tomorrow_waits()
    {
        using var office = await factory.SignedInAsync("office");
        var list = await office.GetStringAsync("/inspections/checklists");
        Assert.Contains(Checklists.CateringName, list);
        Assert.Contains(Checklists.SalesName, list);
        var json = WebUtility.HtmlDecode(Textarea.Match(await office.GetStringAsync(IssuePage)).Groups[1].Value);
        Assert.Contains("\"C26\"", json);
        var extended = json.Replace("\"code\": \"C25\"", "\"code\": \"C27\",\n          \"text\": \"新增：食品安全自查记录完整\",\n          \"key\": false\n        },\n        {\n          \"code\": \"C25\"", StringComparison.Ordinal);
        Assert.NotEqual(json, extended);

        var issued = await office.PostFormAsync(IssuePage, new() { ["Json"] = extended, ["EffectiveFrom"] = Today.ToString("yyyy-MM-dd") });
        Assert.Equal(HttpStatusCode.Redirect, issued.StatusCode);
        var v2 = await WithDbAsync((db, _) => db.Checklists.AsNoTracking().SingleAsync(c => c.Name == Checklists.CateringName && c.Version == 2));
        Assert.Equal(Today, v2.EffectiveFrom);
        Assert.Equal(27, v2.Read().Items.Count());
        var detail = await office.GetStringAsync($"/inspections/checklists/{Uri.EscapeDataString(Checklists.CateringName)}");
        Assert.Contains("data-item=\"C27\"", detail);
        Assert.Contains("data-version=\"1\"", detail);

        // A version dated tomorrow is stored but not yet used.
        var tomorrow = await office.PostFormAsync(IssuePage, new() { ["Json"] = json, ["EffectiveFrom"] = Today.AddDays(1).ToString("yyyy-MM-dd") });
        Assert.Equal(HttpStatusCode.Redirect, tomorrow.StatusCode);
        Assert.Equal(3, await VersionsAsync(Checklists.CateringName));

        var (business, colleague) = await WithDbAsync(async (db, services) =>
        {
            var township = (await db.Users.SingleAsync(u => u.UserName == "township")).TownshipId!.Value;
            var b = new Business
            {
                Name = "检查表版本测试饭店", CreditCode = "CKLVER000000000001", Address = "文昌街道3号", TownshipId = township,
                Category = BusinessCategory.Caterer, Subtype = "restaurant", Scale = BusinessScale.Small, CreatedAt = DateTime.UtcNow,
            };
            db.Businesses.Add(b);
            await db.SaveChangesAsync();
            var users = services.GetRequiredService<UserManager<ShianUser>>();
            var mate = new ShianUser { UserName = "cklinsp", DisplayName = "检查表测试队员", TownshipId = township, CreatedAt = DateTime.UtcNow };
            Assert.True((await users.CreateAsync(mate, "Test@2020pass")).Succeeded);
            Assert.True((await users.AddToRoleAsync(mate, Roles.Inspector)).Succeeded);
            return (b.Id, mate.Id);
        });
        var me = await WithDbAsync((db, _) => db.Users.Where(u => u.UserName == "township").Select(u => u.Id).SingleAsync());
        using var township = await factory.SignedInAsync("township");
        var page = $"/inspections/new?business={business}";
        var form = await township.GetStringAsync(page);
        Assert.Contains("data-item=\"C27\"", form);
        using var content = new MultipartFormDataContent { { new StringContent(WebUtility.HtmlDecode(Token.Match(form).Groups[1].Value)), "__RequestVerificationToken" } };
        foreach (var code in Checklists.Catering.Items.Select(i => i.Code).Append("C27"))
        {
            content.Add(new StringContent(nameof(ItemResult.Yes)), $"R_{code}");
        }
        content.Add(new StringContent(me.ToString()), "Inspectors");
        content.Add(new StringContent(colleague.ToString()), "Inspectors");
        content.Add(new StringContent(ShianTime.ToLocal(DateTime.UtcNow.AddMinutes(-30)).ToString("yyyy-MM-ddTHH:mm")), "StartedAt");
        Assert.Equal(HttpStatusCode.Redirect, (await township.PostAsync(page, content)).StatusCode);
        var recorded = await WithDbAsync((db, _) => db.Inspections.AsNoTracking().Include(i => i.Items).SingleAsync(i => i.BusinessId == business));
        Assert.Equal(Checklists.CateringName, recorded.ChecklistName);
        Assert.Equal(2, recorded.ChecklistVersion);
        Assert.Contains(recorded.Items, i => i.Code == "C27");
    }

    [Fact]
    public async Task Broken_or_past_dated_versions_are_refused_naming_the_field_and_nothing_is_stored()
    {
        using var office = await factory.SignedInAsync("office");
        var json = WebUtility.HtmlDecode(Textarea.Match(await office.GetStringAsync($"/inspections/checklists/{Uri.EscapeDataString(Checklists.SalesName)}/issue")).Groups[1].Value);
        var page = $"/inspections/checklists/{Uri.EscapeDataString(Checklists.SalesName)}/issue";
        var before = await VersionsAsync(Checklists.SalesName);

        var broken = await office.PostFormAsync(page, new() { ["Json"] = json.Replace("\"S03\"", "\"S03\" \"oops\"", StringComparison.Ordinal), ["EffectiveFrom"] = Today.ToString("yyyy-MM-dd") });
        Assert.Equal(HttpStatusCode.OK, broken.StatusCode);
        var brokenHtml = WebUtility.HtmlDecode(await broken.Content.ReadAsStringAsync());
        Assert.Matches("检查表内容：JSON 格式有误，第 \\d+ 行", brokenHtml);

        var duplicate = await office.PostFormAsync(page, new() { ["Json"] = json.Replace("\"S02\"", "\"S01\"", StringComparison.Ordinal), ["EffectiveFrom"] = Today.ToString("yyyy-MM-dd") });
        Assert.Contains("项目代码重复：S01", WebUtility.HtmlDecode(await duplicate.Content.ReadAsStringAsync()));

        var past = await office.PostFormAsync(page, new() { ["Json"] = json, ["EffectiveFrom"] = Today.AddDays(-1).ToString("yyyy-MM-dd") });
        Assert.Contains("生效日期：不能早于今天", WebUtility.HtmlDecode(await past.Content.ReadAsStringAsync()));
        Assert.Equal(before, await VersionsAsync(Checklists.SalesName));

        using var township = await factory.SignedInAsync("township");
        Assert.Equal(HttpStatusCode.OK, (await township.GetAsync("/inspections/checklists")).StatusCode);
        Assert.Contains("/account/access-denied", (await township.GetAsync(page)).Headers.Location?.OriginalString);
        Assert.Contains("/account/access-denied", (await township.GetAsync("/inspections/checklists/new")).Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task A_new_checklist_is_made_from_a_copy()
    {
        using var office = await factory.SignedInAsync("office");
        var copy = WebUtility.HtmlDecode(Textarea.Match(await office.GetStringAsync($"/inspections/checklists/new?from={Uri.EscapeDataString(Checklists.CateringName)}")).Groups[1].Value);
        Assert.Contains("\"C01\"", copy);
        var canteen = copy.Replace("\"Caterer\",", "", StringComparison.Ordinal);
        var taken = await office.PostFormAsync("/inspections/checklists/new", new() { ["Name"] = Checklists.SalesName, ["Json"] = canteen, ["EffectiveFrom"] = Today.ToString("yyyy-MM-dd") });
        Assert.Contains("已存在", WebUtility.HtmlDecode(await taken.Content.ReadAsStringAsync()));
        var made = await office.PostFormAsync("/inspections/checklists/new", new() { ["Name"] = "单位食堂监督检查表", ["Json"] = canteen, ["EffectiveFrom"] = Today.ToString("yyyy-MM-dd") });
        Assert.Equal(HttpStatusCode.Redirect, made.StatusCode);
        var stored = await WithDbAsync((db, _) => db.Checklists.AsNoTracking().SingleAsync(c => c.Name == "单位食堂监督检查表"));
        Assert.Equal(1, stored.Version);
        Assert.Equal([BusinessCategory.Canteen], stored.Read().Categories);
        Assert.Contains("单位食堂监督检查表", await office.GetStringAsync("/inspections/checklists"));
    }
}
