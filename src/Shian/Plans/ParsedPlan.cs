namespace Shian.Plans;

/// <summary>Who a responsibility names: the lead (牵头), the cooperating units (配合), or simply those responsible (负责).</summary>
public enum ResponsibilityRole
{
    Responsible,
    Lead,
    Cooperate,
}

/// <summary>A plan document as read: notice, title, sections and numbered tasks. Nothing here is stored yet.</summary>
public sealed record ParsedPlan(
    string? Title,
    int? Year,
    string? Issuer,
    DateOnly? IssuedDate,
    IReadOnlyList<string> Recipients,
    IReadOnlyList<ParsedSection> Sections,
    IReadOnlyList<ParsedTask> Tasks);

/// <summary>一、年度重点工作任务 → Number 一, Title 年度重点工作任务.</summary>
public sealed record ParsedSection(string Number, string Title);

public sealed record ParsedTask(
    int Number,
    string Label,
    string? Section,
    string Title,
    string Text,
    IReadOnlyList<ParsedResponsibility> Responsibilities,
    IReadOnlyList<ParsedIndicator> Indicators)
{
    /// <summary>Every unit name the task mentions, in order of appearance, each once.</summary>
    public IEnumerable<string> UnitNames => Responsibilities.SelectMany(r => r.Units).Distinct();
}

/// <summary>Units and the part of the task text they answer for.</summary>
public sealed record ParsedResponsibility(ResponsibilityRole Role, IReadOnlyList<string> Units, string Text);

/// <summary>
/// A quantitative target: 全年农产品和食品抽检量不少于4批次/千人 → subject 全年农产品和食品抽检量, <c>&gt;=</c> 4 批次/千人.
/// </summary>
public sealed record ParsedIndicator(string Text, string Subject, string Comparator, decimal Value, string Unit);
