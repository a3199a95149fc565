using Shian.Data;

namespace Shian.Complaints;

/// <summary>
/// Storing what a transition wrote to the handling log of a complaint that is already stored. An entry carries its id from
/// creation (a client-generated Guid key), so EF would take a new entry found on a tracked complaint for an existing row
/// and update it (nothing to update: a concurrency failure); the new ones are added explicitly instead. The log only
/// grows, so the entries past the count read before the transition are the new ones.
/// </summary>
public static class ComplaintEntries
{
    public static void AddEntriesSince(this ShianDb db, Complaint complaint, int countBefore) =>
        db.ComplaintEntries.AddRange(complaint.Entries.Skip(countBefore));
}
