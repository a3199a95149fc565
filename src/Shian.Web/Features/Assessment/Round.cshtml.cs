using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Shian.Accounts;
using Shian.Assessment;
using Shian.Common;
using Shian.Data;
using Shian.Web.Infrastructure;

namespace Shian.Web.Features.Assessment;

/// <summary>
/// The score sheet of one round: a row per township or unit, a column per criterion, the total and the rank. The office
/// enters the entered criteria, recomputes the computed ones and publishes; after publication each township or unit
/// sees its own row and rank, and the district-wide staff see the whole ranking. Exports to Excel.
/// </summary>
[Authorize(Policy = Policies.Staff)]
public class RoundModel(ShianDb db, CurrentUser user, IAuthorizationService authorization, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed record Cell(decimal? Points, string Note);

    public sealed record Row(Guid SubjectId, string Subject, IReadOnlyList<Cell> Cells, decimal Total, int Rank);

    public sealed class EnteredScore
    {
        public Guid SubjectId { get; set; }
        public Guid CriterionId { get; set; }
        public string? Points { get; set; }
        public string? Note { get; set; }
    }

    public AssessmentRound? Round { get; private set; }
    public AssessmentScheme? Scheme { get; private set; }
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public bool IsOffice { get; private set; }
    public bool CanEdit => IsOffice && Round?.Status == RoundStatus.Draft;
    public int Missing { get; private set; }

    [BindProperty] public List<EnteredScore> Entered { get; set; } = [];

    /// <summary>What the person typed, shown again when the sheet is refused, so that nothing typed is lost.</summary>
    public EnteredScore? Typed(Guid subjectId, Guid criterionId) =>
        Entered.FirstOrDefault(e => e.SubjectId == subjectId && e.CriterionId == criterionId);

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ?? Page();

    public async Task<IActionResult> OnGetExportAsync(Guid id)
    {
        if (await LoadAsync(id) is { } refused)
        {
            return refused;
        }
        var criteria = Scheme!.Criteria;
        var subjects = "AssessedSubjects." + Scheme.Subjects;
        var ranked = Rows.OrderBy(r => r.Rank).ToList();
        var results = Export.Of(ranked).Column("Assessment.Rank", r => r.Rank).Column(subjects, r => r.Subject)
            .Columns(criteria, c => $"{c.Name}（{c.Points.ToString("0.##", CultureInfo.InvariantCulture)}）", (r, _, i) => r.Cells[i].Points)
            .Column("Assessment.Total", r => r.Total);
        var notes = Export.Of(ranked.SelectMany(r => criteria.Select((c, i) => (r.Subject, Criterion: c.Name, r.Cells[i].Points, r.Cells[i].Note))))
            .Column(subjects, n => n.Subject).Column("Assessment.CriterionName", n => n.Criterion).Column("Assessment.Points", n => n.Points)
            .Column("Assessment.Note", n => n.Note);
        return Export.Xlsx($"{Scheme.Name}-{Round!.Period}.xlsx", results.Sheet(l, l["Assessment.SheetResults"]), notes.Sheet(l, l["Assessment.SheetNotes"]));
    }

    public async Task<IActionResult> OnPostSaveAsync(Guid id)
    {
        if (await LoadAsync(id) is { } refused)
        {
            return refused;
        }
        if (!CanEdit)
        {
            return Forbid();
        }
        var round = await db.AssessmentRounds.Include(r => r.Scores).SingleAsync(r => r.Id == id);
        var criteria = Scheme!.Criteria.Where(c => c.Source == CriterionSource.Entered).ToDictionary(c => c.Id);
        foreach (var entry in Entered)
        {
            var row = Rows.FirstOrDefault(r => r.SubjectId == entry.SubjectId);
            if (row is null || !criteria.TryGetValue(entry.CriterionId, out var criterion))
            {
                continue; // not an entered cell of this sheet: nothing to save
            }
            var score = round.Scores.FirstOrDefault(s => s.SubjectId == entry.SubjectId && s.CriterionId == entry.CriterionId);
            if (score is null)
            {
                score = new AssessmentScore { SubjectId = entry.SubjectId, CriterionId = entry.CriterionId };
                round.Scores.Add(score);
            }
            if (string.IsNullOrWhiteSpace(entry.Points))
            {
                score.Points = null;
            }
            else if (decimal.TryParse(entry.Points, NumberStyles.Number, CultureInfo.InvariantCulture, out var points) && points >= 0 && points <= criterion.Points)
            {
                score.Points = Math.Round(points, 2, MidpointRounding.AwayFromZero);
            }
            else
            {
                ModelState.AddModelError(string.Empty, l["Assessment.EnteredInvalid", row.Subject, criterion.Name, criterion.Points.ToString("0.##", CultureInfo.InvariantCulture), entry.Points]);
            }
            score.Typed(entry.Note ?? "");
        }
        if (!ModelState.IsValid)
        {
            return Page(); // nothing saved: the sheet is stored whole or not at all
        }
        await db.SaveChangesAsync();
        return Redirect(AssessmentRoutes.Round(id));
    }

    public async Task<IActionResult> OnPostRecomputeAsync(Guid id)
    {
        if (await LoadAsync(id) is { } refused)
        {
            return refused;
        }
        if (!CanEdit)
        {
            return Forbid();
        }
        var round = await db.AssessmentRounds.Include(r => r.Scores).SingleAsync(r => r.Id == id);
        await AssessmentCalculator.ComputeAsync(db, Scheme!, round, ShianTime.LocalDate(clock.GetUtcNow().UtcDateTime), HttpContext.RequestAborted);
        await db.SaveChangesAsync();
        return Redirect(AssessmentRoutes.Round(id));
    }

    public async Task<IActionResult> OnPostPublishAsync(Guid id)
    {
        if (await LoadAsync(id) is { } refused)
        {
            return refused;
        }
        if (!CanEdit)
        {
            return Forbid();
        }
        var round = await db.AssessmentRounds.Include(r => r.Scores).SingleAsync(r => r.Id == id);
        var subjects = Rows.Select(r => r.SubjectId).ToHashSet();
        var criteria = Scheme!.Criteria.Select(c => c.Id).ToHashSet();
        round.Scores.RemoveAll(s => !subjects.Contains(s.SubjectId) || !criteria.Contains(s.CriterionId)); // no longer on the sheet
        if (round.Publish(subjects.Count * criteria.Count, user.Name, clock.GetUtcNow().UtcDateTime) is { } refusal)
        {
            ModelState.AddProblem(string.Empty, refusal, l);
            return Page();
        }
        await db.SaveChangesAsync();
        return Redirect(AssessmentRoutes.Round(id));
    }

    /// <summary>Loads the sheet this user may see; returns the refusal when they may not see it at all.</summary>
    private async Task<IActionResult?> LoadAsync(Guid id)
    {
        Round = await db.AssessmentRounds.AsNoTracking().Include(r => r.Scores).FirstOrDefaultAsync(r => r.Id == id);
        if (Round is null)
        {
            return NotFound();
        }
        IsOffice = (await authorization.AuthorizeAsync(User, Policies.Office)).Succeeded;
        if (!IsOffice && Round.Status != RoundStatus.Published)
        {
            return NotFound(); // drafts are the office's working papers
        }
        Scheme = await db.AssessmentSchemes.AsNoTracking().Include(s => s.Criteria).SingleAsync(s => s.Id == Round.SchemeId);
        Scheme.Criteria.Sort((a, b) => a.Order.CompareTo(b.Order));

        var subjects = await AssessmentCalculator.SubjectsAsync(db, Scheme, HttpContext.RequestAborted);
        // A published sheet keeps its subjects even if a unit was retired since.
        if (Round.Status == RoundStatus.Published)
        {
            var scored = Round.Scores.Select(s => s.SubjectId).ToHashSet();
            subjects = subjects.Where(s => scored.Contains(s.Id)).ToList();
        }
        var cells = subjects.ToDictionary(s => s.Id, s => Scheme.Criteria.Select(c =>
            Round.Scores.FirstOrDefault(x => x.SubjectId == s.Id && x.CriterionId == c.Id) is { } score
                ? new Cell(score.Points, score.ComputedNote is { } computed ? l.Word(computed) : score.Note) // a computed note in the reader's language
                : new Cell(null, "")).ToList());
        var ranking = AssessmentScoring.Rank(subjects.Select(s => (s.Id, cells[s.Id].Sum(c => c.Points ?? 0m))))
            .ToDictionary(r => r.SubjectId);
        Rows = subjects.Select(s => new Row(s.Id, s.Name, cells[s.Id], ranking[s.Id].Total, ranking[s.Id].Rank)).OrderBy(r => r.Rank).ToList();
        Missing = Rows.Sum(r => r.Cells.Count(c => c.Points is null));

        // Everyone sees the rank among all; a township or unit sees only its own row of the published sheet.
        var scope = await user.ScopeAsync();
        Rows = scope.Level switch
        {
            AccessLevel.Jurisdiction => Rows,
            AccessLevel.Township when Scheme.Subjects == AssessedSubjects.Townships => Rows.Where(r => r.SubjectId == scope.TownshipId).ToList(),
            AccessLevel.Unit or AccessLevel.Laboratory when Scheme.Subjects == AssessedSubjects.Units => Rows.Where(r => r.SubjectId == scope.UnitId).ToList(),
            _ => [],
        };
        return null;
    }
}
