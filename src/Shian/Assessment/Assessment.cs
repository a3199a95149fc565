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

    /// <summary>How a computed score came about (实际值 96% / 目标 ≥ 97%), or the office's reason for an entered one.</summary>
    public string Note { get; set; } = "";
}
