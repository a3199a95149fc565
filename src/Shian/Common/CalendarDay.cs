namespace Shian.Common;

/// <summary>What a date is, where it differs from the plain weekday/weekend rule.</summary>
public enum CalendarDayKind
{
    /// <summary>A statutory public holiday (法定节假日), including the weekend days inside a holiday block.</summary>
    Holiday = 1,

    /// <summary>A weekend day that is worked to make up for a holiday (调休上班).</summary>
    AdjustedWorkday = 2,
}

/// <summary>One exception to the weekday rule, maintained by administrators from each year's State Council notice.</summary>
public class CalendarDay
{
    public DateOnly Date { get; set; }
    public CalendarDayKind Kind { get; set; }
    public string Name { get; set; } = "";
}
