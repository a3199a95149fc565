using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Shian.Data;
using Shian.Ledger;
using Shian.Performance;

namespace Shian.Traceability;

/// <summary>Stores read events for a capture job: all of a document or nothing.</summary>
public static class EpcisCapture
{
    /// <summary>
    /// Writes the events and their identifier index with bulk inserts and marks the job succeeded, in one transaction
    /// (joining the caller's when there is one). The events' recordTime is the job's <see cref="CaptureJob.CreatedAt"/>,
    /// the moment the repository accepted the document. Events bypass the audit trail: they are evidence in their own
    /// right and are protected by the transparency log instead, where each is appended (SHA-256 of its stored JSON,
    /// referenced by its row id, since an error declaration repeats the eventID it corrects).
    /// </summary>
    public static async Task StoreAsync(ShianDb db, CaptureJob job, IReadOnlyList<EpcisEvent> events, CancellationToken ct = default)
    {
        var owned = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        try
        {
            foreach (var e in events)
            {
                e.BusinessId = job.BusinessId;
                e.CaptureJobId = job.Id;
                e.RecordTime = job.CreatedAt;
            }
            // Finished when accepted: the events are stored in this transaction, under the job's time.
            if (job.Succeed(events.Count, job.CreatedAt) is { } refused)
            {
                throw new InvalidOperationException("Capture job stored twice: " + refused);
            }
            if (db.Entry(job).State == EntityState.Detached)
            {
                db.CaptureJobs.Add(job);
            }
            await db.SaveChangesAsync(ct);
            await BulkInsert.RunAsync(db, events, ct);
            await BulkInsert.RunAsync(db, events.SelectMany(e => e.Epcs).ToList(), ct);
            await TransparencyLog.AppendAsync(db, events.Select(LedgerEntryOf).ToList(), job.CreatedAt, ct);
            if (owned is not null)
            {
                await owned.CommitAsync(ct);
            }
        }
        finally
        {
            if (owned is not null)
            {
                await owned.DisposeAsync();
            }
        }
    }

    public const string LedgerKind = "epcis-event";

    public static (string Kind, string Reference, byte[] Data) LedgerEntryOf(EpcisEvent e) =>
        (LedgerKind, e.Id.ToString(), SHA256.HashData(Encoding.UTF8.GetBytes(e.Json)));
}
