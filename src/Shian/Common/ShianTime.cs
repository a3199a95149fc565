namespace Shian.Common;

/// <summary>
/// Instants are stored in UTC and shown in the jurisdiction's time zone (China has one: Asia/Shanghai, UTC+8, no DST).
/// </summary>
public static class ShianTime
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    public static DateTime ToLocal(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);

    /// <summary>The instant of a wall-clock time in China (a time typed or read from a file without an offset).</summary>
    public static DateTime FromLocal(DateTime local) =>
        TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), Zone);

    /// <summary>The calendar date in China at the given instant: a deadline's day count starts from this.</summary>
    public static DateOnly LocalDate(DateTime utc) => DateOnly.FromDateTime(ToLocal(utc));

    /// <summary>
    /// Truncated to whole microseconds: PostgreSQL keeps no finer, and the audit hash must read the same back from
    /// either database.
    /// </summary>
    public static DateTime UtcNow(TimeProvider clock)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return new DateTime(now.Ticks - now.Ticks % 10, DateTimeKind.Utc);
    }
}
