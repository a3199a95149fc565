using Shian.Common;

namespace Shian.Complaints;

/// <summary>
/// 市场监管领域重大违法行为举报奖励暂行办法 (2021), docs/domain.md §8: a reward for a report that led to a penalty for
/// a major violation, to a natural person who is not regulator staff, not the injured party and not the offender. The
/// office chooses the tier; the amount is a share of the fines and confiscations with a floor, capped per case.
/// </summary>
public static class RewardRules
{
    public const decimal CapPerCase = 1_000_000m;

    public sealed record Tier(int Number, decimal Rate, decimal Floor);

    public static readonly IReadOnlyList<Tier> Tiers = [new(1, 0.05m, 5_000m), new(2, 0.03m, 3_000m), new(3, 0.01m, 1_000m)];

    /// <summary>Who the informant is, as the office established it.</summary>
    public sealed record Informant(bool NaturalPerson, bool RegulatorStaff, bool InjuredParty, bool Offender);

    /// <summary>Why the informant cannot be rewarded, or null when they can.</summary>
    public static Problem? Eligibility(Informant informant) =>
        !informant.NaturalPerson ? new Problem("Reward.NotNaturalPerson")
        : informant.RegulatorStaff ? new Problem("Reward.RegulatorStaff")
        : informant.InjuredParty ? new Problem("Reward.InjuredParty")
        : informant.Offender ? new Problem("Reward.Offender")
        : null;

    /// <summary>
    /// The amount for a tier and the fines plus confiscations of the case, in yuan to the fen: the tier's share, at
    /// least its floor, at most the cap. A tier outside 1–3 or a negative amount is refused.
    /// </summary>
    public static (decimal Amount, Problem? Error) Compute(int tier, decimal finesAndConfiscations)
    {
        if (Tiers.FirstOrDefault(t => t.Number == tier) is not { } chosen)
        {
            return (0, new Problem("Reward.TierOutOfRange", tier, 1, Tiers.Count));
        }
        if (finesAndConfiscations < 0)
        {
            return (0, new Problem("Reward.FinesNegative"));
        }
        var share = Math.Round(finesAndConfiscations * chosen.Rate, 2, MidpointRounding.AwayFromZero);
        return (Math.Min(Math.Max(share, chosen.Floor), CapPerCase), null);
    }
}
