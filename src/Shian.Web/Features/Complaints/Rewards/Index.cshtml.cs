using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Shian.Common;
using Shian.Complaints;
using Shian.Data;
using Shian.Web.Infrastructure;

namespace Shian.Web.Features.Complaints.Rewards;

/// <summary>
/// 有奖举报: the office proposes a reward for a named report that led to a case, a second office user approves or
/// rejects it, and the payment is recorded. The amount is computed by the 2021 rules when proposed and stored.
/// </summary>
[Authorize(Policy = Policies.Office)]
public class IndexModel(ShianDb db, CurrentUser user, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed record Eligible(Guid Id, string TrackingCode, string BusinessName, DateOnly? DecidedOn, string? Informant);

    public sealed record Row(ComplaintReward Reward, string TrackingCode, string BusinessName);

    public sealed class ProposalInput
    {
        public Guid? ComplaintId { get; set; }
        public string? DecisionNumber { get; set; }
        public decimal? FinesAndConfiscations { get; set; }
        public int? Tier { get; set; }
        public bool NaturalPerson { get; set; } = true;
        public bool RegulatorStaff { get; set; }
        public bool InjuredParty { get; set; }
        public bool Offender { get; set; }
    }

    public IReadOnlyList<Eligible> Reports { get; private set; } = [];
    public IReadOnlyList<Row> Rewards { get; private set; } = [];
    public string CurrentUserName => user.Name;

    [BindProperty] public ProposalInput Input { get; set; } = new();
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public DateOnly? PaidOn { get; set; }
    [BindProperty] public string? PaymentReference { get; set; }

    public Task OnGetAsync() => LoadAsync();

    public async Task<IActionResult> OnPostProposeAsync()
    {
        if (Input.ComplaintId is not { } id || await db.Complaints.VisibleTo(await user.ScopeAsync()).FirstOrDefaultAsync(c => c.Id == id) is not { } report)
        {
            ModelState.AddProblem("Input." + nameof(Input.ComplaintId), new Problem("Reward.NotACaseReport"), l);
            await LoadAsync();
            return Page();
        }
        var standing = await db.ComplaintRewards.AnyAsync(r => r.ComplaintId == id && r.Status != RewardStatus.Rejected);
        var proposal = new ComplaintReward.Proposal(Input.DecisionNumber, Input.FinesAndConfiscations, Input.Tier,
            new RewardRules.Informant(Input.NaturalPerson, Input.RegulatorStaff, Input.InjuredParty, Input.Offender));
        var (reward, errors) = ComplaintReward.Propose(report, standing, proposal, ShianTime.UtcNow(clock), user.Name);
        if (reward is null)
        {
            ModelState.AddProblems(errors, l, nameof(Input));
            await LoadAsync();
            return Page();
        }
        db.ComplaintRewards.Add(reward);
        await db.SaveChangesAsync();
        return Redirect(RewardsRoutes.Rewards);
    }

    public Task<IActionResult> OnPostApproveAsync(Guid id) => DecideAsync(id, r => r.Approve(ShianTime.UtcNow(clock), user.Name));

    public Task<IActionResult> OnPostRejectAsync(Guid id) => DecideAsync(id, r => r.Reject(Reason, ShianTime.UtcNow(clock), user.Name));

    public Task<IActionResult> OnPostPayAsync(Guid id) => DecideAsync(id, r =>
        PaidOn is { } on ? r.RecordPayment(on, PaymentReference, ShianTime.UtcNow(clock), user.Name) : new Problem("Reward.PaidOnRequired"));

    private async Task<IActionResult> DecideAsync(Guid id, Func<ComplaintReward, Problem?> step)
    {
        if (await db.ComplaintRewards.FirstOrDefaultAsync(r => r.Id == id) is not { } reward)
        {
            return NotFound();
        }
        if (step(reward) is { } problem)
        {
            ModelState.AddProblem("", problem, l);
            await LoadAsync();
            return Page();
        }
        await db.SaveChangesAsync();
        return Redirect(RewardsRoutes.Rewards);
    }

    private async Task LoadAsync()
    {
        // The one visibility filter, as everywhere (the office's scope is the whole district).
        var visible = db.Complaints.AsNoTracking().VisibleTo(await user.ScopeAsync());
        var rewarded = db.ComplaintRewards.Where(r => r.Status != RewardStatus.Rejected).Select(r => r.ComplaintId);
        Reports = await visible
            .Where(c => c.Kind == ComplaintKind.Report && c.Outcome == ComplaintOutcome.CaseOpened && (c.ContactName != null || c.ContactPhone != null))
            .Where(c => !rewarded.Contains(c.Id))
            .OrderByDescending(c => c.DecidedOn).Take(200)
            .Select(c => new Eligible(c.Id, c.TrackingCode, c.BusinessName, c.DecidedOn, c.ContactName))
            .ToListAsync();
        Rewards = await (from r in db.ComplaintRewards.AsNoTracking()
                         join c in visible on r.ComplaintId equals c.Id
                         orderby r.ProposedAt descending
                         select new Row(r, c.TrackingCode, c.BusinessName)).Take(500).ToListAsync();
    }
}
