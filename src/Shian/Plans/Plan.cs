using Shian.Common;
using Shian.Organization;

namespace Shian.Plans;

/// <summary>An annual plan as imported from its official document; its tasks carry the work.</summary>
public class Plan
{
    public Guid Id { get; set; }
    public int Year { get; set; }
    public string Title { get; set; } = "";
    public string Issuer { get; set; } = "";
    public DateOnly? IssuedDate { get; set; }

    /// <summary>The document text as imported, kept so that the plan can always be read as it was issued.</summary>
    public string SourceText { get; set; } = "";

    /// <summary>
    /// SHA-256 of <see cref="SourceText"/>, and of the corrected tasks when the office corrected the parse: importing the
    /// same document (with the same corrections) again changes nothing.
    /// </summary>
    public string SourceHash { get; set; } = "";

    /// <summary>1 for the first import; each corrected document imported for the year adds one.</summary>
    public int Revision { get; set; } = 1;

    public DateTime ImportedAt { get; set; }

    /// <summary>How often units report progress; set by the office.</summary>
    public ReportFrequency ReportFrequency { get; set; } = ReportFrequency.Quarterly;

    /// <summary>Calendar days after a period's end within which its report is due.</summary>
    public int ReportDueDays { get; set; } = 10;

    public ReportSchedule Schedule => new(Year, ReportFrequency, ReportDueDays);

    /// <summary>
    /// The office sets how often units report and how long they have. The frequency is fixed once a report is filed:
    /// reports are filed per period, and another frequency would orphan their periods.
    /// </summary>
    public Problem? ChangeSchedule(ReportFrequency frequency, int dueDays, bool anyReportFiled)
    {
        if (!Enum.IsDefined(frequency))
        {
            return new Problem("Plan.FrequencyInvalid");
        }
        if (dueDays is < 1 or > 60)
        {
            return new Problem("Plan.DueDaysOutOfRange", 1, 60);
        }
        if (frequency != ReportFrequency && anyReportFiled)
        {
            return new Problem("Plan.FrequencyFixed");
        }
        ReportFrequency = frequency;
        ReportDueDays = dueDays;
        return null;
    }

    public List<PlanTask> Tasks { get; set; } = [];
}

public class PlanTask
{
    public Guid Id { get; set; }
    public Guid PlanId { get; set; }
    public int Number { get; set; }

    /// <summary>The number as printed: 1, 一.</summary>
    public string Label { get; set; } = "";

    public string Section { get; set; } = "";
    public string Title { get; set; } = "";
    public string Text { get; set; } = "";
    public List<TaskResponsibility> Responsibilities { get; set; } = [];
    public List<PlanIndicator> Indicators { get; set; } = [];
}

/// <summary>A unit's part in a task: lead, cooperating or responsible, for the text it covers.</summary>
public class TaskResponsibility
{
    public Guid Id { get; set; }
    public Guid TaskId { get; set; }

    /// <summary>Position in the document, for showing parts in the order printed.</summary>
    public int Order { get; set; }

    public ResponsibilityRole Role { get; set; }
    public Guid UnitId { get; set; }
    public Unit? Unit { get; set; }

    /// <summary>The name as the document prints it (区卫健委), which may differ from the unit's name (区卫生健康委).</summary>
    public string PrintedName { get; set; } = "";

    public string Text { get; set; } = "";
}

public enum IndicatorKind
{
    /// <summary>Shian measures it from its own data (a named metric).</summary>
    Computed,

    /// <summary>The owning unit reports it, with evidence.</summary>
    Reported,
}

/// <summary>A target of the plan: subject, comparator, value and unit, measured or reported.</summary>
public class PlanIndicator
{
    public Guid Id { get; set; }
    public Guid TaskId { get; set; }

    /// <summary>Position in the task's text.</summary>
    public int Order { get; set; }

    public string Text { get; set; } = "";
    public string Subject { get; set; } = "";
    public string Comparator { get; set; } = ">=";
    public decimal Value { get; set; }
    public string Unit { get; set; } = "";
    public IndicatorKind Kind { get; set; } = IndicatorKind.Reported;

    /// <summary>For computed indicators, the metric's name in <see cref="Metrics"/>.</summary>
    public string? Metric { get; set; }

    /// <summary>The unit that answers for it: the task's lead, or its first responsible unit.</summary>
    public Guid? OwnerUnitId { get; set; }

    public string Target => $"{Comparator} {Value.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)}{Unit}";
}
