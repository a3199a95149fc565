using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Shian.Common;
using Shian.Data;
using Shian.Organization;
using Shian.Plans;

namespace Shian.Assessment;

/// <summary>
/// Fills a round's computed scores from Shian's own records (reported target values, progress reports) and makes an
/// empty score for each entered criterion. Entered scores are never touched; computed ones are recomputed.
/// </summary>
public static class AssessmentCalculator
{
    public sealed record Subject(Guid Id, string Name);

    /// <summary>The periods a round may score: the year, its halves and its quarters.</summary>
    public static IReadOnlyList<(string Name, DateOnly Start, DateOnly End)> Periods(int year)
    {
        var periods = new List<(string, DateOnly, DateOnly)> { ($"{year}", new DateOnly(year, 1, 1), new DateOnly(year, 12, 31)) };
        periods.AddRange(new ReportSchedule(year, ReportFrequency.HalfYearly, 0).Periods().Select(p => (p.Name, p.Start, p.End)));
        periods.AddRange(new ReportSchedule(year, ReportFrequency.Quarterly, 0).Periods().Select(p => (p.Name, p.Start, p.End)));
        return periods;
    }

    /// <summary>
    /// Who a scheme scores: every active township (not parks kept for reference), or every unit with a part in the
    /// plan other than the collective entries (各乡镇街, 各成员单位).
    /// </summary>
    public static async Task<IReadOnlyList<Subject>> SubjectsAsync(ShianDb db, AssessmentScheme scheme, CancellationToken ct = default)
    {
        if (scheme.Subjects == AssessedSubjects.Townships)
        {
            return await db.Townships.AsNoTracking().Where(t => t.Active && t.IsTownship).OrderBy(t => t.Code)
                .Select(t => new Subject(t.Id, t.Name)).ToListAsync(ct);
        }
        var taskIds = db.PlanTasks.Where(t => t.PlanId == scheme.PlanId).Select(t => t.Id);
        var unitIds = db.TaskResponsibilities.Where(r => taskIds.Contains(r.TaskId)).Select(r => r.UnitId);
        return await db.Units.AsNoTracking()
            .Where(u => u.Active && unitIds.Contains(u.Id) && u.Kind != UnitKind.Townships && u.Kind != UnitKind.Group)
            .OrderBy(u => u.Name).Select(u => new Subject(u.Id, u.Name)).ToListAsync(ct);
    }

    public static async Task ComputeAsync(ShianDb db, AssessmentScheme scheme, AssessmentRound round, DateOnly today, CancellationToken ct = default)
    {
        var subjects = await SubjectsAsync(db, scheme, ct);
        var plan = await db.Plans.AsNoTracking().SingleAsync(p => p.Id == scheme.PlanId, ct);
        var tasks = await db.PlanTasks.AsNoTracking().Where(t => t.PlanId == plan.Id).Include(t => t.Responsibilities).Include(t => t.Indicators).ToListAsync(ct);
        var townshipsUnit = await db.Units.Where(u => u.Kind == UnitKind.Townships).Select(u => (Guid?)u.Id).FirstOrDefaultAsync(ct);
        var townships = scheme.Subjects == AssessedSubjects.Townships;
        var asOf = round.End < today ? round.End : today;

        // The parts a subject answers for: townships through the collective 各乡镇街 entry, units by name.
        bool HasPart(PlanTask task, Guid subject, bool owing) => task.Responsibilities.Any(r =>
            (townships ? r.UnitId == townshipsUnit : r.UnitId == subject) && (!owing || r.Role != ResponsibilityRole.Cooperate));

        var indicatorIds = scheme.Criteria.Where(c => c.IndicatorId is not null).Select(c => c.IndicatorId!.Value).ToList();
        var values = await db.IndicatorValues.AsNoTracking().Where(v => indicatorIds.Contains(v.IndicatorId) && v.AsOf <= asOf).ToListAsync(ct);
        var taskIds = tasks.Select(t => t.Id).ToList();
        var reports = await db.TaskReports.AsNoTracking().Where(r => taskIds.Contains(r.TaskId) && r.Review != ReportReview.Returned).ToListAsync(ct);
        // Reports for the round's periods that have fallen due by today (the last quarter's falls due after the year).
        var duePeriods = plan.Schedule.Periods().Where(p => p.Start >= round.Start && p.End <= round.End && p.Due < today).ToList();

        foreach (var criterion in scheme.Criteria)
        {
            foreach (var subject in subjects)
            {
                var score = round.Scores.FirstOrDefault(s => s.CriterionId == criterion.Id && s.SubjectId == subject.Id);
                if (score is null)
                {
                    score = new AssessmentScore { CriterionId = criterion.Id, SubjectId = subject.Id };
                    round.Scores.Add(score);
                }
                var computed = criterion.Source switch
                {
                    CriterionSource.Indicator => FromIndicator(criterion, subject.Id),
                    CriterionSource.ReportTimeliness => FromReports(criterion, subject.Id),
                    _ => ((decimal Points, Problem Note)?)null, // entered by the office
                };
                if (computed is { } c)
                {
                    score.Computed(c.Points, c.Note);
                }
            }
        }

        (decimal Points, Problem Note) FromIndicator(AssessmentCriterion criterion, Guid subject)
        {
            var task = tasks.FirstOrDefault(t => t.Indicators.Any(i => i.Id == criterion.IndicatorId));
            var indicator = task?.Indicators.Single(i => i.Id == criterion.IndicatorId);
            if (task is null || indicator is null || !(HasPart(task, subject, owing: false) || !townships && indicator.OwnerUnitId == subject))
            {
                // Common practice in 评议考核: a subject not concerned by the work scores the item in full (不涉及).
                return (criterion.Points, new Problem("Assessment.NoteNotConcerned"));
            }
            var latest = values.Where(v => v.IndicatorId == indicator.Id && (townships ? v.TownshipId == subject : v.UnitId == subject && v.TownshipId == null))
                .OrderBy(v => v.AsOf).ThenBy(v => v.SubmittedAt).LastOrDefault();
            if (latest is null)
            {
                return (0m, new Problem("Assessment.NoteNoValue"));
            }
            var share = AssessmentScoring.Attainment(indicator.Comparator, indicator.Value, latest.Value);
            return (AssessmentScoring.Points(criterion.Points, share),
                new Problem("Assessment.NoteActualVsTarget", latest.Value.ToString("0.##", CultureInfo.InvariantCulture), indicator.Unit, latest.AsOf, indicator.Target));
        }

        (decimal Points, Problem Note) FromReports(AssessmentCriterion criterion, Guid subject)
        {
            var owed = tasks.Where(t => HasPart(t, subject, owing: true)).ToList();
            var expected = owed.Count * duePeriods.Count;
            if (expected == 0)
            {
                return (criterion.Points, new Problem("Assessment.NoteNoReportDue"));
            }
            var onTime = owed.Sum(task => duePeriods.Count(period => reports.Any(r =>
                r.TaskId == task.Id && r.Period == period.Name && ShianTime.LocalDate(r.SubmittedAt) <= period.Due
                && (townships ? r.TownshipId == subject : r.UnitId == subject && r.TownshipId == null))));
            return (AssessmentScoring.Points(criterion.Points, (decimal)onTime / expected), new Problem("Assessment.NoteReportsOnTime", onTime, expected));
        }
    }
}
