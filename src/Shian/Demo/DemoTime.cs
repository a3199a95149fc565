using Shian.Common;

namespace Shian.Demo;

/// <summary>The demo's clock readings: a local (Beijing) hour of a day, in UTC.</summary>
internal static class DemoTime
{
    public static DateTime At(DateOnly day, int hour = 10) => TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(new TimeOnly(hour, 0)), ShianTime.Zone);
}
