using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Shian.Accounts;
using Shian.Common;
using Shian.Data;
using Shian.Sampling;
using Shian.Web.Infrastructure;

namespace Shian.Web.Features.Sampling;

/// <summary>
/// One failure case (核查处置): the timeline and limits, and each role's actions. The operator applies for re-inspection
/// or objects; the office decides both; the laboratory drawn enters the re-inspection result; the township or office
/// records the disposal and completes it.
/// </summary>
[Authorize(Policy = Policies.SampleFailures)]
public class FailuresDetailModel(ShianDb db, CurrentUser user, TimeProvider clock, ReinspectionLabDraw draw, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed record FileLink(Guid Id, string Kind, string Name, long Length, DateTime At, string By);
    public sealed record Step(DateTime? At, DateOnly? On, string Key, string? Who);

    public sealed class MeasuresInput
    {
        public bool SalesStopped { get; set; }
        public string? StoppedQuantity { get; set; }
        public bool Recalled { get; set; }
        public string? RecalledQuantity { get; set; }
        public string? SupplierTraced { get; set; }
        public string? CaseNumber { get; set; }
        public string? PenaltyAmount { get; set; }
        public string? PenaltyDecisionNumber { get; set; }
        public string? NoPenaltyReason { get; set; }
    }

    public SampleFailure Case { get; private set; } = null!;
    public string Township { get; private set; } = "";
    public string Laboratory { get; private set; } = "";
    public string? ReinspectionLaboratory { get; private set; }
    public IReadOnlyList<FileLink> Files { get; private set; } = [];
    public IReadOnlyList<Step> Timeline { get; private set; } = [];
    public bool IsOperator { get; private set; }
    public bool IsOffice { get; private set; }
    public bool CanDispose { get; private set; }
    public bool IsReinspectionLab { get; private set; }

    /// <summary>A laboratory's user: sees the re-inspection drawn to it, not the disposal steps.</summary>
    public bool IsLaboratory { get; private set; }
    public bool SeesSample { get; private set; }

    /// <summary>追溯与召回范围: the sample's lot (GTIN + batch number) and how many captured events name it; null without both.</summary>
    public string? TraceLot { get; private set; }
    public string TraceGtin { get; private set; } = "";
    public string TraceBatch { get; private set; } = "";
    public int TraceEvents { get; private set; }
    public DateOnly Today { get; private set; }
    public string? Done { get; private set; }

    [BindProperty] public string? Text { get; set; }
    [BindProperty] public string? Decision { get; set; }
    [BindProperty] public string? ServedOn { get; set; }
    [BindProperty] public List<IFormFile> Upload { get; set; } = [];
    [BindProperty] public MeasuresInput Measures { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid id, string? done)
    {
        Done = done;
        if (!await LoadAsync(id, track: false))
        {
            return NotFound();
        }
        if (IsOperator)
        {
            // Opening the case reads its notices.
            var link = SampleFailures.Link(id);
            var unread = await db.Notices.Where(n => n.Link == link && n.BusinessId == Case.BusinessId && n.ReadAt == null).ToListAsync(HttpContext.RequestAborted);
            if (unread.Count > 0)
            {
                unread.ForEach(n => n.ReadAt = ShianTime.UtcNow(clock));
                await db.SaveChangesAsync(HttpContext.RequestAborted);
            }
        }
        Measures = new MeasuresInput
        {
            SalesStopped = Case.SalesStopped, StoppedQuantity = Num(Case.StoppedQuantity), Recalled = Case.Recalled, RecalledQuantity = Num(Case.RecalledQuantity),
            SupplierTraced = Case.SupplierTraced, CaseNumber = Case.CaseNumber, PenaltyAmount = Num(Case.PenaltyAmount),
            PenaltyDecisionNumber = Case.PenaltyDecisionNumber, NoPenaltyReason = Case.NoPenaltyReason,
        };
        ServedOn = Case.NoticeServedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return Page();
    }

    private static string? Num(decimal? v) => v?.ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>送达: the day the notice reached the operator (corrected by the township or office); the limits follow it.</summary>
    public Task<IActionResult> OnPostServeAsync(Guid id) => ActAsync(id, () => CanDispose, async () =>
    {
        if (!DateOnly.TryParseExact((ServedOn ?? "").Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var on))
        {
            return (nameof(ServedOn), new Problem("SampleFailureForm.ServedOnRequired"));
        }
        return (nameof(ServedOn), Case.Serve(on, user.Name, await db.LoadCalendarAsync(HttpContext.RequestAborted), Today));
    }, "served");

    /// <summary>复检申请 by the operator.</summary>
    public Task<IActionResult> OnPostReinspectAsync(Guid id) => ActAsync(id, () => IsOperator, async () =>
        ("Reinspect", Case.RequestReinspection(Text ?? "", Today, await db.LoadCalendarAsync(HttpContext.RequestAborted), ShianTime.UtcNow(clock), user.Name)),
        "reinspection-requested");

    /// <summary>The office accepts (drawing another laboratory at random) or refuses with a reason.</summary>
    public Task<IActionResult> OnPostDecideAsync(Guid id) => ActAsync(id, () => IsOffice, async () =>
    {
        var now = ShianTime.UtcNow(clock);
        if (Decision == "refuse")
        {
            return ("Decide", Case.RefuseReinspection(Text ?? "", now, user.Name));
        }
        if (Decision != "accept")
        {
            return ("Decide", new Problem("SampleFailureForm.DecisionRequired"));
        }
        var candidates = await SampleFailures.ReinspectionCandidatesAsync(db, Case.LaboratoryId, HttpContext.RequestAborted);
        if (draw.Pick(candidates, Case.LaboratoryId) is not { } lab)
        {
            return ("Decide", new Problem("SampleFailureForm.NoOtherLaboratory"));
        }
        var error = Case.AcceptReinspection(lab, Today, await db.LoadCalendarAsync(HttpContext.RequestAborted), now, user.Name);
        if (error is null)
        {
            db.Notices.Add(new Notice
            {
                Id = Guid.CreateVersion7(), UnitId = lab, Title = $"复检任务：{Case.SampleName}（{Case.SampleNumber}）",
                Body = $"请于 {Case.ReinspectionReportDeadline:yyyy-MM-dd} 前出具复检报告。", Link = SampleFailures.Link(Case.Id), CreatedAt = now,
            });
        }
        return ("Decide", error);
    }, "reinspection-decided");

    /// <summary>The re-inspection laboratory's conclusion with its report (PDF).</summary>
    public async Task<IActionResult> OnPostReinspectionResultAsync(Guid id)
    {
        if (!await LoadAsync(id, track: true))
        {
            return NotFound();
        }
        if (!IsReinspectionLab)
        {
            return Forbid();
        }
        var now = ShianTime.UtcNow(clock);
        if (Decision is not ("passed" or "failed"))
        {
            ModelState.AddProblem("Result", new Problem("SampleFailureForm.ConclusionRequired"), l);
        }
        var files = await Uploads.ReadAsync(Upload, FileOwners.SampleReinspectionReport, id, user.Name, now, ModelState, l, "Result", HttpContext.RequestAborted);
        if (ModelState.IsValid && files.Count != 1)
        {
            ModelState.AddProblem("Result", new Problem("SampleFailureForm.ReinspectionReportRequired"), l);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var file = files[0];
        file.Id = Guid.CreateVersion7();
        if (Case.RecordReinspection(Decision == "passed", file, now, user.Name) is { } error)
        {
            ModelState.AddProblem("Result", error, l);
            return Page();
        }
        db.StoredFiles.Add(file);
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        return Redirect($"{SampleFailures.Link(id)}?done=reinspected");
    }

    /// <summary>异议 by the operator, with up to five supporting files.</summary>
    public async Task<IActionResult> OnPostObjectAsync(Guid id)
    {
        if (!await LoadAsync(id, track: true))
        {
            return NotFound();
        }
        if (!IsOperator)
        {
            return Forbid();
        }
        var now = ShianTime.UtcNow(clock);
        var files = await Uploads.ReadAsync(Upload, FileOwners.SampleFailureObjection, id, user.Name, now, ModelState, l, "Object", HttpContext.RequestAborted);
        if (ModelState.IsValid && Case.Object(Text ?? "", Today, now, user.Name) is { } error)
        {
            ModelState.AddProblem("Object", error, l);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        db.StoredFiles.AddRange(files);
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        return Redirect($"{SampleFailures.Link(id)}?done=objected");
    }

    /// <summary>The office answers the objection: upheld (the case is withdrawn) or rejected.</summary>
    public Task<IActionResult> OnPostAnswerAsync(Guid id) => ActAsync(id, () => IsOffice, () => Task.FromResult<(string, Problem?)>(
        ("Answer", Decision is "upheld" or "rejected" ? Case.AnswerObjection(Decision == "upheld", Text ?? "", ShianTime.UtcNow(clock), user.Name)
            : new Problem("SampleFailureForm.AnswerRequired"))), "answered");

    /// <summary>The disposal measures (控制/停止销售, 召回, 追溯, 立案处罚).</summary>
    public async Task<IActionResult> OnPostMeasuresAsync(Guid id)
    {
        if (!await LoadAsync(id, track: true))
        {
            return NotFound();
        }
        if (!CanDispose)
        {
            return Forbid();
        }
        decimal? Parse(string? text, string field)
        {
            var t = (text ?? "").Trim();
            if (t.Length == 0)
            {
                return null;
            }
            if (decimal.TryParse(t, NumberStyles.Number, CultureInfo.InvariantCulture, out var v))
            {
                return v;
            }
            ModelState.AddProblem($"Measures.{field}", new Problem("SampleFailureForm.NotANumber", new Problem.Term("SampleFailureField." + field)), l);
            return null;
        }
        var m = Measures;
        var stopped = Parse(m.StoppedQuantity, nameof(m.StoppedQuantity));
        var recalled = Parse(m.RecalledQuantity, nameof(m.RecalledQuantity));
        var penalty = Parse(m.PenaltyAmount, nameof(m.PenaltyAmount));
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var errors = Case.RecordMeasures(new SampleFailure.Measures(m.SalesStopped, stopped, m.Recalled, recalled, m.SupplierTraced ?? "", m.CaseNumber ?? "",
            penalty, m.PenaltyDecisionNumber ?? "", m.NoPenaltyReason ?? ""), ShianTime.UtcNow(clock), user.Name);
        if (errors.Count > 0)
        {
            foreach (var (field, problem) in errors)
            {
                ModelState.AddProblem(field.Length == 0 ? "Measures" : $"Measures.{field}", problem, l);
            }
            return Page();
        }
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        return Redirect($"{SampleFailures.Link(id)}?done=measures");
    }

    /// <summary>Evidence of the disposal (photos, notices, decisions).</summary>
    public async Task<IActionResult> OnPostEvidenceAsync(Guid id)
    {
        if (!await LoadAsync(id, track: true))
        {
            return NotFound();
        }
        if (!CanDispose)
        {
            return Forbid();
        }
        var files = await Uploads.ReadAsync(Upload, FileOwners.SampleFailureEvidence, id, user.Name, ShianTime.UtcNow(clock), ModelState, l, "Evidence", HttpContext.RequestAborted);
        if (ModelState.IsValid && files.Count == 0)
        {
            ModelState.AddProblem("Evidence", new Problem("SampleFailureForm.FileRequired"), l);
        }
        if (ModelState.IsValid && Case.Status != SampleFailureStatus.Disposing)
        {
            ModelState.AddProblem("Evidence", new Problem("SampleFailure.Closed"), l);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        db.StoredFiles.AddRange(files);
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        return Redirect($"{SampleFailures.Link(id)}?done=evidence");
    }

    /// <summary>核查处置完成, with a summary.</summary>
    public Task<IActionResult> OnPostCompleteAsync(Guid id) => ActAsync(id, () => CanDispose, () => Task.FromResult<(string, Problem?)>(
        ("Complete", Case.Complete(Text ?? "", Today, ShianTime.UtcNow(clock), user.Name))), "completed");

    /// <summary>A file of the case, to whoever sees it.</summary>
    public async Task<IActionResult> OnGetFileAsync(Guid id, Guid file)
    {
        return (await FileRules.OpenAsync(HttpContext, file, id, FileOwners.SampleFailureEvidence, FileOwners.SampleFailureObjection,
            FileOwners.SampleReinspectionReport)).ToActionResult();
    }

    private async Task<IActionResult> ActAsync(Guid id, Func<bool> allowed, Func<Task<(string Field, Problem? Error)>> act, string done)
    {
        if (!await LoadAsync(id, track: true))
        {
            return NotFound();
        }
        if (!allowed())
        {
            return Forbid();
        }
        var (field, error) = await act();
        if (error is not null)
        {
            ModelState.AddProblem(field, error, l);
            return Page();
        }
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        return Redirect($"{SampleFailures.Link(id)}?done={done}");
    }

    private async Task<bool> LoadAsync(Guid id, bool track)
    {
        var scope = await user.ScopeAsync();
        var query = db.SampleFailures.VisibleTo(scope).Where(f => f.Id == id);
        if (await (track ? query : query.AsNoTracking()).FirstOrDefaultAsync(HttpContext.RequestAborted) is not { } failure)
        {
            return false;
        }
        Case = failure;
        Today = ShianTime.LocalDate(ShianTime.UtcNow(clock));
        IsOperator = scope.Level == AccessLevel.OwnBusinesses;
        IsOffice = await HttpContext.MeetsAsync(Policies.Office);
        // Only the office, district inspectors and a township's staff have these levels.
        CanDispose = scope.Level is AccessLevel.Jurisdiction or AccessLevel.Township;
        IsReinspectionLab = scope.LaboratoryId is { } lab && lab == failure.ReinspectionLaboratoryId;
        IsLaboratory = scope.Level == AccessLevel.Laboratory;
        SeesSample = scope.Level is not (AccessLevel.Unit or AccessLevel.Laboratory);
        if (await db.Samples.AsNoTracking().Where(s => s.Id == failure.SampleId).Select(s => new { s.Gtin, s.BatchNumber }).FirstOrDefaultAsync(HttpContext.RequestAborted) is { } lot)
        {
            (TraceGtin, TraceBatch) = (lot.Gtin, lot.BatchNumber);
            if (lot.Gtin.Length > 0 && lot.BatchNumber.Length > 0)
            {
                TraceLot = Shian.Traceability.TraceKey.Lot(lot.Gtin, lot.BatchNumber);
                TraceEvents = await db.EpcisEventEpcs.Where(x => x.Key == TraceLot).Select(x => x.EventId).Distinct().CountAsync(HttpContext.RequestAborted);
            }
        }
        Township = await db.Townships.AsNoTracking().Where(t => t.Id == failure.TownshipId).Select(t => t.Name).FirstOrDefaultAsync(HttpContext.RequestAborted) ?? "";
        var labs = await db.Units.AsNoTracking().Where(u => u.Id == failure.LaboratoryId || u.Id == failure.ReinspectionLaboratoryId)
            .ToDictionaryAsync(u => u.Id, u => u.Name, HttpContext.RequestAborted);
        Laboratory = labs.GetValueOrDefault(failure.LaboratoryId, "");
        ReinspectionLaboratory = failure.ReinspectionLaboratoryId is { } r ? labs.GetValueOrDefault(r) : null;
        Files = await db.StoredFiles.AsNoTracking()
            .Where(f => f.OwnerId == id && (f.OwnerKind == FileOwners.SampleFailureEvidence || f.OwnerKind == FileOwners.SampleFailureObjection
                || f.OwnerKind == FileOwners.SampleReinspectionReport))
            .OrderBy(f => f.UploadedAt).Select(f => new FileLink(f.Id, f.OwnerKind, f.FileName, f.Length, f.UploadedAt, f.UploadedBy))
            .ToListAsync(HttpContext.RequestAborted);
        Timeline = TimelineOf(failure);
        return true;
    }

    private static List<Step> TimelineOf(SampleFailure f)
    {
        var steps = new List<Step> { new(f.CreatedAt, null, "Opened", f.CreatedBy), new(null, f.NoticeServedOn, "Served", f.NoticeServedBy) };
        void Add(DateTime? at, string key, string? who)
        {
            if (at is not null)
            {
                steps.Add(new(at, null, key, who));
            }
        }
        Add(f.ReinspectionRequestedAt, "ReinspectionRequested", f.ReinspectionRequestedBy);
        Add(f.ReinspectionDecidedAt, f.Reinspection == ReinspectionStatus.Refused ? "ReinspectionRefused" : "ReinspectionAccepted", f.ReinspectionDecidedBy);
        Add(f.ReinspectionReportedAt, f.Reinspection == ReinspectionStatus.Passed ? "ReinspectionPassed" : "ReinspectionFailed", f.ReinspectionReportedBy);
        Add(f.ObjectionAt, "Objected", f.ObjectionBy);
        Add(f.ObjectionAnsweredAt, f.Objection == ObjectionStatus.Upheld ? "ObjectionUpheld" : "ObjectionRejected", f.ObjectionAnsweredBy);
        Add(f.MeasuresRecordedAt, "Measures", f.MeasuresRecordedBy);
        Add(f.CompletedAt, "Completed", f.CompletedBy);
        return steps.OrderBy(s => s.At ?? s.On!.Value.ToDateTime(new TimeOnly(23, 59))).ToList();
    }
}
