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
using Shian.Sampling;
using Shian.Web.Infrastructure;

namespace Shian.Web.Features.Complaints;

/// <summary>
/// One complaint or report: what was said (the informant as <see cref="ComplaintRights"/> allows), the clocks, the
/// handling log, and the handling forms the rights allow, each a POST calling one transition of <see cref="Complaint"/>.
/// A refused transition shows its worded problem and changes nothing.
/// </summary>
[Authorize(Policy = Policies.Complaints)]
public class ComplaintDetailModel(ShianDb db, CurrentUser user, TimeProvider clock, ComplaintSettings settings, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed record Option(string Value, string Name);

    /// <summary>A file of the complaint the user may open: the submitter's evidence or the signed mediation record.</summary>
    public sealed record FileLink(Guid Id, string Kind, string Name, long Length, DateTime UploadedAt);

    public Complaint Complaint { get; private set; } = null!;
    public ComplaintRights Rights { get; private set; } = null!;
    public string Handler { get; private set; } = "";
    public ClockState? Clock { get; private set; }
    public string? Done { get; private set; }
    public IReadOnlyList<Option> Handlers { get; private set; } = [];
    public IReadOnlyList<Option> Destinations { get; private set; } = [];
    public IReadOnlyList<Complaint> Duplicates { get; private set; } = [];
    public IReadOnlyList<Option> Samples { get; private set; } = [];
    public IReadOnlyList<Option> BusinessMatches { get; private set; } = [];
    public Complaint? MergedInto { get; private set; }
    public IReadOnlyList<FileLink> Files { get; private set; } = [];

    /// <summary>The inspections started for it, to link to (those the user may see).</summary>
    public IReadOnlySet<Guid> VisibleInspections { get; private set; } = new HashSet<Guid>();

    /// <summary>The samples linked to it, to link to (those the user may see).</summary>
    public IReadOnlySet<Guid> VisibleSamples { get; private set; } = new HashSet<Guid>();

    /// <summary>A report's rewards (有奖举报), for the office who decides them on the rewards page.</summary>
    public IReadOnlyList<ComplaintReward> Rewards { get; private set; } = [];

    [BindProperty] public Guid? HandlerUserId { get; set; }
    [BindProperty] public string? Destination { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public bool Agreement { get; set; }
    [BindProperty] public bool OpenCase { get; set; }
    [BindProperty] public bool ViolationFound { get; set; }
    [BindProperty] public string? Note { get; set; }

    /// <summary>The signed mediation agreement or record (调解协议/记录), a photo or a PDF, sent with the mediation's end.</summary>
    [BindProperty] public IFormFile? SignedRecord { get; set; }
    [BindProperty] public string? Reply { get; set; }
    [BindProperty] public Satisfaction? Satisfaction { get; set; }
    [BindProperty] public Guid? PrimaryId { get; set; }
    [BindProperty] public Guid? SampleId { get; set; }
    [BindProperty] public Guid? BusinessId { get; set; }
    [BindProperty(SupportsGet = true, Name = "business")] public string? BusinessSearch { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, string? done)
    {
        Done = done;
        return await LoadAsync(id, track: false) ? Page() : NotFound();
    }

    public Task<IActionResult> OnPostAssignAsync(Guid id) => HandleAsync(id, nameof(HandlerUserId), "assigned", (c, now) =>
    {
        // Only a user of the handling township or unit (the list offered).
        var person = HandlerUserId is { } h ? Handlers.FirstOrDefault(o => o.Value == h.ToString()) : null;
        return Task.FromResult(person is null ? new Problem("Complaint.HandlerInvalid") : c.Assign(HandlerUserId!.Value, person.Name, now, user.Name));
    });

    public Task<IActionResult> OnPostTransferAsync(Guid id) => HandleAsync(id, nameof(Destination), "transferred", (c, now) =>
    {
        var to = (Destination ?? "").Split(':') switch
        {
            ["township", var t] when Guid.TryParse(t, out var tid) => new Complaint.Handler(tid, null),
            ["unit", var u] when Guid.TryParse(u, out var uid) => new Complaint.Handler(null, uid),
            _ => new Complaint.Handler(null, null),
        };
        if (to != new Complaint.Handler(null, null) && !Destinations.Any(d => d.Value == Destination))
        {
            to = new Complaint.Handler(null, null);
        }
        return Task.FromResult(c.Transfer(to, Reason, now, user.Name));
    });

    public Task<IActionResult> OnPostAcceptAsync(Guid id) => HandleAsync(id, "Accept", "accepted", async (c, now) =>
        c.Accept(await db.LoadCalendarAsync(), settings.Clocks, now, user.Name));

    public Task<IActionResult> OnPostRefuseAsync(Guid id) => HandleAsync(id, nameof(Reason), "refused", async (c, now) =>
        c.Refuse(Reason, await db.LoadCalendarAsync(), settings.Clocks, now, user.Name));

    /// <summary>调解终结, with the signed record when there is one: both are saved, or (a refused file) neither.</summary>
    public async Task<IActionResult> OnPostMediateAsync(Guid id)
    {
        var (file, refused) = await SignedRecordAsync(id, ShianTime.UtcNow(clock));
        if (refused is not null)
        {
            if (!await LoadAsync(id, track: false))
            {
                return NotFound();
            }
            if (!Rights.Handle)
            {
                return Forbid();
            }
            ModelState.AddProblem(nameof(SignedRecord), refused, l);
            return Page();
        }
        return await HandleAsync(id, "MediationRecord", "mediated", async (c, now) =>
        {
            var problem = c.EndMediation(Agreement, Note, ViolationFound, await db.LoadCalendarAsync(), settings.Clocks, now, user.Name);
            if (problem is null && file is not null)
            {
                db.StoredFiles.Add(file);
            }
            return problem;
        });
    }

    /// <summary>The signed record sent, checked: a photo (JPEG, PNG, WebP by content) or a PDF; none sent is no refusal.</summary>
    private async Task<(StoredFile? File, Problem? Refused)> SignedRecordAsync(Guid id, DateTime now)
    {
        if (SignedRecord is not { } upload || (upload.Length == 0 && upload.FileName.Length == 0))
        {
            return (null, null);
        }
        var sent = Path.GetFileName(upload.FileName);
        if (upload.Length > StoredFile.MaxBytes)
        {
            return (null, StoredFile.TooLarge(sent));
        }
        using var buffer = new MemoryStream();
        await upload.CopyToAsync(buffer, HttpContext.RequestAborted);
        var content = buffer.ToArray();
        var image = StoredFile.ImageType(content);
        var (file, error) = image is not null
            ? StoredFile.Photo(sent, content, FileOwners.ComplaintMediationRecord, id, user.Name, now)
            : Path.GetExtension(sent).Equals(".pdf", StringComparison.OrdinalIgnoreCase)
                ? StoredFile.From(sent, content, FileOwners.ComplaintMediationRecord, id, user.Name, now)
                : (null, new Problem("Complaint.SignedRecordType", sent));
        if (file is not null)
        {
            // Kept under a neutral name: what a phone or a scanner was told to call it may name the complainant.
            var extension = image switch { "image/jpeg" => ".jpg", "image/png" => ".png", "image/webp" => ".webp", _ => ".pdf" };
            file.FileName = "mediation-record-" + ShianTime.LocalDate(now).ToString("yyyyMMdd", CultureInfo.InvariantCulture) + extension;
        }
        return (file, error);
    }

    public Task<IActionResult> OnPostDecideAsync(Guid id) => HandleAsync(id, "DecisionNote", "decided", async (c, now) =>
        c.Decide(OpenCase, Note, ViolationFound, await db.LoadCalendarAsync(), settings.Clocks, now, user.Name));

    public Task<IActionResult> OnPostCloseAsync(Guid id) => HandleAsync(id, nameof(Reply), "closed", (c, now) =>
        Task.FromResult(c.Close(Reply, now, user.Name)));

    public Task<IActionResult> OnPostVisitAsync(Guid id) => HandleAsync(id, nameof(Satisfaction), "visited", (c, now) =>
        Task.FromResult(Satisfaction is { } s ? c.RecordReturnVisit(s, Note, now, user.Name) : new Problem("Complaint.SatisfactionRequired")));

    /// <summary>Handed to a case (立案查处): a note the enforcement lead picks up.</summary>
    public Task<IActionResult> OnPostCaseAsync(Guid id) => HandleAsync(id, "CaseNote", "case", (c, now) =>
        Task.FromResult(c.RecordAction(ComplaintEntryKind.CaseTransfer, Note, null, now, user.Name)));

    public Task<IActionResult> OnPostNoteAsync(Guid id) => HandleAsync(id, "ActionNote", "noted", (c, now) =>
        Task.FromResult(c.RecordAction(ComplaintEntryKind.Note, Note, null, now, user.Name)));

    public Task<IActionResult> OnPostSampleAsync(Guid id) => HandleAsync(id, nameof(SampleId), "sampled", (c, now) =>
    {
        var sample = SampleId is { } s ? Samples.FirstOrDefault(o => o.Value == s.ToString()) : null;
        return Task.FromResult(sample is null ? new Problem("Complaint.SampleInvalid")
            : c.RecordAction(ComplaintEntryKind.SampleTaken, sample.Name, SampleId, now, user.Name));
    });

    public Task<IActionResult> OnPostMergeAsync(Guid id) => HandleAsync(id, nameof(PrimaryId), "merged", async (c, now) =>
    {
        // Only into one of the duplicates shown: a complaint the user may see and handle beside this one.
        if (PrimaryId is not { } primaryId || Duplicates.All(d => d.Id != primaryId))
        {
            return new Problem("Complaint.MergeTargetInvalid");
        }
        var primary = await db.Complaints.Include(x => x.Entries).FirstAsync(x => x.Id == primaryId);
        var before = primary.Entries.Count;
        var problem = c.MergeInto(primary, Note, now, user.Name);
        db.AddEntriesSince(primary, before);
        return problem;
    });

    public Task<IActionResult> OnPostReleaseAsync(Guid id) => HandleAsync(id, "Release", "released", (c, now) =>
        Task.FromResult(c.ReleaseToBusiness(now, user.Name)));

    public Task<IActionResult> OnPostLinkAsync(Guid id) => HandleAsync(id, nameof(BusinessId), "linked", async (c, now) =>
    {
        var scope = await user.ScopeAsync();
        var business = BusinessId is { } b
            ? await db.Businesses.AsNoTracking().VisibleTo(scope).Where(x => x.Id == b).Select(x => new { x.Id, x.Name }).FirstOrDefaultAsync()
            : null;
        return business is null ? new Problem("Complaint.BusinessNotFound") : c.LinkBusiness(business.Id, business.Name, now, user.Name);
    });

    /// <summary>Loads, checks the user handles it, runs the transition; saves and redirects, or shows the problem by the form.</summary>
    private async Task<IActionResult> HandleAsync(Guid id, string field, string done, Func<Complaint, DateTime, Task<Problem?>> transition)
    {
        if (!await LoadAsync(id, track: true))
        {
            return NotFound();
        }
        if (!Rights.Handle)
        {
            return Forbid();
        }
        var now = ShianTime.UtcNow(clock);
        var before = Complaint.Entries.Count;
        if (await transition(Complaint, now) is { } problem)
        {
            ModelState.AddProblem(field, problem, l);
            return Page();
        }
        db.AddEntriesSince(Complaint, before);
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        // A verified violation feeds the business's risk grade (once per complaint).
        await ComplaintRisk.RecordAsync(db, Complaint, user.Name, now, HttpContext.RequestAborted);
        return Redirect(ComplaintsRoutes.ComplaintDone(id, done));
    }

    private async Task<bool> LoadAsync(Guid id, bool track)
    {
        var scope = await user.ScopeAsync();
        var query = db.Complaints.VisibleTo(scope).Include(c => c.Entries).Where(c => c.Id == id);
        if (await (track ? query : query.AsNoTracking()).FirstOrDefaultAsync(HttpContext.RequestAborted) is not { } complaint)
        {
            return false;
        }
        Complaint = complaint;
        Rights = new ComplaintRights(scope, await HttpContext.MeetsAsync(Policies.Office), await HttpContext.MeetsAsync(Policies.Inspect), complaint);
        var calendar = await db.LoadCalendarAsync();
        var today = ShianTime.LocalDate(ShianTime.UtcNow(clock));
        Clock = complaint.RunningDeadline is { } d ? settings.Clocks.StateOf(d, today, calendar) : null;
        Handler = complaint.TownshipId is { } t ? await db.Townships.Where(x => x.Id == t).Select(x => x.Name).FirstOrDefaultAsync() ?? ""
            : complaint.UnitId is { } u ? await db.Units.Where(x => x.Id == u).Select(x => x.Name).FirstOrDefaultAsync() ?? "" : "";
        var kinds = new List<string>();
        if (Rights.SeeEvidence)
        {
            kinds.Add(FileOwners.ComplaintEvidence);
        }
        if (Rights.SeeMediationRecord)
        {
            kinds.Add(FileOwners.ComplaintMediationRecord);
        }
        Files = kinds.Count == 0 ? [] : await db.StoredFiles.AsNoTracking().Where(f => f.OwnerId == id && kinds.Contains(f.OwnerKind))
            .OrderBy(f => f.UploadedAt).Select(f => new FileLink(f.Id, f.OwnerKind, f.FileName, f.Length, f.UploadedAt)).ToListAsync(HttpContext.RequestAborted);
        if (complaint.MergedIntoId is { } merged)
        {
            MergedInto = await db.Complaints.AsNoTracking().VisibleTo(scope).FirstOrDefaultAsync(c => c.Id == merged);
        }
        var linked = complaint.Entries.Where(e => e.Kind == ComplaintEntryKind.InspectionStarted && e.LinkedId != null).Select(e => e.LinkedId!.Value).ToList();
        if (linked.Count > 0)
        {
            VisibleInspections = (await db.Inspections.AsNoTracking().VisibleTo(scope).Where(i => linked.Contains(i.Id)).Select(i => i.Id).ToListAsync()).ToHashSet();
        }
        var samples = complaint.Entries.Where(e => e.Kind == ComplaintEntryKind.SampleTaken && e.LinkedId != null).Select(e => e.LinkedId!.Value).ToList();
        if (samples.Count > 0)
        {
            VisibleSamples = (await db.Samples.AsNoTracking().VisibleTo(scope).Where(s => samples.Contains(s.Id)).Select(s => s.Id).ToListAsync()).ToHashSet();
        }
        if (complaint.Kind == ComplaintKind.Report && await HttpContext.MeetsAsync(Policies.Office))
        {
            Rewards = await db.ComplaintRewards.AsNoTracking().Where(r => r.ComplaintId == complaint.Id).OrderBy(r => r.ProposedAt).ToListAsync();
        }
        if (!Rights.Handle)
        {
            return true;
        }
        // What the handling forms offer.
        // The option values are formatted here, not in SQL (SQLite keeps a Guid as upper-case text).
        Handlers = (await db.Users.AsNoTracking()
            .Where(x => complaint.TownshipId != null ? x.TownshipId == complaint.TownshipId : x.UnitId == complaint.UnitId)
            .OrderBy(x => x.DisplayName).Select(x => new { x.Id, Name = x.DisplayName == "" ? x.UserName! : x.DisplayName }).ToListAsync()
            ).Select(x => new Option(x.Id.ToString(), x.Name)).ToList();
        var townships = (await db.Townships.AsNoTracking().OrderBy(x => x.Name).Select(x => new { x.Id, x.Name }).ToListAsync()).Select(x => new Option("township:" + x.Id, x.Name));
        var units = (await db.Units.AsNoTracking().Where(x => x.Active).OrderBy(x => x.Name).Select(x => new { x.Id, x.Name }).ToListAsync()).Select(x => new Option("unit:" + x.Id, x.Name));
        Destinations = [.. townships, .. units];
        Duplicates = Rights.Merge ? await ComplaintIntake.DuplicatesOfAsync(db.Complaints.VisibleTo(scope), complaint, settings.Duplicates, HttpContext.RequestAborted) : [];
        if (complaint.BusinessId is { } business)
        {
            Samples = (await db.Samples.AsNoTracking().VisibleTo(scope).Where(s => s.BusinessId == business && s.Number != null)
                .OrderByDescending(s => s.SampledOn).Take(50).Select(s => new { s.Id, s.Number, s.SampleName }).ToListAsync())
                .Select(s => new Option(s.Id.ToString(), s.Number + " " + s.SampleName)).ToList();
        }
        if ((BusinessSearch ?? "").Trim() is { Length: > 0 } text && Rights.LinkBusiness)
        {
            BusinessMatches = (await db.Businesses.AsNoTracking().VisibleTo(scope).Where(b => b.Name.Contains(text) || b.CreditCode == text)
                .OrderBy(b => b.Name).Take(20).Select(b => new { b.Id, b.Name, b.Address }).ToListAsync())
                .Select(b => new Option(b.Id.ToString(), b.Name + " · " + b.Address)).ToList();
        }
        return true;
    }
}
