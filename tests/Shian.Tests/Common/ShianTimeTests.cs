using Shian.Common;

namespace Shian.Tests.Common;

public class ShianTimeTests
{
    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    [Fact]
    public void Zone_is_eight_hours_ahead_of_utc_in_every_month_of_2020_and_2021()
    {
        // China observed summer time only in 1986-1991 (the tz database knows it, so SupportsDaylightSavingTime is true);
        // the years Shian handles have a fixed +8.
        for (var month = new DateTime(2020, 1, 1, 12, 0, 0, DateTimeKind.Utc); month.Year < 2022; month = month.AddMonths(1))
        {
            Assert.Equal(TimeSpan.FromHours(8), ShianTime.Zone.GetUtcOffset(month));
        }
    }

    [Fact]
    public void Utc_instant_is_shown_eight_hours_later_in_shanghai()
    {
        var local = ShianTime.ToLocal(new DateTime(2020, 9, 28, 1, 30, 15, DateTimeKind.Utc));
        Assert.Equal(new DateTime(2020, 9, 28, 9, 30, 15), local);
    }

    [Fact]
    public void Unspecified_kind_is_treated_as_utc_not_as_server_local_time()
    {
        var unspecified = new DateTime(2020, 9, 28, 1, 30, 0, DateTimeKind.Unspecified);
        Assert.Equal(new DateTime(2020, 9, 28, 9, 30, 0), ShianTime.ToLocal(unspecified));
    }

    [Fact]
    public void Local_date_moves_to_the_next_day_from_16_00_utc()
    {
        Assert.Equal(new DateOnly(2020, 9, 30), ShianTime.LocalDate(new DateTime(2020, 9, 30, 15, 59, 59, DateTimeKind.Utc)));
        Assert.Equal(new DateOnly(2020, 10, 1), ShianTime.LocalDate(new DateTime(2020, 9, 30, 16, 0, 0, DateTimeKind.Utc)));
    }

    [Fact]
    public void Local_date_crosses_new_year_in_china_before_utc_does()
    {
        Assert.Equal(new DateOnly(2021, 1, 1), ShianTime.LocalDate(new DateTime(2020, 12, 31, 20, 0, 0, DateTimeKind.Utc)));
    }

    [Fact]
    public void Utc_now_drops_the_sub_microsecond_ticks()
    {
        var instant = new DateTimeOffset(2020, 10, 9, 8, 0, 0, TimeSpan.Zero).AddTicks(1_234_567);
        var now = ShianTime.UtcNow(new FixedClock(instant));
        Assert.Equal(instant.UtcDateTime.Ticks - 7, now.Ticks);
        Assert.Equal(0, now.Ticks % 10);
        Assert.Equal(DateTimeKind.Utc, now.Kind);
    }

    [Fact]
    public void Utc_now_keeps_whole_microseconds_unchanged()
    {
        var instant = new DateTimeOffset(2020, 10, 9, 8, 0, 0, TimeSpan.Zero).AddTicks(1_234_560);
        Assert.Equal(instant.UtcDateTime, ShianTime.UtcNow(new FixedClock(instant)));
    }

    [Fact]
    public void Utc_now_is_in_utc_whatever_the_clock_offset()
    {
        var instant = new DateTimeOffset(2020, 10, 9, 16, 0, 0, TimeSpan.FromHours(8));
        var now = ShianTime.UtcNow(new FixedClock(instant));
        Assert.Equal(new DateTime(2020, 10, 9, 8, 0, 0, DateTimeKind.Utc), now);
        Assert.Equal(DateTimeKind.Utc, now.Kind);
    }
}
