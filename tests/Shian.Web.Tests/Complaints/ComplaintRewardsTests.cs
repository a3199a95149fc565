using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shian.Common;
using Shian.Complaints;
using Shian.Data;
using Shian.Web.Features.Complaints;

namespace Shian.Web.Tests.Complaints;

/// <summary>/complaints/rewards: proposed by one office user with the amount stored, approved only by another, then paid.</summary>
public sealed class ComplaintRewardsTests(ShianWebFactory factory) : IClassFixture<ShianWebFactory>
{
    /// <summary>A named report against a made-up business, decided with a case opened.</summary>
    private async Task<Complaint> ReportWithCaseAsync(bool anonymous = false)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShianDb>();
        var settings = new ComplaintSettings();
        var name = "有奖举报测试食品厂" + Guid.NewGuid().ToString("N")[..6];
        var input = new Complaint.Input(ComplaintKind.Report, name, null, "文昌街道工业园 9 号", "使用过期原料生产熟食", null,
            anonymous ? null : "赵举报", anonymous ? null : "13700000000");
        var now = DateTime.UtcNow;
        var (report, errors) = await ComplaintIntake.ReceiveAsync(db, input, ComplaintChannel.Online, settings, "test", now);
        Assert.Empty(errors);
        Assert.Null(report!.Decide(true, "核查属实，已立案查处", true, await db.LoadCalendarAsync(), settings.Clocks, now, "test"));
        await db.SaveChangesAsync();
        return report;
    }

    private Task<ComplaintReward?> RewardOfAsync(Guid complaint) =>
        factory.QueryAsync(db => db.ComplaintRewards.AsNoTracking().SingleOrDefaultAsync(r => r.ComplaintId == complaint));

    [Fact]
    public async Task A_reward_is_proposed_approved_by_a_second_office_user_and_paid()
    {
        var report = await ReportWithCaseAsync();
        var anonymous = await ReportWithCaseAsync(anonymous: true);
        using var office = await factory.SignedInAsync("office");
        var page = await office.GetStringAsync(RewardsRoutes.Rewards);
        Assert.Contains(report.BusinessName, page);
        Assert.DoesNotContain(anonymous.BusinessName, page); // nobody to reward

        // An ineligible informant is refused and nothing is stored.
        var fields = new Dictionary<string, string>
        {
            ["Input.ComplaintId"] = report.Id.ToString(), ["Input.DecisionNumber"] = "津蓟市监罚〔2026〕88号", ["Input.FinesAndConfiscations"] = "300000",
            ["Input.Tier"] = "2", ["Input.NaturalPerson"] = "true", ["Input.InjuredParty"] = "true",
        };
        var refused = await office.PostFormAsync(RewardsRoutes.Rewards, new(fields), RewardsRoutes.Rewards + "?handler=Propose");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("受害人（投诉人）不在举报奖励范围", await refused.Content.ReadAsStringAsync());
        Assert.Null(await RewardOfAsync(report.Id));

        fields["Input.InjuredParty"] = "false";
        var proposed = await office.PostFormAsync(RewardsRoutes.Rewards, new(fields), RewardsRoutes.Rewards + "?handler=Propose");
        Assert.Equal(HttpStatusCode.Redirect, proposed.StatusCode);
        var reward = await RewardOfAsync(report.Id);
        Assert.Equal(9_000m, reward!.Amount); // 3% of 300,000, stored
        Assert.Equal(RewardStatus.Proposed, reward.Status);
        Assert.Equal("office", reward.ProposedBy);
        Assert.DoesNotContain(report.BusinessName, (await office.GetStringAsync(RewardsRoutes.Rewards)).Split("data-testid=\"propose\"").Skip(1).FirstOrDefault()?.Split("</form>")[0] ?? "");

        // The proposer cannot approve it.
        var self = await office.PostFormAsync(RewardsRoutes.Rewards, [], $"{RewardsRoutes.Rewards}?handler=Approve&id={reward.Id}");
        Assert.Contains("另一名办公室人员审批", await self.Content.ReadAsStringAsync());
        Assert.Equal(RewardStatus.Proposed, (await RewardOfAsync(report.Id))!.Status);

        using var admin = await factory.SignedInAsync("admin");
        var approved = await admin.PostFormAsync(RewardsRoutes.Rewards, [], $"{RewardsRoutes.Rewards}?handler=Approve&id={reward.Id}");
        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        Assert.Equal(RewardStatus.Approved, (await RewardOfAsync(report.Id))!.Status);

        var today = ShianTime.LocalDate(DateTime.UtcNow).ToString("yyyy-MM-dd");
        var paid = await office.PostFormAsync(RewardsRoutes.Rewards, new() { ["PaidOn"] = today, ["PaymentReference"] = "财付 2026-001" },
            $"{RewardsRoutes.Rewards}?handler=Pay&id={reward.Id}");
        Assert.Equal(HttpStatusCode.Redirect, paid.StatusCode);
        var done = await RewardOfAsync(report.Id);
        Assert.Equal(RewardStatus.Paid, done!.Status);
        Assert.Equal("财付 2026-001", done.PaymentReference);
    }

    [Fact]
    public async Task Only_the_office_reaches_the_rewards()
    {
        using var township = await factory.SignedInAsync("township");
        var response = await township.GetAsync(RewardsRoutes.Rewards);
        Assert.Contains("/account/access-denied", response.Headers.Location?.OriginalString ?? response.RequestMessage!.RequestUri!.ToString());
    }
}
