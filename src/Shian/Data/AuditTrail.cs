using Microsoft.EntityFrameworkCore;
using Shian.Audit;

namespace Shian.Data;

public static class AuditTrail
{
    public sealed record Verification(long Rows, string LastHash, AuditChain.Break? Break)
    {
        public bool Intact => Break is null;
    }

    /// <summary>
    /// Verifies the whole stored chain in keyset-paged batches, so memory stays flat however long the trail grows.
    /// Used by <c>shian audit verify</c> and the administrator's audit page.
    /// </summary>
    public static async Task<Verification> VerifyAuditTrailAsync(this ShianDb db, int batchSize = 5000, CancellationToken ct = default)
    {
        var previous = AuditChain.Genesis;
        var next = 1L;
        while (true)
        {
            var from = next;
            var batch = await db.AuditEntries.AsNoTracking()
                .Where(a => a.Sequence >= from)
                .OrderBy(a => a.Sequence)
                .Take(batchSize)
                .ToListAsync(ct);
            if (batch.Count == 0)
            {
                return new Verification(next - 1, previous, null);
            }
            if (AuditChain.Verify(batch, previous, next) is { } broken)
            {
                return new Verification(next - 1, previous, broken);
            }
            previous = batch[^1].Hash;
            next = batch[^1].Sequence + 1;
        }
    }
}
