using Shian.Plans;

namespace Shian.Assessment;

/// <summary>The arithmetic of 评议考核: attainment of a target, points, and the ranking.</summary>
public static class AssessmentScoring
{
    /// <summary>
    /// How much of a target an actual value attains, from 0 to 1. Meeting it counts in full; short of a floor
    /// (≥ 97%) it is actual ÷ target; above a ceiling (≤ 4/10万) it is target ÷ actual; an exact target loses the
    /// relative distance.
    /// </summary>
    public static decimal Attainment(string comparator, decimal target, decimal actual)
    {
        if (IndicatorEvaluation.Meets(comparator, target, actual))
        {
            return 1m;
        }
        var share = comparator switch
        {
            ">=" or ">" => target <= 0 ? 0m : actual / target,
            "<=" or "<" => actual <= 0 ? 1m : target / actual,
            _ => target == 0 ? 0m : 1m - Math.Abs(actual - target) / Math.Abs(target),
        };
        return Math.Clamp(share, 0m, 1m);
    }

    /// <summary>Points for a share of a criterion, to two decimals as score sheets print them.</summary>
    public static decimal Points(decimal maximum, decimal share) =>
        Math.Round(maximum * Math.Clamp(share, 0m, 1m), 2, MidpointRounding.AwayFromZero);

    public sealed record Ranked(Guid SubjectId, decimal Total, int Rank);

    /// <summary>Highest total first; equal totals share a rank and the next rank skips (1, 2, 2, 4).</summary>
    public static IReadOnlyList<Ranked> Rank(IEnumerable<(Guid SubjectId, decimal Total)> totals)
    {
        var ordered = totals.OrderByDescending(t => t.Total).ToList();
        var ranked = new List<Ranked>(ordered.Count);
        for (var i = 0; i < ordered.Count; i++)
        {
            var rank = i > 0 && ordered[i].Total == ordered[i - 1].Total ? ranked[i - 1].Rank : i + 1;
            ranked.Add(new Ranked(ordered[i].SubjectId, ordered[i].Total, rank));
        }
        return ranked;
    }
}
