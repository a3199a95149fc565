using BenchmarkDotNet.Attributes;
using Shian.Common;

namespace Shian.Bench;

/// <summary>
/// Deadline arithmetic: every statutory deadline on every list goes through AddWorkingDays, so it must stay cheap.
/// The start (Monday 2020-01-20) puts the extended Spring Festival (Jan 24 - Feb 2), Qingming, May Day and Dragon Boat
/// holidays and their adjusted workdays inside the counted ranges.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class CalendarBenchmarks
{
    private static readonly DateOnly Start = new(2020, 1, 20);
    private IReadOnlyList<CalendarDay> _days = [];
    private WorkingDayCalendar _calendar = null!;

    [GlobalSetup]
    public void Setup()
    {
        _days = WorkingDayCalendar.BuiltInDays();
        _calendar = new WorkingDayCalendar(_days);
        // Refuse to benchmark a broken calendar: 5 working days must cross the extended Spring Festival.
        if (_calendar.AddWorkingDays(Start, 5) != new DateOnly(2020, 2, 4))
        {
            throw new InvalidOperationException("The built-in calendar does not give the expected 2020 Spring Festival deadline.");
        }
    }

    /// <summary>Sample to laboratory (5 working days): ends 2020-02-04.</summary>
    [Benchmark]
    public DateOnly AddWorkingDays_5() => _calendar.AddWorkingDays(Start, 5);

    /// <summary>Test report (20 working days): ends 2020-02-25.</summary>
    [Benchmark]
    public DateOnly AddWorkingDays_20() => _calendar.AddWorkingDays(Start, 20);

    /// <summary>A long limit (90 working days): crosses Spring Festival, Qingming and May Day, ends in June.</summary>
    [Benchmark]
    public DateOnly AddWorkingDays_90() => _calendar.AddWorkingDays(Start, 90);

    /// <summary>Building the calendar from the 74 stored rows of 2020 and 2021.</summary>
    [Benchmark]
    public WorkingDayCalendar Construct_from_built_in_days() => new(_days);
}
