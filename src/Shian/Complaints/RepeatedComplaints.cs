using Microsoft.EntityFrameworkCore;
using Shian.Data;

namespace Shian.Complaints;

/// <summary>
/// 投诉举报多发: a registered business against which at least <see cref="ComplaintSettings.RepeatedThreshold"/>
/// complaints and reports were received in the twelve months up to today (merged duplicates not counted again). Asked of
/// the complaints each time, so the register's tag cannot drift from them.
/// </summary>
public static class RepeatedComplaints
{
    public static IQueryable<Complaint> Window(ShianDb db, DateOnly today) =>
        db.Complaints.Where(c => c.ReceivedOn > today.AddMonths(-12) && c.ReceivedOn <= today && c.Status != ComplaintStatus.Merged && c.BusinessId != null);

    /// <summary>Of these businesses, those flagged, with how many complaints and reports each had.</summary>
    public static async Task<IReadOnlyDictionary<Guid, int>> AmongAsync(ShianDb db, IReadOnlyCollection<Guid> businessIds, DateOnly today, int threshold,
        CancellationToken ct = default)
    {
        var ids = businessIds.ToList();
        return await Window(db, today).Where(c => ids.Contains(c.BusinessId!.Value))
            .GroupBy(c => c.BusinessId!.Value).Select(g => new { g.Key, Count = g.Count() }).Where(g => g.Count >= threshold)
            .ToDictionaryAsync(g => g.Key, g => g.Count, ct);
    }
}
