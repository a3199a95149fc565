using System.Text.Json;
using Shian.Common;

namespace Shian.Traceability;

/// <summary>The five EPCIS 2.0 event types, named as in the standard's JSON <c>type</c>.</summary>
public enum EpcisEventType
{
    ObjectEvent,
    AggregationEvent,
    AssociationEvent,
    TransactionEvent,
    TransformationEvent,
}

/// <summary>
/// One captured EPCIS event. The columns hold what queries and genealogy filter on; <see cref="Json"/> keeps the event
/// exactly as it was captured (source and destination lists, ilmd, sensor data, certification info, error declarations
/// and extensions), so that what a partner sent is what a query returns.
/// </summary>
public class EpcisEvent
{
    public Guid Id { get; set; }

    /// <summary>The event's <c>eventID</c>; one is assigned (<c>urn:uuid:…</c>) when the capturer gave none.</summary>
    public string EventId { get; set; } = "";

    public EpcisEventType Type { get; set; }
    public DateTime EventTime { get; set; }
    public string EventTimeZoneOffset { get; set; } = "";

    /// <summary>When Shian stored it (the standard's recordTime).</summary>
    public DateTime RecordTime { get; set; }

    /// <summary>ADD, OBSERVE or DELETE; null for transformation events, which have none.</summary>
    public string? Action { get; set; }

    /// <summary>A CBV step by its short name (<c>shipping</c>), anything else by its full URI.</summary>
    public string? BizStep { get; set; }

    /// <summary>A CBV disposition by its short name (<c>in_transit</c>), anything else by its full URI.</summary>
    public string? Disposition { get; set; }

    /// <summary>Canonical keys (<see cref="TraceKey"/>) of the read point and business location.</summary>
    public string? ReadPoint { get; set; }
    public string? BizLocation { get; set; }

    /// <summary>The business whose API key captured the event: it answers for the data.</summary>
    public Guid BusinessId { get; set; }

    public Guid CaptureJobId { get; set; }

    /// <summary>Whether the event declares an earlier one erroneous (<c>errorDeclaration</c>).</summary>
    public bool IsErrorDeclaration { get; set; }

    public string Json { get; set; } = "";

    /// <summary>The identifiers read from the event, stored with it (not loaded back: query <c>EpcisEventEpcs</c>).</summary>
    public List<EpcisEventEpc> Epcs { get; set; } = [];
}

/// <summary>Where an identifier appears in an event.</summary>
public enum EpcRole
{
    /// <summary>epcList / quantityList of object and transaction events; childEPCs of aggregation events are <see cref="Child"/>.</summary>
    Epc,
    Child,
    Parent,
    Input,
    Output,
}

/// <summary>
/// One identifier an event names, by its canonical key: the index behind MATCH_* queries, lot genealogy and the
/// consumer page's chain of custody. Class-level entries (quantity lists) carry their quantity and unit.
/// </summary>
public class EpcisEventEpc
{
    public Guid Id { get; set; }
    public Guid EventId { get; set; }
    public EpcRole Role { get; set; }
    public string Key { get; set; } = "";
    public decimal? Quantity { get; set; }
    public string? Uom { get; set; }
}

/// <summary>
/// A location or party identifier (an SGLN or PGLN, by canonical key) claimed by a business: traces name the business
/// and count it as a trading partner only once the office has confirmed the claim (<see cref="TraceClaim"/>).
/// </summary>
public class TraceParty : TraceClaim
{
    public Guid Id { get; set; }
    public string Key { get; set; } = "";
    public Guid BusinessId { get; set; }
    public string Name { get; set; } = "";
}

public enum CaptureJobStatus
{
    /// <summary>Accepted and being stored: capture stores a document in the request's transaction, so this is queued and running in one.</summary>
    Accepted,
    Succeeded,
    Failed,
}

/// <summary>One capture request (REST binding: <c>POST /capture</c> answers with the job's location).</summary>
public class CaptureJob
{
    public Guid Id { get; set; }
    public Guid BusinessId { get; set; }
    public Guid UserId { get; set; }
    public DateTime CreatedAt { get; init; }

    /// <summary>Set with the outcome by <see cref="Succeed"/> or <see cref="Fail"/>.</summary>
    public DateTime? FinishedAt { get; private set; }

    /// <summary>Accepted → succeeded or failed, once.</summary>
    public CaptureJobStatus Status { get; private set; }

    public int EventCount { get; private set; }

    /// <summary>The document's <c>@context</c>, so that extension prefixes still mean the same when events are queried.</summary>
    public string ContextJson { get; set; } = "";

    /// <summary>A JSON array of <see cref="EpcisError"/> (path and message) when the capture failed.</summary>
    public string ErrorsJson { get; private set; } = "[]";

    /// <summary>The job stored its <paramref name="eventCount"/> events. Refused once the job has finished.</summary>
    public Problem? Succeed(int eventCount, DateTime at)
    {
        if (Finished() is { } refused)
        {
            return refused;
        }
        (Status, EventCount, FinishedAt) = (CaptureJobStatus.Succeeded, eventCount, at);
        return null;
    }

    /// <summary>The job stored nothing, for <paramref name="errors"/> (at least one). Refused once the job has finished.</summary>
    public Problem? Fail(IReadOnlyList<EpcisError> errors, DateTime at)
    {
        if (Finished() is { } refused)
        {
            return refused;
        }
        if (errors.Count == 0)
        {
            return new Problem("CaptureJob.FailureNeedsErrors");
        }
        (Status, EventCount, FinishedAt) = (CaptureJobStatus.Failed, 0, at);
        ErrorsJson = JsonSerializer.Serialize(errors.Select(e => new { path = e.Path, message = e.Message }));
        return null;
    }

    private Problem? Finished() =>
        Status == CaptureJobStatus.Accepted ? null : new Problem("CaptureJob.AlreadyFinished", Problem.TermFor(Status));
}

/// <summary>
/// A problem with a captured document (or a query's parameters), located by a JSON path such as
/// <c>$.epcisBody.eventList[2].eventTime</c> (or the parameter's name); the web words it in the request's language.
/// </summary>
public sealed record EpcisError(string Path, Problem Problem)
{
    /// <summary>The code and its values, for logs and test output; never shown to a user.</summary>
    public string Message => Problem.ToString();
}

/// <summary>Registering a business's own locations (GLN, optionally with an extension) so that traces name it.</summary>
public static class TraceParties
{
    public const int NameMax = 200;

    /// <summary>A new location for a business, or the errors by field (nothing is stored by this method).</summary>
    public static (TraceParty? Party, Dictionary<string, Problem> Errors) Create(Guid businessId, string? gln, string? extension, string? name)
    {
        var errors = new Dictionary<string, Problem>();
        var digits = gln?.Trim() ?? "";
        var ext = extension?.Trim() ?? "";
        var label = name?.Trim() ?? "";
        if (digits.Length != 13 || !digits.All(char.IsAsciiDigit) || Gtin.CheckDigit(digits[..12]) != digits[12])
        {
            errors["Gln"] = new("TraceParty.GlnInvalid");
        }
        if (ext.Length > 20 || ext.Any(c => !char.IsAsciiLetterOrDigit(c) && c != '-'))
        {
            errors["Extension"] = new("TraceParty.ExtensionInvalid", 20);
        }
        if (label.Length is 0 or > NameMax)
        {
            errors["Name"] = new("TraceParty.NameRequired", NameMax);
        }
        if (errors.Count > 0)
        {
            return (null, errors);
        }
        return (new TraceParty { Id = Guid.CreateVersion7(), Key = TraceKey.Location(digits, ext), BusinessId = businessId, Name = label }, errors);
    }
}
