using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Shian.Accounts;
using Shian.Common;
using Shian.Complaints;
using Shian.Data;
using Shian.Inspections;
using Shian.Registry;
using Shian.Web.Infrastructure;

namespace Shian.Web.Features.Inspections;

/// <summary>
/// 现场检查: filling in an inspection of one business on a phone, from a planned visit (the schedule's 开始检查) or ad hoc
/// from the business page (complaint, follow-up, routine). Item results (符合/不符合/不适用) with notes and photos, the
/// inspectors (at least two, the user among them), start and end; the overall result comes from the checklist's rule on
/// submit. The form carries the phone draft's id: the same draft sent twice is stored once. From a campaign's page
/// (?campaign=…) it is a 专项检查 recording the campaign, on the campaign's checklist when it names one.
/// </summary>
[Authorize(Policy = Policies.Staff)]
public class NewModel(ShianDb db, CurrentUser user, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed record Person(Guid Id, string Name);

    [BindProperty(SupportsGet = true)] public Guid Business { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? Planned { get; set; }
    [BindProperty(SupportsGet = true)] public InspectionKind Kind { get; set; } = InspectionKind.Routine;

    /// <summary>The campaign (专项行动) the inspection is part of: kind 专项检查, on the campaign's checklist when it names one.</summary>
    [BindProperty(SupportsGet = true)] public Guid? Campaign { get; set; }
    /// <summary>The complaint this inspection is for (投诉举报核查): logged on it once recorded.</summary>
    [BindProperty(SupportsGet = true, Name = "complaint")] public Guid? ComplaintId { get; set; }
    [BindProperty] public Guid? ClientDraftId { get; set; }
    [BindProperty] public List<Guid> Inspectors { get; set; } = [];
    [BindProperty] public DateTime? StartedAt { get; set; }
    [BindProperty] public DateTime? EndedAt { get; set; }

    public Business? Target { get; private set; }
    public Checklist? Checklist { get; private set; }
    public PlannedInspection? Visit { get; private set; }
    public Shian.Campaigns.Campaign? ForCampaign { get; private set; }
    public Shian.Complaints.Complaint? ForComplaint { get; private set; }
    public IReadOnlyList<Person> People { get; private set; } = [];
    public Dictionary<string, ItemResult> Results { get; } = [];
    public Dictionary<string, string> Notes { get; } = [];

    public static readonly InspectionKind[] AdHocKinds = [InspectionKind.Routine, InspectionKind.Complaint, InspectionKind.FollowUp];

    public async Task<IActionResult> OnGetAsync()
    {
        if (await LoadAsync() is { } refused)
        {
            return refused;
        }
        var now = ShianTime.ToLocal(ShianTime.UtcNow(clock));
        StartedAt = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMinute));
        var me = user.Id!.Value;
        // From a visit of the user's team, the team goes; otherwise the user, who adds a colleague.
        var team = Visit?.TeamId is { } teamId
            ? await db.InspectionTeamMembers.Where(m => m.TeamId == teamId).Select(m => m.UserId).ToListAsync()
            : [];
        Inspectors = team.Contains(me) ? team : [me];
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await LoadAsync() is { } refused)
        {
            return refused;
        }
        var ct = HttpContext.RequestAborted;
        if (await InspectionRecords.FromDraftAsync(db, Business, ClientDraftId, ct) is { } already)
        {
            return Redirect($"{InspectionsRoutes.Inspection(already.Id)}?saved=duplicate");
        }
        var checklist = Checklist!;
        foreach (var item in checklist.Items)
        {
            if (Enum.TryParse<ItemResult>(Request.Form[$"R_{item.Code}"].ToString(), out var r) && Enum.IsDefined(r))
            {
                Results[item.Code] = r;
            }
            var note = Request.Form[$"N_{item.Code}"].ToString();
            if (note.Length > 0)
            {
                Notes[item.Code] = note;
            }
        }
        if (StartedAt is null)
        {
            ModelState.AddModelError(nameof(StartedAt), l["Inspection.StartRequired"]);
            return Page();
        }
        var now = ShianTime.UtcNow(clock);
        var started = ToUtc(StartedAt.Value);
        var ended = EndedAt is { } e ? ToUtc(e) : now;
        var me = user.Id!.Value;
        var candidates = await CandidatesAsync(me);
        var (inspection, problems) = Inspection.Record(checklist, Target!.Id, Target.TownshipId, Visit is null ? Kind : InspectionKind.Routine, Results, Notes,
            Inspectors, candidates.Select(c => c.Id).ToList(), me, started, ended, user.Name, now);
        foreach (var problem in problems)
        {
            ModelState.AddProblem(problem.Field, problem.Problem, l);
        }
        if (inspection is null)
        {
            return Page();
        }
        inspection.PlannedInspectionId = Visit?.Id;
        inspection.CampaignId = ForCampaign?.Id;
        inspection.TeamId = Visit?.TeamId;
        inspection.ClientDraftId = ClientDraftId;

        var photos = new List<StoredFile>();
        foreach (var item in inspection.Items)
        {
            var files = Request.Form.Files.GetFiles($"P_{item.Code}").Where(f => f.Length > 0 || f.FileName.Length > 0).ToList();
            if (files.Count > StoredFile.MaxPerRecord)
            {
                ModelState.AddModelError($"P_{item.Code}", l["Inspection.TooManyPhotos", item.Code, StoredFile.MaxPerRecord]);
                continue;
            }
            foreach (var upload in files)
            {
                if (upload.Length > StoredFile.MaxBytes)
                {
                    ModelState.AddModelError($"P_{item.Code}", l["Inspection.ItemPhotoRefused", item.Code, l.Word(StoredFile.TooLarge(Path.GetFileName(upload.FileName)))]);
                    continue;
                }
                using var buffer = new MemoryStream();
                await upload.CopyToAsync(buffer, ct);
                var (photo, error) = StoredFile.Photo(upload.FileName, buffer.ToArray(), FileOwners.InspectionPhoto, item.Id, user.Name, now);
                if (photo is null)
                {
                    ModelState.AddModelError($"P_{item.Code}", l["Inspection.ItemPhotoRefused", item.Code, l.Word(error!)]);
                }
                else
                {
                    photo.Id = Guid.CreateVersion7();
                    photos.Add(photo);
                }
            }
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var (stored, duplicate) = await InspectionRecords.SaveAsync(db, inspection, photos, user.Name, now, ct);
        if (ForComplaint is not null && !duplicate)
        {
            var before = ForComplaint.Entries.Count;
            if (ForComplaint.RecordAction(ComplaintEntryKind.InspectionStarted, null, stored.Id, now, user.Name) is null)
            {
                db.AddEntriesSince(ForComplaint, before);
                await db.SaveChangesAsync(ct);
            }
        }
        return Redirect($"{InspectionsRoutes.Inspection(stored.Id)}?saved={(duplicate ? "duplicate" : "new")}");
    }

    private static DateTime ToUtc(DateTime local) =>
        TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), ShianTime.Zone);

    /// <summary>Null when the page may go on; otherwise the refusal (not found for what the user may not see).</summary>
    private async Task<IActionResult?> LoadAsync()
    {
        var scope = await user.ScopeAsync();
        if (user.Id is null || scope.Level is not (AccessLevel.Jurisdiction or AccessLevel.Township))
        {
            return Forbid();
        }
        Target = await db.Businesses.AsNoTracking().VisibleTo(scope).FirstOrDefaultAsync(b => b.Id == Business);
        if (Target is null)
        {
            return NotFound();
        }
        if (Planned is { } planned)
        {
            Visit = await db.PlannedInspections.AsNoTracking().FirstOrDefaultAsync(p => p.Id == planned && p.BusinessId == Business);
            if (Visit is null)
            {
                return NotFound();
            }
        }
        if (!AdHocKinds.Contains(Kind))
        {
            Kind = InspectionKind.Routine;
        }
        if (ComplaintId is { } complaintId)
        {
            // Only a complaint against this business that the user handles (Features/Complaints/ComplaintRights).
            ForComplaint = await db.Complaints.VisibleTo(scope).Include(c => c.Entries).FirstOrDefaultAsync(c => c.Id == complaintId && c.BusinessId == Business);
            if (ForComplaint is null)
            {
                return NotFound();
            }
            var rights = new Features.Complaints.ComplaintRights(scope, await HttpContext.MeetsAsync(Policies.Office), await HttpContext.MeetsAsync(Policies.Inspect), ForComplaint);
            if (!rights.StartInspection)
            {
                return Forbid();
            }
            Kind = InspectionKind.Complaint;
        }
        var today = ShianTime.LocalDate(ShianTime.UtcNow(clock));
        if (Campaign is { } campaignId && Visit is null)
        {
            ForCampaign = await db.Campaigns.AsNoTracking().FirstOrDefaultAsync(c => c.Id == campaignId);
            if (ForCampaign is null || !ForCampaign.VisibleTo(scope))
            {
                return NotFound();
            }
            Kind = InspectionKind.Campaign;
            if (ForCampaign.StatusOn(today) != Shian.Campaigns.CampaignStatus.Running)
            {
                ModelState.AddModelError("", l["Inspection.CampaignNotRunning", ForCampaign.Name, ForCampaign.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ForCampaign.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)]);
                return Page();
            }
            if (!ForCampaign.InScope(Target))
            {
                ModelState.AddModelError("", l["Inspection.NotInCampaignScope", ForCampaign.Name]);
                return Page();
            }
        }
        Checklist = ForCampaign is { Checklist.Length: > 0 } named
            ? await Checklists.NamedAsync(db, named.Checklist, today)
            : await Checklists.ForAsync(db, Target.Category, today);
        if (Checklist is null && ForCampaign is { Checklist.Length: > 0 } missing)
        {
            ModelState.AddModelError("", l["Inspection.CampaignChecklistNotInForce", missing.Checklist]);
            return Page();
        }
        if (Checklist is null)
        {
            ModelState.AddModelError("", l["Inspection.NoChecklist"]);
            return Page();
        }
        People = await CandidatesAsync(user.Id.Value);
        return null;
    }

    /// <summary>Who may be named as an inspector: the staff of the business's township, the user's team mates, the user.</summary>
    private async Task<IReadOnlyList<Person>> CandidatesAsync(Guid me)
    {
        var township = Target!.TownshipId;
        var mates = await db.InspectionTeamMembers.Where(m => db.InspectionTeamMembers.Any(x => x.TeamId == m.TeamId && x.UserId == me))
            .Select(m => m.UserId).ToListAsync();
        var staffRoles = Roles.Staff.ToList();
        var people = await db.Users.AsNoTracking()
            .Where(u => u.Id == me || mates.Contains(u.Id) || u.TownshipId == township)
            .Where(u => u.Id == me || db.UserRoles.Any(r => r.UserId == u.Id && db.Roles.Any(x => x.Id == r.RoleId && staffRoles.Contains(x.Name!))))
            .Select(u => new { u.Id, u.DisplayName, u.UserName })
            .ToListAsync();
        return people.Select(p => new Person(p.Id, string.IsNullOrEmpty(p.DisplayName) ? p.UserName ?? "" : p.DisplayName))
            .OrderByDescending(p => p.Id == me).ThenBy(p => p.Name, StringComparer.Ordinal).ToList();
    }

    public static string LocalInput(DateTime? local) => local?.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture) ?? "";
}
