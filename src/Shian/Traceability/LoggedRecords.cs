using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Shian.Data;

namespace Shian.Traceability;

/// <summary>
/// The other half of <c>shian ledger verify</c>: the log proves its own entries unaltered, this proves the records they
/// stand for still are. Every stored EPCIS event and issued certificate must have its entry, and its current bytes
/// must hash to the entry's data; an edited event JSON or certificate field shows up here by name.
/// </summary>
public static class LoggedRecords
{
    public sealed record Result(long Events, long Certificates, string? Failure)
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
                    return new(events, 0, $"事件 {row.EventId}（{row.Id}）不在存证日志中 / event {row.EventId} ({row.Id}) is not in the log");
                }
                if (!SHA256.HashData(Encoding.UTF8.GetBytes(row.Json)).AsSpan().SequenceEqual(data))
                {
                    return new(events, 0, $"事件 {row.EventId}（{row.Id}）与存证不符，已被改动 / event {row.EventId} ({row.Id}) differs from its logged hash: it was altered");
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
                return new(events, certificates, $"合格证 {certificate.Code} 不在存证日志中 / certificate {certificate.Code} is not in the log");
            }
            if (!logged.AsSpan().SequenceEqual(data))
            {
                return new(events, certificates, $"合格证 {certificate.Code} 与存证不符，已被改动 / certificate {certificate.Code} differs from its logged hash: it was altered");
            }
            certificates++;
        }
        return new(events, certificates, null);
    }
}
