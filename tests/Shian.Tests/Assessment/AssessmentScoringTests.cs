using Shian.Assessment;

namespace Shian.Tests.Assessment;

public class AssessmentScoringTests
{
    [Theory]
    // A floor met or beaten counts in full; short of it, the share reached (pass rate 97% target, 95.06% actual).
    [InlineData(">=", 97, 98.5, 1)]
    [InlineData(">=", 97, 97, 1)]
    [InlineData(">=", 4, 3, 0.75)]
    [InlineData(">", 60, 30, 0.5)]
    // A ceiling (incidence ≤ 4 per 100,000): above it, target ÷ actual.
    [InlineData("<=", 4, 3.2, 1)]
    [InlineData("<=", 4, 8, 0.5)]
    [InlineData("<", 4, 0, 1)]
    // An exact target loses the relative distance either way.
    [InlineData("=", 100, 90, 0.9)]
    [InlineData("=", 100, 110, 0.9)]
    // Nothing below zero, nothing above one.
    [InlineData(">=", 100, -5, 0)]
    [InlineData("=", 10, 50, 0)]
    public void Attainment_is_the_share_of_the_target_reached(string comparator, double target, double actual, double expected) =>
        Assert.Equal((decimal)expected, AssessmentScoring.Attainment(comparator, (decimal)target, (decimal)actual));

    [Fact]
    public void Attainment_of_a_floor_short_of_target_is_actual_over_target() =>
        Assert.Equal(95.06m / 97m, AssessmentScoring.Attainment(">=", 97m, 95.06m));

    [Theory]
    [InlineData(20, 1, 20)]
    [InlineData(15, 0.98, 14.7)]
    [InlineData(10, 0.333333, 3.33)]
    [InlineData(10, 0.3335, 3.34)] // half away from zero, as score sheets round
    [InlineData(10, 1.5, 10)]
    public void Points_are_rounded_to_two_decimals(double maximum, double share, double expected) =>
        Assert.Equal((decimal)expected, AssessmentScoring.Points((decimal)maximum, (decimal)share));

    [Fact]
    public void Equal_totals_share_a_rank_and_the_next_rank_skips()
    {
        Guid a = Guid.NewGuid(), b = Guid.NewGuid(), c = Guid.NewGuid(), d = Guid.NewGuid(), e = Guid.NewGuid();
        var ranked = AssessmentScoring.Rank([(a, 88.5m), (b, 95m), (c, 91m), (d, 91m), (e, 70m)]);
        Assert.Equal([b, c, d, a, e], ranked.Select(r => r.SubjectId));
        Assert.Equal([1, 2, 2, 4, 5], ranked.Select(r => r.Rank));
    }

    [Fact]
    public void Publishing_needs_every_score_and_happens_once()
    {
        var round = new AssessmentRound { Scores = [new() { Points = 10 }, new() { Points = null }] };
        Assert.Equal("Assessment.ScoresMissing", round.Publish(expectedScores: 2, "office", DateTime.UtcNow)?.Code);
        Assert.Equal(RoundStatus.Draft, round.Status);

        round.Scores[1].Points = 0;
        Assert.Null(round.Publish(expectedScores: 2, "office", DateTime.UtcNow));
        Assert.Equal(RoundStatus.Published, round.Status);
        Assert.Equal("office", round.PublishedBy);
        Assert.Equal("Assessment.AlreadyPublished", round.Publish(expectedScores: 2, "office", DateTime.UtcNow)?.Code);
    }

    [Fact]
    public void A_round_may_score_the_year_its_halves_and_its_quarters()
    {
        var periods = AssessmentCalculator.Periods(2020);
        Assert.Equal(["2020", "2020-H1", "2020-H2", "2020-Q1", "2020-Q2", "2020-Q3", "2020-Q4"], periods.Select(p => p.Name));
        Assert.Equal((new DateOnly(2020, 7, 1), new DateOnly(2020, 12, 31)), (periods[2].Start, periods[2].End));
    }
}
