using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shian.Complaints;
using Shian.Data;
using Shian.Inspections;
using Shian.Web.Tests.Infrastructure;

namespace Shian.Web.Tests.Complaints;

/// <summary>
/// The demo district's complaints as `--demo` seeds them: every state, reports checked by inspections started from them,
/// verified violations in the risk grading, one reward approved and paid — all through the users' transitions.
/// </summary>
public sealed class DemoComplaintsTests(CrawlerTests.DemoDistrictFactory factory) : IClassFixture<CrawlerTests.DemoDistrictFactory>
{
    [Fact]
    public async Task The_demo_holds_complaints_in_every_state_through_the_transitions()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShianDb>();
        // A refused complaint is answered within days (then closed), so a refusal shows as an outcome rather than a state.
        var states = await db.Complaints.GroupBy(c => c.Status).Select(g => g.Key).ToListAsync();
        Assert.Equal(Enum.GetValues<ComplaintStatus>().Except([ComplaintStatus.Refused]).Order(), states.Except([ComplaintStatus.Refused]).Order());
        var outcomes = await db.Complaints.Where(c => c.Outcome != null).GroupBy(c => c.Outcome).Select(g => g.Key!.Value).ToListAsync();
        Assert.Equal(Enum.GetValues<ComplaintOutcome>().Order(), outcomes.Order());
        // Both clocks were kept and missed: the indicators have something to say.
        Assert.True(await db.Complaints.CountAsync(c => c.AcceptedOn != null && c.AcceptedOn <= c.FirstDeadline) > 0);
        Assert.True(await db.Complaints.CountAsync(c => c.AcceptedOn != null && c.AcceptedOn > c.FirstDeadline) > 0);
    }

    [Fact]
    public async Task Some_reports_are_checked_by_an_inspection_started_from_them()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShianDb>();
        var links = await db.Complaints.SelectMany(c => c.Entries.Where(e => e.Kind == ComplaintEntryKind.InspectionStarted), (c, e) => new { c.BusinessId, e.LinkedId, e.At })
            .ToListAsync();
        Assert.True(links.Count >= 5, $"{links.Count} complaints link an inspection");
        foreach (var link in links)
        {
            var inspection = await db.Inspections.SingleAsync(i => i.Id == link.LinkedId);
            Assert.Equal(InspectionKind.Complaint, inspection.Kind);
            Assert.Equal(link.BusinessId, inspection.BusinessId);
            Assert.True(inspection.EndedAt <= link.At);
        }
    }

    [Fact]
    public async Task Verified_violations_count_in_the_risk_grading_once_each()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShianDb>();
        var verified = await db.Complaints.CountAsync(c => c.ViolationVerified && c.BusinessId != null);
        Assert.True(verified > 0);
        Assert.Equal(verified, await db.RiskFactors.CountAsync(f => f.Source == ComplaintRisk.RiskSource));
    }

    [Fact]
    public async Task One_report_led_to_a_reward_approved_by_a_second_user_and_paid()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShianDb>();
        var reward = await db.ComplaintRewards.SingleAsync();
        Assert.Equal(RewardStatus.Paid, reward.Status);
        Assert.NotEqual(reward.ProposedBy, reward.DecidedBy);
        Assert.Equal(RewardRules.Compute(reward.Tier, reward.FinesAndConfiscations).Amount, reward.Amount);
        var report = await db.Complaints.SingleAsync(c => c.Id == reward.ComplaintId);
        Assert.Equal((ComplaintKind.Report, ComplaintOutcome.CaseOpened, false), (report.Kind, report.Outcome, report.Anonymous));
    }
}
