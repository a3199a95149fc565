using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Shian.Campaigns;
using Shian.Common;
using Shian.Data;
using Shian.Inspections;
using Shian.Registry;
using Shian.Web.Infrastructure;

namespace Shian.Web.Features.Campaigns;

/// <summary>
/// Sets up a campaign (/campaigns/new) or changes one (/campaigns/{id}/edit): name, kind, period, scope (categories,
/// sub-types, tags, townships; none ticked = all) and the checklist (empty = the business type's own). 预览 counts the
/// businesses the scope takes in without storing anything. A campaign may be closed early or cancelled with a reason; an
/// ended one is kept as it was (its scope and checklist are what its inspections were done under).
/// </summary>
[Authorize(Policy = Policies.Office)]
public class EditModel(ShianDb db, CurrentUser user, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed record TagChoice(string Code, string Name, int Businesses);

    [BindProperty] public string Name { get; set; } = "";
    [BindProperty] public CampaignKind Kind { get; set; } = CampaignKind.Special;
    [BindProperty] public DateOnly? From { get; set; }
    [BindProperty] public DateOnly? To { get; set; }
    [BindProperty] public List<BusinessCategory> Categories { get; set; } = [];
    [BindProperty] public List<string> Subtypes { get; set; } = [];
    [BindProperty] public List<string> Tags { get; set; } = [];
    [BindProperty] public List<Guid> TownshipIds { get; set; } = [];
    [BindProperty] public string? Checklist { get; set; }
    [BindProperty] public CampaignStatus StopAs { get; set; } = CampaignStatus.Closed;
    [BindProperty] public string? Reason { get; set; }

    public Guid? Id { get; private set; }
    public Campaign? Existing { get; private set; }

    /// <summary>Why the campaign can no longer be changed; null while it can.</summary>
    public Problem? Locked { get; private set; }

    /// <summary>How many businesses the scope as entered takes in (after 预览).</summary>
    public int? PreviewCount { get; private set; }

    public IReadOnlyList<(Guid Id, string Name)> TownshipChoices { get; private set; } = [];
    public IReadOnlyList<string> ChecklistChoices { get; private set; } = [];
    public IReadOnlyList<TagChoice> TagChoices { get; private set; } = [];

    private DateOnly Today => ShianTime.LocalDate(clock.GetUtcNow().UtcDateTime);

    public async Task<IActionResult> OnGetAsync(Guid? id)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (Existing is { } c)
        {
            Name = c.Name;
            Kind = c.Kind;
            From = c.From;
            To = c.To;
            Categories = c.Categories.ToList();
            Subtypes = c.Subtypes.ToList();
            Tags = c.Tags.ToList();
            TownshipIds = c.TownshipIds.ToList();
            Checklist = c.Checklist;
        }
        return Page();
    }

    /// <summary>预览: the count of businesses in the scope as entered; nothing is stored.</summary>
    public async Task<IActionResult> OnPostPreviewAsync(Guid? id)
    {
        if (!await LoadAsync(id)) return NotFound();
        ModelState.Clear();
        var draft = Draft();
        draft.Id = Existing?.Id ?? Guid.Empty;
        PreviewCount = (await CampaignProgress.LoadAsync(db, draft, await user.ScopeAsync())).InScope;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid? id)
    {
        if (!await LoadAsync(id)) return NotFound();
        // The entity checks every field in its own words; MVC's implicit conversions only tell us a date did not parse.
        var badFrom = !ModelState.IsValid && ModelState[nameof(From)]?.Errors.Count > 0;
        var badTo = !ModelState.IsValid && ModelState[nameof(To)]?.Errors.Count > 0;
        ModelState.Clear();
        if (Locked is not null)
        {
            ModelState.AddProblem("", Locked, l);
            return Page();
        }
        if (badFrom) ModelState.AddModelError(nameof(From), l["Campaigns.FromFormat"]);
        if (badTo) ModelState.AddModelError(nameof(To), l["Campaigns.ToFormat"]);
        var draft = Draft();
        var townships = TownshipChoices.Select(t => t.Id).ToList();
        var checklists = ChecklistChoices.ToList();
        if (Existing is { Checklist.Length: > 0 } old && !checklists.Contains(old.Checklist)) checklists.Add(old.Checklist);
        foreach (var (field, problem) in draft.Validate(checklists, townships))
        {
            if (!ModelState.ContainsKey(field) || ModelState[field]!.Errors.Count == 0) ModelState.AddProblem(field, problem, l);
        }
        if (!ModelState.IsValid) return Page();

        var now = clock.GetUtcNow().UtcDateTime;
        var campaign = Existing;
        if (campaign is null)
        {
            campaign = new Campaign { Id = Guid.CreateVersion7(), CreatedAt = now, CreatedBy = user.Name, Status = CampaignStatus.Planned };
            db.Campaigns.Add(campaign);
        }
        campaign.Name = draft.Name;
        campaign.Kind = draft.Kind;
        campaign.From = draft.From;
        campaign.To = draft.To;
        campaign.Categories = draft.Categories;
        campaign.Subtypes = draft.Subtypes;
        campaign.Tags = draft.Tags;
        campaign.TownshipIds = draft.TownshipIds;
        campaign.Checklist = draft.Checklist;
        await db.SaveChangesAsync();
        return Redirect($"{CampaignsRoutes.Campaign(campaign.Id)}?saved=1");
    }

    /// <summary>结束 / 取消: ends the campaign before its end date, with a reason.</summary>
    public async Task<IActionResult> OnPostStopAsync(Guid id)
    {
        if (!await LoadAsync(id) || Existing is null) return NotFound();
        ModelState.Clear();
        Name = Existing.Name;
        Kind = Existing.Kind;
        From = Existing.From;
        To = Existing.To;
        Categories = Existing.Categories.ToList();
        Subtypes = Existing.Subtypes.ToList();
        Tags = Existing.Tags.ToList();
        TownshipIds = Existing.TownshipIds.ToList();
        Checklist = Existing.Checklist;
        if (Existing.Stop(StopAs, Reason, user.Name, clock.GetUtcNow().UtcDateTime, Today) is { } refused)
        {
            ModelState.AddProblem(refused.Field, refused.Problem, l);
            return Page();
        }
        await db.SaveChangesAsync();
        return Redirect($"{CampaignsRoutes.Campaign(id)}?saved=stopped");
    }

    private Campaign Draft() => new()
    {
        Name = (Name ?? "").Trim(),
        Kind = Enum.IsDefined(Kind) ? Kind : CampaignKind.Special,
        From = From ?? default,
        To = To ?? default,
        Categories = Categories.Distinct().ToList(),
        Subtypes = Subtypes.Where(s => !string.IsNullOrWhiteSpace(s)).Distinct().ToList(),
        Tags = Tags.Where(s => !string.IsNullOrWhiteSpace(s)).Distinct().ToList(),
        TownshipIds = TownshipIds.Distinct().ToList(),
        Checklist = (Checklist ?? "").Trim(),
    };

    private async Task<bool> LoadAsync(Guid? id)
    {
        if (id is { } existing)
        {
            Existing = await db.Campaigns.FirstOrDefaultAsync(c => c.Id == existing);
            if (Existing is null) return false;
            Id = existing;
            Locked = Existing.WhyNotEditable(Today);
        }
        TownshipChoices = (await db.Townships.AsNoTracking().OrderBy(t => t.Code).Select(t => new { t.Id, t.Name }).ToListAsync())
            .Select(t => (t.Id, t.Name)).ToList();
        ChecklistChoices = Checklists.Active(await Checklists.AllVersionsAsync(db), Today);
        var tags = new List<TagChoice>();
        foreach (var tag in BusinessTypes.Tags)
        {
            var pattern = "|" + tag.Code + "|";
            tags.Add(new TagChoice(tag.Code, tag.Name, await db.Businesses.CountAsync(b => b.Status != BusinessStatus.Closed && b.Tags.Contains(pattern))));
        }
        // The tags businesses carry come first: those are the useful suggestions.
        TagChoices = tags.OrderByDescending(t => t.Businesses > 0).ThenByDescending(t => t.Businesses).ToList();
        return true;
    }
}
