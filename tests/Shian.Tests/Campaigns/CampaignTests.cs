using Shian.Campaigns;
using Shian.Common;
using Shian.Registry;
using Shian.Tests.Builders;

namespace Shian.Tests.Campaigns;

public class CampaignTests
{
    private static readonly Guid T1 = Guid.NewGuid();
    private static readonly Guid T2 = Guid.NewGuid();

    private static Campaign Valid() => new()
    {
        Name = "春节节日市场专项检查", Kind = CampaignKind.Holiday,
        From = new DateOnly(2020, 1, 10), To = new DateOnly(2020, 2, 10), Checklist = "节日市场检查表",
    };

    private static Business B(BusinessCategory c, string subtype, Guid township, string tags = "", BusinessStatus status = BusinessStatus.Active) =>
        new Business { Id = Guid.NewGuid(), Name = subtype, Category = c, Subtype = subtype, TownshipId = township, Tags = tags }.InStatus(status);

    [Fact]
    public void A_complete_campaign_is_valid()
    {
        Assert.Empty(Valid().Validate());
    }

    [Fact]
    public void Name_is_required_and_dates_must_be_in_order()
    {
        var c = Valid();
        c.Name = "  ";
        c.From = new DateOnly(2020, 2, 11);
        var errors = c.Validate();
        Assert.Contains(errors, e => e.Field == "Name" && e.Problem.Code == "Campaign.NameRequired");
        Assert.Contains(errors, e => e.Field == "To" && e.Problem.Code == "Campaign.ToBeforeFrom");
    }

    [Fact]
    public void A_one_day_campaign_is_valid_but_missing_dates_are_not()
    {
        var c = Valid();
        c.To = c.From;
        Assert.Empty(c.Validate());
        c.To = default;
        Assert.Contains(c.Validate(), e => e.Field == "To" && e.Problem.Code == "Campaign.ToRequired");
    }

    [Fact]
    public void Unknown_subtypes_and_tags_are_refused()
    {
        var c = Valid();
        c.Subtypes = ["school", "no-such"];
        c.Tags = ["scenic-area", "moon"];
        var errors = c.Validate();
        Assert.Equal(2, errors.Count);
        Assert.Contains(errors, e => e.Field == "Subtypes" && e.Problem.ToString() == "Campaign.SubtypeUnknown(no-such)");
        Assert.Contains(errors, e => e.Field == "Tags" && e.Problem.ToString() == "Campaign.TagUnknown(moon)");
    }

    [Fact]
    public void An_empty_scope_takes_every_business_not_closed()
    {
        var c = Valid();
        Assert.True(c.InScope(B(BusinessCategory.Seller, "market", T1)));
        Assert.True(c.InScope(B(BusinessCategory.Producer, "food-plant", T2)));
        Assert.False(c.InScope(B(BusinessCategory.Seller, "market", T1, status: BusinessStatus.Closed)));
    }

    [Fact]
    public void Category_or_subtype_tag_and_township_must_all_match()
    {
        var c = Valid();
        c.Categories = [BusinessCategory.Seller];
        c.Subtypes = ["school"];
        c.Tags = ["scenic-area", "railway"];
        c.TownshipIds = [T1];

        Assert.True(c.InScope(B(BusinessCategory.Seller, "shop", T1, "scenic-area")));
        Assert.True(c.InScope(B(BusinessCategory.Canteen, "school", T1, "railway|cold-chain")));
        Assert.False(c.InScope(B(BusinessCategory.Canteen, "hospital", T1, "railway")));   // neither category nor subtype
        Assert.False(c.InScope(B(BusinessCategory.Seller, "shop", T1, "cold-chain")));    // no tag of the scope
        Assert.False(c.InScope(B(BusinessCategory.Seller, "shop", T2, "scenic-area")));   // other township
    }

    [Fact]
    public void Status_follows_the_dates_unless_closed_by_hand()
    {
        var c = Valid();
        Assert.Equal(CampaignStatus.Planned, c.StatusOn(new DateOnly(2020, 1, 9)));
        Assert.Equal(CampaignStatus.Running, c.StatusOn(new DateOnly(2020, 1, 10)));
        Assert.Equal(CampaignStatus.Running, c.StatusOn(new DateOnly(2020, 2, 10)));
        Assert.Equal(CampaignStatus.Closed, c.StatusOn(new DateOnly(2020, 2, 11)));
        c.Status = CampaignStatus.Closed;
        Assert.Equal(CampaignStatus.Closed, c.StatusOn(new DateOnly(2020, 1, 20)));
        Assert.True(c.Covers(new DateOnly(2020, 2, 10)));
        Assert.False(c.Covers(new DateOnly(2020, 2, 11)));
    }

    [Fact]
    public void An_unknown_checklist_or_township_is_refused_when_the_known_ones_are_given()
    {
        var c = Valid();
        c.TownshipIds = [T1, T2];
        Assert.Empty(c.Validate(["节日市场检查表"], [T1, T2]));
        var errors = c.Validate(["餐饮服务日常监督检查表"], [T1]);
        Assert.Contains(errors, e => e.Field == "Checklist" && e.Problem.ToString() == "Campaign.ChecklistUnknown(节日市场检查表)");
        Assert.Contains(errors, e => e.Field == "TownshipIds" && e.Problem.Code == "Campaign.TownshipUnknown");
        c.Checklist = "";
        Assert.DoesNotContain(c.Validate(["餐饮服务日常监督检查表"], [T1, T2]), e => e.Field == "Checklist"); // empty: the type's default
    }

    [Fact]
    public void Stopping_early_needs_a_reason_and_an_ended_campaign_is_no_longer_editable()
    {
        var c = Valid();
        var day = new DateOnly(2020, 1, 20);
        Assert.Null(c.WhyNotEditable(day));
        Assert.Equal("Reason", c.Stop(CampaignStatus.Cancelled, " ", "office", DateTime.UtcNow, day)?.Field);
        Assert.Equal(CampaignStatus.Running, c.StatusOn(day));
        Assert.Equal("Status", c.Stop(CampaignStatus.Running, "原因", "office", DateTime.UtcNow, day)?.Field);

        Assert.Null(c.Stop(CampaignStatus.Cancelled, "上级通知取消", "office", DateTime.UtcNow, day));
        Assert.Equal(CampaignStatus.Cancelled, c.StatusOn(day));
        Assert.Equal("上级通知取消", c.StopReason);
        Assert.NotNull(c.WhyNotEditable(day));
        Assert.Equal("Status", c.Stop(CampaignStatus.Closed, "再次结束", "office", DateTime.UtcNow, day)?.Field);
        Assert.Equal(CampaignStatus.Cancelled, c.Status);

        var ended = Valid();
        Assert.Equal(new Problem("Campaign.Ended", new DateOnly(2020, 2, 10)).ToString(), ended.WhyNotEditable(new DateOnly(2020, 2, 11))?.ToString());
        Assert.NotNull(ended.Stop(CampaignStatus.Closed, "结束", "office", DateTime.UtcNow, new DateOnly(2020, 2, 11)));
    }
}
