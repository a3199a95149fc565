namespace Shian.Risk;

/// <summary>Where a dynamic factor came from. Other modules (inspections, sampling, complaints, cases) will add theirs.</summary>
public static class RiskFactorSources
{
    /// <summary>Entered by the office by hand.</summary>
    public const string Manual = "manual";
}

/// <summary>
/// 动态风险因素: points one event adds to a dynamic item of a business's sheet (a failed sample, an inspection finding,
/// a substantiated complaint, a case). The grading sums them per item, capped at the item's maximum.
/// </summary>
public class RiskFactor
{
    public Guid Id { get; set; }
    public Guid BusinessId { get; set; }

    /// <summary>The dynamic item's code on the sheet (inspection, sampling, complaints, cases).</summary>
    public string ItemCode { get; set; } = "";

    public decimal Points { get; set; }
    public string Reason { get; set; } = "";

    /// <summary>When the event happened: factors older than the sheet's window no longer count.</summary>
    public DateOnly Date { get; set; }

    public string Source { get; set; } = RiskFactorSources.Manual;
    public DateTime RecordedAt { get; set; }
    public string RecordedBy { get; set; } = "";
}

/// <summary>
/// One grade a business held (风险等级评定记录). Rows are added only when the grade or the score changes; the current
/// row has no <see cref="SupersededAt"/>.
/// </summary>
public class RiskGrade
{
    public Guid Id { get; set; }
    public Guid BusinessId { get; set; }
    public RiskLevel Grade { get; set; }
    public decimal Score { get; set; }
    public decimal StaticScore { get; set; }
    public decimal DynamicScore { get; set; }

    /// <summary>Whether the business was on the serious-violation list, which puts it at D whatever its score.</summary>
    public bool SeriousViolator { get; set; }

    public string SheetName { get; set; } = "";
    public int SheetVersion { get; set; }

    /// <summary>Points per item code, JSON, items with points only: what the next grading compares against.</summary>
    public string Breakdown { get; set; } = "{}";

    /// <summary>Why the grade or score changed, in Chinese: 初次评定, 动态因素：…, 严重违法失信名单.</summary>
    public string Reason { get; set; } = "";

    public DateTime GradedAt { get; set; }
    public string GradedBy { get; set; } = "";

    /// <summary>When a later grading replaced this one; null for the current grade.</summary>
    public DateTime? SupersededAt { get; set; }
}

/// <summary>
/// One regrade (全部或单户重新评定). The grade rows it writes are an append-only history of their own and are written in
/// bulk, so the audit trail records the run — who, when, how many, and a SHA-256 digest of exactly the rows written —
/// instead of one entry per row, which would cost more than the grading itself.
/// </summary>
public class RiskRegradeRun
{
    public Guid Id { get; set; }
    public DateTime At { get; set; }
    public string By { get; set; } = "";

    /// <summary>The one business regraded, or null for everyone.</summary>
    public Guid? BusinessId { get; set; }

    public int Graded { get; set; }
    public int Changed { get; set; }
    public int WithoutSheet { get; set; }

    /// <summary>Businesses per grade after the run, e.g. <c>A=120;B=80;C=12;D=3</c>.</summary>
    public string PerGrade { get; set; } = "";

    /// <summary>Hex SHA-256 over the written grade rows, in the order written (see <c>RiskRegrade.Digest</c>).</summary>
    public string Digest { get; set; } = "";
}
