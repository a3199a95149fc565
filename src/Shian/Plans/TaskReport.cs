using Shian.Common;

namespace Shian.Plans;

public enum TaskProgress
{
    NotStarted,
    InProgress,
    Completed,
    Blocked,
}

public enum ReportKind
{
    /// <summary>A unit's progress on a task it has a part in.</summary>
    Progress,

    /// <summary>A township's report to the district Party committee and government (各乡镇街向区委、区政府报告).</summary>
    TownshipToDistrict,
}

public enum ReportReview
{
    Pending,
    Accepted,
    Returned,
}

/// <summary>
/// A unit's progress report on a task for a period (2020-Q3). The food-safety office accepts it or returns it with a
/// comment; a returned report is answered with a new one for the same period.
/// </summary>
public class TaskReport
{
    public Guid Id { get; set; }
    public Guid TaskId { get; set; }
    public Guid UnitId { get; set; }

    /// <summary>For a report filed by a township through the collective 各乡镇街 unit: which township filed it.</summary>
    public Guid? TownshipId { get; set; }

    public ReportKind Kind { get; set; }

    /// <summary>The period reported on, as <see cref="ReportSchedule"/> names it: 2020-Q3, 2020-H2, 2020-07.</summary>
    public string Period { get; set; } = "";

    public TaskProgress Progress { get; set; }
    public int PercentDone { get; set; }
    public string Text { get; set; } = "";
    public DateTime SubmittedAt { get; set; }
    public string SubmittedBy { get; set; } = "";
    public ReportReview Review { get; set; }
    public string ReviewComment { get; set; } = "";
    public DateTime? ReviewedAt { get; set; }
    public string ReviewedBy { get; set; } = "";

    public Problem? Accept(string comment, string by, DateTime at) => Decide(ReportReview.Accepted, comment, by, at);

    /// <summary>A return must say why, so that the unit knows what to fix.</summary>
    public Problem? Return(string comment, string by, DateTime at) =>
        string.IsNullOrWhiteSpace(comment) ? new Problem("TaskReport.ReturnNeedsComment") : Decide(ReportReview.Returned, comment, by, at);

    private Problem? Decide(ReportReview decision, string comment, string by, DateTime at)
    {
        if (Review != ReportReview.Pending)
        {
            return new Problem("TaskReport.AlreadyReviewed");
        }
        Review = decision;
        ReviewComment = comment.Trim();
        ReviewedBy = by;
        ReviewedAt = at;
        return null;
    }
}
