using Shian.Accounts;

namespace Shian.Sampling;

/// <summary>
/// Which samples a user may see: the office and district staff all; a laboratory's users the samples sent to it; a
/// department's users those its unit sampled (or tested); township staff their township's; an operator the samples taken
/// from their businesses once submitted.
/// </summary>
public static class SampleScope
{
    public static IQueryable<Sample> VisibleTo(this IQueryable<Sample> samples, AccessScope scope)
    {
        var unit = scope.UnitId;
        var township = scope.TownshipId;
        var own = scope.BusinessIds.ToList();
        return scope.Level switch
        {
            AccessLevel.Jurisdiction => samples,
            AccessLevel.Unit => samples.Where(s => s.LaboratoryId == unit || s.SamplingUnitId == unit),
            AccessLevel.Laboratory => samples.Where(s => s.LaboratoryId == unit),
            AccessLevel.Township => samples.Where(s => s.TownshipId == township),
            AccessLevel.OwnBusinesses => samples.Where(s => s.Status != SampleStatus.Draft && own.Contains(s.BusinessId)),
            _ => samples.Where(s => false),
        };
    }
}
