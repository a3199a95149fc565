namespace Shian.Plans;

/// <summary>A measured value of a reported indicator, as of a date, with the evidence the unit gives for it.</summary>
public class IndicatorValue
{
    public Guid Id { get; set; }
    public Guid IndicatorId { get; set; }
    public Guid UnitId { get; set; }

    /// <summary>
    /// Set when a township reports its own value for a target of the collective 各乡镇街; such values score the township
    /// in the assessment and do not count as the district's value.
    /// </summary>
    public Guid? TownshipId { get; set; }

    public DateOnly AsOf { get; set; }
    public decimal Value { get; set; }
    public string Evidence { get; set; } = "";
    public string SubmittedBy { get; set; } = "";
    public DateTime SubmittedAt { get; set; }
}

public enum IndicatorStatus
{
    /// <summary>Nothing measured or reported yet.</summary>
    NoData,
    Met,

    /// <summary>Not met yet, but the plan's year is still running.</summary>
    AtRisk,

    /// <summary>Not met and the year is over.</summary>
    Missed,
}

public static class IndicatorEvaluation
{
    /// <summary>Whether <paramref name="actual"/> satisfies the target's comparator and value.</summary>
    public static bool Meets(string comparator, decimal target, decimal actual) => comparator switch
    {
        ">=" => actual >= target,
        ">" => actual > target,
        "=" => actual == target,
        "<=" => actual <= target,
        "<" => actual < target,
        _ => false,
    };

    /// <summary>The status of a target for a plan year, judged on <paramref name="today"/> from the latest value.</summary>
    public static IndicatorStatus Status(string comparator, decimal target, decimal? latest, int planYear, DateOnly today) =>
        latest is not { } actual ? IndicatorStatus.NoData
        : Meets(comparator, target, actual) ? IndicatorStatus.Met
        : today.Year > planYear ? IndicatorStatus.Missed
        : IndicatorStatus.AtRisk;
}
