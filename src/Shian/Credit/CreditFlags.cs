using Microsoft.EntityFrameworkCore;
using Shian.Data;

namespace Shian.Credit;

/// <summary>Which businesses are on the serious-violation list on a day: for the red badge wherever a business is shown.</summary>
public static class CreditFlags
{
    public static IQueryable<SeriousViolation> HoldingOn(ShianDb db, DateOnly day) =>
        db.SeriousViolations.AsNoTracking().Where(v => v.From <= day && (v.To == null || v.To >= day));

    public static Task<bool> IsListedAsync(ShianDb db, Guid businessId, DateOnly day, CancellationToken ct = default) =>
        HoldingOn(db, day).AnyAsync(v => v.BusinessId == businessId, ct);

    /// <summary>
    /// Which of the given businesses are listed. The ids go to the database as parameters: pass what one page shows (a
    /// page of the register, an operator's businesses), never a list read from the whole register.
    /// </summary>
    public static async Task<HashSet<Guid>> ListedAmongAsync(ShianDb db, IReadOnlyCollection<Guid> businessIds, DateOnly day, CancellationToken ct = default) =>
        businessIds.Count == 0 ? [] : (await HoldingOn(db, day).Where(v => businessIds.Contains(v.BusinessId)).Select(v => v.BusinessId).ToListAsync(ct)).ToHashSet();
}
