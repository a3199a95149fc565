using Microsoft.EntityFrameworkCore;
using Shian.Accounts;
using Shian.Data;
using Shian.Registry;
using Shian.Traceability;

namespace Shian.Web.Features.Traceability;

/// <summary>
/// Who may open a lot. The office, departments and district inspectors see every lot. Township staff see a lot when
/// its traces touch a business of their township (a party of a shipment or receipt, or the capturer of an event): a lot
/// that passed through the township is theirs to follow, even when it was made elsewhere. Operators see the traces of
/// their own lots (a lot one of their businesses captured an event about or shipped or received), but not the recall
/// scope, which lists other businesses' contacts.
/// </summary>
public static class LotAccess
{
    public static async Task<bool> MaySeeAsync(ShianDb db, AccessScope scope, string key, TraceResult backward, TraceResult forward, CancellationToken ct)
    {
        if (scope.Level is AccessLevel.Jurisdiction or AccessLevel.Unit)
        {
            return true;
        }
        if (scope.Level == AccessLevel.OwnBusinesses)
        {
            var own = scope.BusinessIds.ToList();
            var roots = backward.Root.Movements.Concat(forward.Root.Movements)
                .SelectMany(m => new[] { m.Source.BusinessId, m.Destination.BusinessId }).OfType<Guid>();
            return roots.Any(own.Contains)
                || await db.EpcisEventEpcs.Where(x => x.Key == key).Join(db.EpcisEvents, x => x.EventId, e => e.Id, (x, e) => e.BusinessId).AnyAsync(b => own.Contains(b), ct);
        }
        if (scope.Level != AccessLevel.Township)
        {
            return false;
        }
        var touched = Genealogy.Businesses(backward, forward).ToHashSet();
        var events = backward.EventIds.Concat(forward.EventIds).Distinct().ToList();
        foreach (var chunk in events.Chunk(500))
        {
            touched.UnionWith(await db.EpcisEvents.Where(e => chunk.Contains(e.Id)).Select(e => e.BusinessId).Distinct().ToListAsync(ct));
        }
        var ids = touched.ToList();
        return await db.Businesses.VisibleTo(scope).AnyAsync(b => ids.Contains(b.Id), ct);
    }
}
