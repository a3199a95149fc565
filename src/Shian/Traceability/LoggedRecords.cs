using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Shian.Common;
using Shian.Data;

namespace Shian.Traceability;

/// <summary>
/// The other half of <c>shian ledger verify</c>: the log proves its own entries unaltered, this proves the records they
/// stand for still are. Every stored EPCIS event and issued certificate must have its entry, and its current bytes
/// must hash to the entry's data; an edited event JSON or certificate field shows up here by name.
/// </summary>
public static class LoggedRecords
{
    public sealed record Result(long Events, long Certificates, Problem? Failure)
    {
        public bool Ok => Failure is null;
    }

    private const int Batch = 2000;

    public static async Task<Result> VerifyAsync(ShianDb db, CancellationToken ct = default)
    {
        long events = 0;
        Guid after = Guid.Empty;
        while (true)
        {
            var rows = await db.EpcisEvents.AsNoTracking().Where(e => e.Id.CompareTo(after) > 0).OrderBy(e => e.Id).Take(Batch)
                .Select(e => new { e.Id, e.EventId, e.Json }).ToListAsync(ct);
            if (rows.Count == 0)
            {
                break;
            }
            var references = rows.Select(r => r.Id.ToString()).ToList();
            var logged = await db.LedgerEntries.AsNoTracking().Where(l => l.Kind == EpcisCapture.LedgerKind && references.Contains(l.Reference))
                .ToDictionaryAsync(l => l.Reference, l => l.Data, ct);
            foreach (var row in rows)
            {
                if (!logged.TryGetValue(row.Id.ToString(), out var data))
                {
                    return new(events, 0, new Problem("TraceLog.EventNotLogged", row.EventId, row.Id));
                }
                if (!SHA256.HashData(Encoding.UTF8.GetBytes(row.Json)).AsSpan().SequenceEqual(data))
                {
                    return new(events, 0, new Problem("TraceLog.EventAltered", row.EventId, row.Id));
                }
                events++;
            }
            after = rows[^1].Id;
        }

        long certificates = 0;
        var certificateEntries = await db.LedgerEntries.AsNoTracking().Where(l => l.Kind == ProduceCertificate.LedgerKind)
            .ToDictionaryAsync(l => l.Reference, l => l.Data, ct);
        await foreach (var certificate in db.ProduceCertificates.AsNoTracking().OrderBy(c => c.Id).AsAsyncEnumerable().WithCancellation(ct))
        {
            var (_, reference, data) = certificate.LedgerEntry();
            if (!certificateEntries.TryGetValue(reference, out var logged))
            {
                return new(events, certificates, new Problem("TraceLog.CertificateNotLogged", certificate.Code));
            }
            if (!logged.AsSpan().SequenceEqual(data))
            {
                return new(events, certificates, new Problem("TraceLog.CertificateAltered", certificate.Code));
            }
            certificates++;
        }
        return new(events, certificates, null);
    }
}
