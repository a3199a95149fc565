using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Shian.Common;
using Shian.Data;
using Shian.Performance;

namespace Shian.Traceability;

/// <summary>What a capture came to: the stored job, or the errors (and nothing stored).</summary>
public sealed record EpcisCaptureOutcome(CaptureJob? Job, IReadOnlyList<EpcisError> Errors, bool TooManyEvents = false)
{
    public bool Succeeded => Job is not null;
}

/// <summary>
/// One EPCIS document from bytes to stored events: JSON schema, then the reader's semantic checks, then that its error
/// declarations name only the business's own events (<see cref="TraceVisibility"/>), then
/// <see cref="EpcisCapture.StoreAsync"/>, all or nothing. The HTTP binding and the benchmark both come through here.
/// </summary>
public static class EpcisDocumentCapture
{
    /// <summary>Most events one document may carry (advertised as <c>GS1-EPCIS-Capture-Limit</c>).</summary>
    public const int MaxEvents = 10_000;

    /// <summary>Largest document accepted, in bytes (advertised as <c>GS1-EPCIS-Capture-File-Size-Limit</c>).</summary>
    public const long MaxBytes = 20 * 1024 * 1024;

    /// <summary>
    /// Checks a document without storing anything: the errors, or the read events and the document's context.
    /// <paramref name="compiledSchema"/>: see <see cref="EpcisSchema.Validate"/>.
    /// </summary>
    public static (EpcisReadResult? Read, IReadOnlyList<EpcisError> Errors, bool TooManyEvents) Check(ReadOnlyMemory<byte> utf8, bool compiledSchema = true)
    {
        if (utf8.Length == 0 || utf8.Span.Trim(" \t\r\n"u8).IsEmpty)
        {
            return (null, [new("$", new Problem("Epcis.EmptyBody"))], false);
        }
        // The parser reads string contents lazily, so a malformed byte inside a value would surface later as an exception.
        if (!System.Text.Unicode.Utf8.IsValid(utf8.Span))
        {
            return (null, [NotUtf8(utf8.Span)], false);
        }
        JsonDocument parsed;
        try
        {
            parsed = JsonDocument.Parse(utf8, EpcisDocumentReader.ParseOptions);
        }
        catch (JsonException e)
        {
            return (null, [EpcisDocumentReader.NotJson(e)], false);
        }
        using (parsed)
        {
            var root = parsed.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, [new("$", new Problem("Epcis.NotObject"))], false);
            }
            if (!root.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String || type.GetString() != "EPCISDocument")
            {
                return (null, [new("$.type", new Problem("Epcis.CaptureTakesDocuments"))], false);
            }
            // Counted before the schema is evaluated, so that an oversized document costs no validation.
            if (root.TryGetProperty("epcisBody", out var body) && body.ValueKind == JsonValueKind.Object
                && body.TryGetProperty("eventList", out var list) && list.ValueKind == JsonValueKind.Array && list.GetArrayLength() > MaxEvents)
            {
                return (null, [new("$.epcisBody.eventList", new Problem("Epcis.TooManyEvents", MaxEvents, list.GetArrayLength()))], true);
            }
            var schemaErrors = EpcisSchema.Validate(root, compiledSchema);
            if (schemaErrors.Count > 0)
            {
                return (null, schemaErrors, false);
            }
            // The same parsed document: the reader copies out what it keeps.
            var read = EpcisDocumentReader.Read(root);
            return read.IsValid ? (read, [], false) : (null, read.Errors, false);
        }
    }

    /// <summary>The error for a body that is not UTF-8, with the offset of the first byte that is not.</summary>
    private static EpcisError NotUtf8(ReadOnlySpan<byte> bytes)
    {
        var offset = 0;
        while (offset < bytes.Length && System.Text.Rune.DecodeFromUtf8(bytes[offset..], out _, out var consumed) == System.Buffers.OperationStatus.Done)
        {
            offset += consumed;
        }
        return new("$", new Problem("Epcis.NotUtf8", offset));
    }

    /// <summary>
    /// Checks and stores a document for a business in one transaction. <paramref name="now"/> becomes the events'
    /// recordTime (milliseconds, as every provider keeps them).
    /// </summary>
    public static async Task<EpcisCaptureOutcome> CaptureAsync(ShianDb db, ReadOnlyMemory<byte> utf8, Guid businessId, Guid userId, DateTime now, CancellationToken ct = default)
    {
        var (read, errors, tooMany) = Check(utf8, db.PerformanceSettings().FastPaths);
        if (read is null)
        {
            return new(null, errors, tooMany);
        }
        var foreign = await TraceVisibility.ForeignDeclarationsAsync(db, read.Events, businessId, "$.epcisBody.eventList", ct);
        if (foreign.Count > 0)
        {
            return new(null, foreign);
        }
        var at = new DateTime(now.Ticks - now.Ticks % TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);
        var job = new CaptureJob
        {
            Id = Guid.CreateVersion7(),
            BusinessId = businessId,
            UserId = userId,
            CreatedAt = at,
            ContextJson = read.ContextJson,
        };
        // One transaction: EpcisCapture begins and commits it.
        if (db.SqliteWriter() is { } writer)
        {
            await writer.WriteAsync(db, () => EpcisCapture.StoreAsync(db, job, read.Events, ct), ct);
        }
        else
        {
            await EpcisCapture.StoreAsync(db, job, read.Events, ct);
        }
        return new(job, []);
    }
}
