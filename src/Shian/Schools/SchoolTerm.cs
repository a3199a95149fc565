namespace Shian.Schools;

public enum TermSeason
{
    Spring, // 春季学期
    Autumn, // 秋季学期
}

/// <summary>
/// A school term (学期) as Shian counts inspections: spring from 1 February to 31 July, autumn from 1 August to
/// 31 January of the next year. School calendars differ by a week or two each year (spring opens mid-February,
/// autumn on 1 September, ending mid-January); the boundaries here cover the summer and winter holidays so that
/// every day belongs to exactly one term. [Source confidence: the domain facts (domain.md §9) say nothing of terms
/// or of how often a school canteen is inspected; the split and the default of 2 inspections per term are the
/// district's choice, configurable, not a legal rule.]
/// </summary>
public readonly record struct SchoolTerm(int Year, TermSeason Season)
{
    /// <summary>The default minimum number of inspections of a school canteen per term (the district's choice).</summary>
    public const int DefaultRequiredInspections = 2;

    public DateOnly From => Season == TermSeason.Spring ? new DateOnly(Year, 2, 1) : new DateOnly(Year, 8, 1);

    public DateOnly To => Season == TermSeason.Spring ? new DateOnly(Year, 7, 31) : new DateOnly(Year + 1, 1, 31);

    public bool Contains(DateOnly day) => day >= From && day <= To;

    /// <summary>The term a day belongs to: January belongs to the autumn term of the year before.</summary>
    public static SchoolTerm Of(DateOnly day) =>
        day.Month == 1 ? new SchoolTerm(day.Year - 1, TermSeason.Autumn)
        : day.Month <= 7 ? new SchoolTerm(day.Year, TermSeason.Spring)
        : new SchoolTerm(day.Year, TermSeason.Autumn);

    /// <summary>"2020 春季学期" / "2020–2021 秋季学期".</summary>
    public string Name => Season == TermSeason.Spring ? $"{Year} 春季学期" : $"{Year}–{Year + 1} 秋季学期";
}
