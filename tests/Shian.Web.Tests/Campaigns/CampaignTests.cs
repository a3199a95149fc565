using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shian.Campaigns;
using Shian.Data;
using Shian.Inspections;
using Shian.Registry;
using Shian.Tests.Builders;

namespace Shian.Web.Tests.Campaigns;

/// <summary>
/// A campaign's progress page counts the submitted inspections carrying its id within its period, over the businesses
/// in its scope, and a township's staff see their township's numbers only.
/// </summary>
public sealed class CampaignTests(ShianWebFactory factory) : IClassFixture<ShianWebFactory>
{
    private async Task<T> WithDbAsync<T>(Func<ShianDb, Task<T>> work)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<ShianDb>());
    }

    private static string Count(string html, string name) =>
        Regex.Match(html, $"data-count=\"{name}\">(\\d+)<").Groups[1].Value;

    [Fact]
    public async Task Progress_counts_the_campaigns_inspections_in_scope_and_a_township_sees_its_own()
    {
        var (campaignId, ownTownship, otherTownship) = await WithDbAsync(async db =>
        {
            var townshipUser = await db.Users.SingleAsync(u => u.UserName == "township");
            var own = townshipUser.TownshipId!.Value;
            var other = await db.Townships.Where(t => t.Id != own && t.IsTownship).OrderBy(t => t.Code).Select(t => t.Id).FirstAsync();
            Business B(string name, Guid township, string tags, BusinessCategory category = BusinessCategory.Caterer) => new()
            {
                Id = Guid.NewGuid(), Name = name, CreditCode = ("CMP" + name.GetHashCode().ToString("X8")).PadRight(18, '0')[..18], Address = "测试路1号",
                TownshipId = township, Category = category, Subtype = category == BusinessCategory.Caterer ? "restaurant" : "supermarket",
                Scale = BusinessScale.Small, Tags = tags, CreatedAt = DateTime.UtcNow,
            };
            var a1 = B("专项甲饭店", own, "scenic-area");
            var a2 = B("专项乙饭店", own, "scenic-area");
            var a3 = B("专项丙饭店", own, "scenic-area|cold-chain");
            var b1 = B("专项丁饭店", other, "scenic-area");
            var outOfScopeTag = B("专项戊饭店", own, "cold-chain");
            var outOfScopeCategory = B("专项己超市", own, "scenic-area", BusinessCategory.Seller);
            db.Businesses.AddRange(a1, a2, a3, b1, outOfScopeTag, outOfScopeCategory);
            var campaign = new Campaign
            {
                Id = Guid.NewGuid(), Name = "景区餐饮专项检查测试", Kind = CampaignKind.Special, From = new DateOnly(2020, 5, 1), To = new DateOnly(2020, 5, 31),
                Categories = [BusinessCategory.Caterer], Tags = ["scenic-area"], Checklist = "景区餐饮检查表", CreatedAt = DateTime.UtcNow, CreatedBy = "test",
            };
            db.Campaigns.Add(campaign);
            var otherCampaign = Guid.NewGuid();
            var team = await TestInspections.TeamAsync(db);
            Inspection I(Business b, DateTime ended, InspectionResult? result, Guid? campaignId)
            {
                var inspection = result is { } found
                    ? TestInspections.Submitted(b.Id, b.TownshipId, found, ended, team, InspectionKind.Campaign)
                    : TestInspections.Draft(b.Id, b.TownshipId, ended.AddHours(-1), InspectionKind.Campaign);
                inspection.CampaignId = campaignId;
                return inspection;
            }
            db.Inspections.AddRange(
                I(a1, new DateTime(2020, 5, 3, 2, 0, 0, DateTimeKind.Utc), InspectionResult.Conforming, campaign.Id),
                I(a1, new DateTime(2020, 5, 20, 2, 0, 0, DateTimeKind.Utc), InspectionResult.BasicallyConforming, campaign.Id),
                I(a2, new DateTime(2020, 5, 10, 2, 0, 0, DateTimeKind.Utc), InspectionResult.NonConforming, campaign.Id),
                I(a3, new DateTime(2020, 5, 11, 2, 0, 0, DateTimeKind.Utc), null, campaign.Id),                                  // not submitted
                I(a3, new DateTime(2020, 6, 2, 2, 0, 0, DateTimeKind.Utc), InspectionResult.Conforming, campaign.Id),            // after the period
                I(a3, new DateTime(2020, 5, 12, 2, 0, 0, DateTimeKind.Utc), InspectionResult.Conforming, null),                  // not for the campaign
                I(a3, new DateTime(2020, 5, 12, 2, 0, 0, DateTimeKind.Utc), InspectionResult.Conforming, otherCampaign),         // another campaign
                I(b1, new DateTime(2020, 5, 5, 2, 0, 0, DateTimeKind.Utc), InspectionResult.NonConforming, campaign.Id),
                I(outOfScopeTag, new DateTime(2020, 5, 5, 2, 0, 0, DateTimeKind.Utc), InspectionResult.Conforming, campaign.Id), // out of scope
                I(outOfScopeCategory, new DateTime(2020, 5, 5, 2, 0, 0, DateTimeKind.Utc), InspectionResult.Conforming, campaign.Id));
            await db.SaveChangesAsync();
            return (campaign.Id, own, other);
        });

        using var office = await factory.SignedInAsync("office");
        var list = await office.GetStringAsync("/campaigns");
        Assert.Contains("景区餐饮专项检查测试", list);
        var page = await office.GetStringAsync($"/campaigns/{campaignId}");
        // In scope: a1, a2, a3, b1 (plus any demo caterer tagged scenic-area); inspected: a1, a2, b1.
        var demoInScope = await WithDbAsync(db => db.Businesses.CountAsync(b => b.Category == BusinessCategory.Caterer && b.Status != BusinessStatus.Closed
            && b.Tags.Contains("scenic-area") && !b.Name.StartsWith("专项")));
        Assert.Contains($"已检查 3 / 范围内 {4 + demoInScope} 户", page);
        Assert.Equal("1", Count(page, "conforming"));
        Assert.Equal("1", Count(page, "basically"));
        Assert.Equal("2", Count(page, "nonconforming"));

        using var township = await factory.SignedInAsync("township");
        var own = await township.GetStringAsync($"/campaigns/{campaignId}");
        var demoOwn = await WithDbAsync(db => db.Businesses.CountAsync(b => b.TownshipId == ownTownship && b.Category == BusinessCategory.Caterer
            && b.Status != BusinessStatus.Closed && b.Tags.Contains("scenic-area") && !b.Name.StartsWith("专项")));
        Assert.Contains($"已检查 2 / 范围内 {3 + demoOwn} 户", own);
        Assert.Equal("1", Count(own, "conforming"));
        Assert.Equal("1", Count(own, "basically"));
        Assert.Equal("1", Count(own, "nonconforming"));
        var otherName = await WithDbAsync(db => db.Townships.Where(t => t.Id == otherTownship).Select(t => t.Name).SingleAsync());
        Assert.DoesNotContain($"data-township=\"{otherName}\"", own);

        var export = await township.GetAsync($"/campaigns/{campaignId}?handler=Export");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", export.Content.Headers.ContentType?.MediaType);

        using var anonymous = factory.NewClient();
        Assert.NotEqual(HttpStatusCode.OK, (await anonymous.GetAsync($"/campaigns/{campaignId}")).StatusCode);
    }
}
