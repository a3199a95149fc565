using System.Globalization;
using System.Text.Json;
using Shian.Common;

namespace Shian.Assessment;

/// <summary>Who a scheme scores: the townships (乡镇街道) or the member units (成员单位).</summary>
public enum AssessedSubjects
{
    Townships,
    Units,
}

/// <summary>Where a criterion's score comes from.</summary>
public enum CriterionSource
{
    /// <summary>The office enters the score, with a note.</summary>
    Entered,

    /// <summary>From the values the subject itself reported for a plan target: the share of the target attained.</summary>
    Indicator,

    /// <summary>From the subject's progress reports: the share of due reports filed on time and not returned.</summary>
    ReportTimeliness,
}

/// <summary>
/// 评议考核方案: how the office scores the townships or the units for a plan's year. Criteria carry points; a subject's
/// total is the sum of its criteria's scores.
/// </summary>
public class AssessmentScheme
{
    public Guid Id { get; set; }
    public Guid PlanId { get; set; }
    public string Name { get; set; } = "";
    public AssessedSubjects Subjects { get; set; }
    public List<AssessmentCriterion> Criteria { get; set; } = [];

    public decimal MaximumTotal => Criteria.Sum(c => c.Points);
}

public class AssessmentCriterion
{
    public Guid Id { get; set; }
    public Guid SchemeId { get; set; }
    public int Order { get; set; }
    public string Name { get; set; } = "";

    /// <summary>The most a subject can score on it (its weight).</summary>
    public decimal Points { get; set; }

    public CriterionSource Source { get; set; }

    /// <summary>For <see cref="CriterionSource.Indicator"/>: the plan target it is scored from.</summary>
    public Guid? IndicatorId { get; set; }
}

public enum RoundStatus
{
    Draft,

    /// <summary>Scores are final and the subjects see their rank; nothing changes afterwards.</summary>
    Published,
}

/// <summary>One scoring of a scheme for a period (the year, a half, a quarter), and its scores.</summary>
public class AssessmentRound
{
    public Guid Id { get; set; }
    public Guid SchemeId { get; set; }

    /// <summary>The period scored, named as the plan's report schedule names it (2020, 2020-H1, 2020-Q3).</summary>
    public string Period { get; set; } = "";

    public DateOnly Start { get; set; }
    public DateOnly End { get; set; }
    public RoundStatus Status { get; set; }
    public DateTime? PublishedAt { get; set; }
    public string PublishedBy { get; set; } = "";
    public List<AssessmentScore> Scores { get; set; } = [];

    /// <summary>Publishing freezes the scores; every criterion of every subject must have one.</summary>
    public Problem? Publish(int expectedScores, string by, DateTime at)
    {
        if (Status == RoundStatus.Published)
        {
            return new Problem("Assessment.AlreadyPublished");
        }
        if (Scores.Count(s => s.Points is not null) < expectedScores)
        {
            return new Problem("Assessment.ScoresMissing");
        }
        Status = RoundStatus.Published;
        PublishedAt = at;
        PublishedBy = by;
        return null;
    }
}

/// <summary>A subject's score on one criterion in one round. Subject is a township or a unit, as the scheme says.</summary>
public class AssessmentScore
{
    public Guid Id { get; set; }
    public Guid RoundId { get; set; }
    public Guid CriterionId { get; set; }
    public Guid SubjectId { get; set; }

    /// <summary>Null until entered (for entered criteria).</summary>
    public decimal? Points { get; set; }

    /// <summary>The office's reason for an entered score, as they typed it ("" for a computed score, whose note is <see cref="ComputedNote"/>).</summary>
    public string Note { get; set; } = "";

    /// <summary>The code of a computed score's note (<c>Assessment.NoteReportsOnTime</c>), worded in the reader's language; null for an entered score.</summary>
    public string? NoteCode { get; set; }

    /// <summary>The computed note's values, as a JSON array of strings (already formatted: numbers invariant, dates ISO).</summary>
    public string? NoteArgs { get; set; }

    /// <summary>How a computed score came about (actual 96%, target ≥ 97%), to be worded where it is shown; null for an entered score.</summary>
    public Problem? ComputedNote =>
        NoteCode is null ? null : new Problem(NoteCode, (JsonSerializer.Deserialize<string[]>(NoteArgs ?? "[]") ?? []).Cast<object?>().ToArray());

    /// <summary>A computed score and how it came about (the note's values are kept as text: terms and nested problems are not expected).</summary>
    public void Computed(decimal points, Problem note)
    {
        Points = points;
        Note = "";
        NoteCode = note.Code;
        NoteArgs = JsonSerializer.Serialize(note.Args.Select(a =>
            a is DateOnly date ? date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : Convert.ToString(a, CultureInfo.InvariantCulture)));
    }

    /// <summary>The office's own note on an entered score (at most 500 characters kept).</summary>
    public void Typed(string note)
    {
        note = note.Trim();
        Note = note.Length > 500 ? note[..500] : note;
        NoteCode = null;
        NoteArgs = null;
    }
}
