namespace Shian.Grain;

/// <summary>
/// A half of a calendar year (上半年 H1: January–June, 下半年 H2: July–December): the period within which every district
/// reserve silo must be tested once (每半年对区级储备粮进行强制检验, plan task 9).
/// </summary>
public readonly record struct HalfYear(int Year, int Half)
{
    public static HalfYear Of(DateOnly day) => new(day.Year, day.Month <= 6 ? 1 : 2);

    public DateOnly From => new(Year, Half == 1 ? 1 : 7, 1);
    public DateOnly To => Half == 1 ? new DateOnly(Year, 6, 30) : new DateOnly(Year, 12, 31);
    public HalfYear Previous => Half == 2 ? new(Year, 1) : new(Year - 1, 2);
    public bool Contains(DateOnly day) => day >= From && day <= To;

    /// <summary>A stable number for storage and comparison: 2026 H2 is 20262.</summary>
    public int Code => Year * 10 + Half;
    public static HalfYear FromCode(int code) => new(code / 10, code % 10);

    public string Name => $"{Year}年{(Half == 1 ? "上" : "下")}半年";
    public override string ToString() => $"{Year}-H{Half}";
}

public enum TestDueState
{
    /// <summary>Tested in the current half-year.</summary>
    Done,
    /// <summary>Not yet tested this half-year; time is left.</summary>
    Pending,
    /// <summary>Not yet tested this half-year, which ends within <see cref="GrainTestDue.DueSoonDays"/> days.</summary>
    DueSoon,
    /// <summary>A half-year ended without the silo's test (the silo held grain then).</summary>
    Overdue,
}

/// <summary>Where a silo stands with its half-yearly test on a day. Pure, so that the list and the metric agree.</summary>
public static class GrainTestDue
{
    public const int DueSoonDays = 30;

    /// <param name="testedHalves">The <see cref="HalfYear.Code"/>s of the silo's tests.</param>
    /// <param name="storedSince">Since when the silo holds its grain: a half-year that ended before it owes no test.</param>
    public static TestDueState State(IReadOnlyCollection<int> testedHalves, DateOnly storedSince, DateOnly today)
    {
        var current = HalfYear.Of(today);
        var previous = current.Previous;
        if (storedSince <= previous.To && !testedHalves.Contains(previous.Code) && !testedHalves.Contains(current.Code))
        {
            return TestDueState.Overdue;
        }
        if (testedHalves.Contains(current.Code))
        {
            return TestDueState.Done;
        }
        return current.To.DayNumber - today.DayNumber < DueSoonDays ? TestDueState.DueSoon : TestDueState.Pending;
    }
}
