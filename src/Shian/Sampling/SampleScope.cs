using Shian.Accounts;

namespace Shian.Sampling;

/// <summary>
/// Which samples a user may see: the office and district staff all; a laboratory's users the samples sent to it (and a
/// unit's users those it sampled); township staff their township's; an operator the samples taken from their businesses.
/// </summary>
public static class SampleScope
{
    public static IQueryable<Sample> Visible(this AccessScope scope, IQueryable<Sample> samples)
    {
        var unit = scope.UnitId;
        var township = scope.TownshipId;
        var own = scope.BusinessIds.ToList();
        return scope.Level switch
        {
            AccessLevel.Jurisdiction => samples,
            AccessLevel.Unit => samples.Where(s => s.LaboratoryId == unit || s.SamplingUnitId == unit),
            AccessLevel.Township => samples.Where(s => s.TownshipId == township),
            AccessLevel.OwnBusinesses => samples.Where(s => s.Status != SampleStatus.Draft && own.Contains(s.BusinessId)),
            _ => samples.Where(s => false),
        };
    }
}
