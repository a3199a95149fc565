using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Shian.Accounts;
using Shian.Common;
using Shian.Data;
using Shian.Registry;
using Shian.Traceability;
using Shian.Web.Infrastructure;

namespace Shian.Web.Features.Traceability;

/// <summary>
/// The GS1 EPCIS 2.0 REST binding: <c>POST /epcis/capture</c> (an operator's key, events belong to its business),
/// capture jobs, and <c>GET /epcis/events</c> with the common query parameters and next-page tokens.
/// Capture is synchronous: a document is at most <see cref="EpcisDocumentCapture.MaxEvents"/> events and is checked
/// and stored within the request (well under a second), so the job has finished when 202 is answered and the client
/// never sees a half-stored document; nothing has to survive a restart between acceptance and storage.
/// </summary>
public static class EpcisApi
{
    public const string EpcisVersion = "2.0.0";
    public const string CbvVersion = "2.0.0";
    public const string StandardContext = "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld";

    /// <summary>The header (or <c>?business=</c>) naming which of an operator's businesses a capture is for.</summary>
    public const string BusinessHeader = "Shian-Business";

    /// <summary>The REST binding's CaptureJob document.</summary>
    public sealed record CaptureJobView(string CaptureID, DateTime CreatedAt, DateTime? FinishedAt, bool Running, bool Success,
        string CaptureErrorBehaviour, int EventCount, IReadOnlyList<ErrorView> Errors);

    /// <summary>An error as a capture job stores and shows it: where, and what (worded).</summary>
    public sealed record ErrorView(string Path, string Message);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static IEndpointRouteBuilder MapEpcisApi(this IEndpointRouteBuilder app)
    {
        var capture = app.MapGroup("/epcis/capture").WithTags("EPCIS").RequireAuthorization(Policies.EpcisCapture)
            .RequireScope(ApiScopes.EpcisCapture)
            .AddEndpointFilter(async (context, next) =>
            {
                AdvertiseCapture(context.HttpContext.Response);
                return await next(context);
            });

        capture.MapPost("", CaptureAsync)
            .Produces<CaptureJobView>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .WithSummary("Capture an EPCIS 2.0 document (JSON/JSON-LD) for the key owner's business: all events or none.");

        capture.MapMethods("", [HttpMethods.Options], (HttpResponse response) =>
            {
                response.Headers.Allow = "OPTIONS, GET, POST";
                return TypedResults.NoContent();
            })
            .AllowAnonymous()
            .WithSummary("The capture interface's limits and versions, in headers.");

        capture.MapGet("", async (ShianDb db, CurrentUser user) =>
            {
                var businesses = (await user.ScopeAsync()).BusinessIds.ToList();
                var jobs = await db.CaptureJobs.AsNoTracking().Where(j => businesses.Contains(j.BusinessId))
                    .OrderByDescending(j => j.CreatedAt).Take(500).ToListAsync();
                return TypedResults.Ok(jobs.Select(View).ToList());
            })
            .WithSummary("The capture jobs of the caller's businesses, newest first (at most 500).");

        capture.MapGet("/{captureId:guid}", async (Guid captureId, ShianDb db, CurrentUser user, IStringLocalizer<SharedResource> l) =>
            {
                var businesses = (await user.ScopeAsync()).BusinessIds.ToList();
                var job = await db.CaptureJobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == captureId && businesses.Contains(j.BusinessId));
                return job is null
                    ? Refusal(l, StatusCodes.Status404NotFound, new("Epcis.JobNotFoundTitle"), new("Epcis.JobNotFound", captureId))
                    : TypedResults.Ok(View(job));
            })
            .WithSummary("One capture job (REST binding CaptureJob).");

        var events = app.MapGroup("/epcis/events").WithTags("EPCIS").RequireAuthorization(Policies.EpcisQuery)
            .RequireScope(ApiScopes.EpcisQuery)
            .AddEndpointFilter(async (context, next) =>
            {
                AdvertiseVersions(context.HttpContext.Response);
                return await next(context);
            });

        events.MapGet("", QueryAsync)
            .Produces(StatusCodes.Status200OK, contentType: "application/ld+json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .WithSummary("Events visible to the caller, filtered by the EPCIS common query parameters; next pages by nextPageToken.");

        events.MapGet("/{**eventId}", async (string eventId, ShianDb db, CurrentUser user, TimeProvider clock, IStringLocalizer<SharedResource> l) =>
            {
                var id = Uri.UnescapeDataString(eventId);
                var found = await TraceVisibility.Queryable(db, await user.ScopeAsync()).Where(e => e.EventId == id)
                    .OrderBy(e => e.RecordTime).ThenBy(e => e.Id).Take(1).ToListAsync();
                if (found.Count == 0)
                {
                    return Refusal(l, StatusCodes.Status404NotFound, new("Epcis.EventNotFoundTitle"), new("Epcis.EventNotFound", id));
                }
                return await DocumentAsync(db, found, clock);
            })
            .WithSummary("One event by its eventID (URL-encoded), as a query document.");

        return app;
    }

    private static async Task<IResult> CaptureAsync(HttpContext http, ShianDb db, CurrentUser user, TimeProvider clock, IStringLocalizer<SharedResource> l, CancellationToken ct)
    {
        var request = http.Request;
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var media)
            || media.MediaType is not ("application/json" or "application/ld+json"))
        {
            return Refusal(l, StatusCodes.Status415UnsupportedMediaType, new("Epcis.MediaTypeTitle"), new("Epcis.MediaType", request.ContentType));
        }
        if (request.Headers["GS1-Capture-Error-Behaviour"] is { Count: > 0 } behaviour && !string.Equals(behaviour.ToString(), "rollback", StringComparison.OrdinalIgnoreCase))
        {
            return Refusal(l, StatusCodes.Status400BadRequest, new("Epcis.ErrorBehaviourTitle"), new("Epcis.ErrorBehaviour"),
                [new EpcisError("GS1-Capture-Error-Behaviour", new Problem("Epcis.RollbackOnly"))]);
        }
        if (request.ContentLength > EpcisDocumentCapture.MaxBytes)
        {
            return TooLarge(l);
        }

        var scope = await user.ScopeAsync(ct);
        var businessId = await ChooseBusinessAsync(request, db, scope, l, ct);
        if (businessId.Error is { } refusal)
        {
            return refusal;
        }

        // Read with the limit enforced while reading: a chunked body has no Content-Length to check beforehand.
        var body = await ReadLimitedAsync(request.Body, EpcisDocumentCapture.MaxBytes, ct);
        if (body is null)
        {
            return TooLarge(l);
        }
        var outcome = await EpcisDocumentCapture.CaptureAsync(db, body.Value, businessId.Id, user.Id!.Value, clock.GetUtcNow().UtcDateTime, ct);
        if (outcome.TooManyEvents)
        {
            return Refusal(l, StatusCodes.Status413PayloadTooLarge, new("Epcis.TooManyEventsTitle"), new("Epcis.TooManyEventsSplit", EpcisDocumentCapture.MaxEvents), outcome.Errors);
        }
        if (outcome.Job is not { } job)
        {
            return Refusal(l, StatusCodes.Status400BadRequest, new("Epcis.InvalidDocumentTitle"), new("Epcis.ProblemCount", outcome.Errors.Count), outcome.Errors);
        }
        await Shian.Web.Public.TraceCache.EvictAsync(http); // consumer pages show the new custody steps at once
        return TypedResults.Accepted(TraceabilityRoutes.CaptureJob(job.Id), View(job));
    }

    private static async Task<(Guid Id, IResult? Error)> ChooseBusinessAsync(HttpRequest request, ShianDb db, AccessScope scope, IStringLocalizer l, CancellationToken ct)
    {
        var own = scope.BusinessIds;
        var named = request.Query["business"].FirstOrDefault() ?? request.Headers[BusinessHeader].FirstOrDefault();
        if (string.IsNullOrWhiteSpace(named))
        {
            return own.Count switch
            {
                1 => (own.Single(), null),
                0 => (Guid.Empty, Refusal(l, StatusCodes.Status403Forbidden, new("Epcis.NoBusinessTitle"), new("Epcis.NoBusiness"))),
                _ => (Guid.Empty, Refusal(l, StatusCodes.Status400BadRequest, new("Epcis.NameBusinessTitle"), new("Epcis.NameBusiness", BusinessHeader),
                    [new EpcisError("business", new Problem("Epcis.BusinessRequired"))])),
            };
        }
        named = named.Trim();
        var ids = own.ToList();
        var match = await db.Businesses.AsNoTracking()
            .Where(b => ids.Contains(b.Id))
            .Where(b => b.CreditCode == named)
            .Select(b => (Guid?)b.Id).FirstOrDefaultAsync(ct);
        if (match is null && Guid.TryParse(named, out var asId) && own.Contains(asId))
        {
            match = asId;
        }
        return match is { } id
            ? (id, null)
            : (Guid.Empty, Refusal(l, StatusCodes.Status403Forbidden, new("Epcis.NotYourBusinessTitle"), new("Epcis.NotYourBusiness", named),
                [new EpcisError("business", new Problem("Epcis.NotYourBusinessField"))]));
    }

    private static async Task<ReadOnlyMemory<byte>?> ReadLimitedAsync(Stream body, long limit, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int n;
        while ((n = await body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + n > limit)
            {
                return null;
            }
            buffer.Write(chunk, 0, n);
        }
        return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
    }

    private static async Task<IResult> QueryAsync(HttpContext http, ShianDb db, CurrentUser user, TimeProvider clock, IStringLocalizer<SharedResource> l, CancellationToken ct)
    {
        var (query, errors) = EpcisEventQuery.Parse(http.Request.Query.Select(q => KeyValuePair.Create(q.Key, q.Value.Select(v => v ?? "").ToArray())));
        if (query is null)
        {
            return Refusal(l, StatusCodes.Status400BadRequest, new("Epcis.InvalidQueryTitle"),
                new("Epcis.InvalidQuery", string.Join("; ", errors.Select(e => $"{e.Path}: {l.Word(e.Problem)}"))), errors);
        }
        var page = await query.Apply(TraceVisibility.Queryable(db, await user.ScopeAsync(ct)), db.EpcisEventEpcs).ToListAsync(ct);
        if (page.Count > query.PerPage)
        {
            page.RemoveAt(page.Count - 1);
            var token = query.NextToken(page[^1]);
            var next = http.Request.Query.Where(q => q.Key != "nextPageToken")
                .SelectMany(q => q.Value.Select(v => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(v ?? "")}"))
                .Append("nextPageToken=" + token);
            http.Response.Headers.Link = $"<{http.Request.PathBase}{http.Request.Path}?{string.Join('&', next)}>; rel=\"next\"";
        }
        return await DocumentAsync(db, page, clock, ct);
    }

    /// <summary>An EPCISQueryDocument of the events with their recordTime, under the merged contexts of their capture jobs.</summary>
    private static async Task<IResult> DocumentAsync(ShianDb db, IReadOnlyList<EpcisEvent> events, TimeProvider clock, CancellationToken ct = default)
    {
        var jobIds = events.Select(e => e.CaptureJobId).Distinct().ToList();
        var contexts = await db.CaptureJobs.AsNoTracking().Where(j => jobIds.Contains(j.Id)).OrderBy(j => j.CreatedAt).Select(j => j.ContextJson).ToListAsync(ct);
        var list = new JsonArray();
        foreach (var e in events)
        {
            list.Add(JsonNode.Parse(EpcisEventQuery.WithRecordTime(e.Json, e.RecordTime)));
        }
        var document = new JsonObject
        {
            ["@context"] = MergeContexts(contexts),
            ["type"] = "EPCISQueryDocument",
            ["schemaVersion"] = "2.0",
            ["creationDate"] = clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            ["epcisBody"] = new JsonObject
            {
                ["queryResults"] = new JsonObject
                {
                    ["queryName"] = "SimpleEventQuery",
                    ["resultsBody"] = new JsonObject { ["eventList"] = list },
                },
            },
        };
        return TypedResults.Text(document.ToJsonString(Json), "application/ld+json", System.Text.Encoding.UTF8);
    }

    /// <summary>The standard context first, then every other entry the capture documents named, each once (extension prefixes resolve).</summary>
    public static JsonArray MergeContexts(IEnumerable<string> contexts)
    {
        var merged = new JsonArray { StandardContext };
        var seen = new HashSet<string> { JsonValue.Create(StandardContext).ToJsonString() };
        foreach (var text in contexts.Where(c => !string.IsNullOrWhiteSpace(c)))
        {
            var node = JsonNode.Parse(text);
            IEnumerable<JsonNode?> entries = node is JsonArray array ? array : [node];
            foreach (var entry in entries.Where(e => e is not null))
            {
                if (seen.Add(entry!.ToJsonString()))
                {
                    merged.Add(entry.DeepClone());
                }
            }
        }
        return merged;
    }

    private static CaptureJobView View(CaptureJob job) => new(
        job.Id.ToString(), job.CreatedAt, job.FinishedAt,
        Running: job.Status == CaptureJobStatus.Accepted,
        Success: job.Status != CaptureJobStatus.Failed,
        CaptureErrorBehaviour: "rollback",
        job.EventCount,
        JsonSerializer.Deserialize<List<ErrorView>>(string.IsNullOrEmpty(job.ErrorsJson) ? "[]" : job.ErrorsJson, Json) ?? []);

    private static void AdvertiseVersions(HttpResponse response)
    {
        response.Headers["GS1-EPCIS-Version"] = EpcisVersion;
        response.Headers["GS1-EPCIS-Min"] = EpcisVersion;
        response.Headers["GS1-EPCIS-Max"] = EpcisVersion;
        response.Headers["GS1-CBV-Version"] = CbvVersion;
        response.Headers["GS1-CBV-Min"] = CbvVersion;
        response.Headers["GS1-CBV-Max"] = CbvVersion;
    }

    private static void AdvertiseCapture(HttpResponse response)
    {
        AdvertiseVersions(response);
        response.Headers["GS1-EPCIS-Capture-Limit"] = EpcisDocumentCapture.MaxEvents.ToString(CultureInfo.InvariantCulture);
        response.Headers["GS1-EPCIS-Capture-File-Size-Limit"] = EpcisDocumentCapture.MaxBytes.ToString(CultureInfo.InvariantCulture);
        response.Headers["GS1-Capture-Error-Behaviour"] = "rollback";
    }

    private static IResult TooLarge(IStringLocalizer l) => Refusal(l, StatusCodes.Status413PayloadTooLarge, new("Epcis.TooLargeTitle"),
        new("Epcis.TooLarge", EpcisDocumentCapture.MaxBytes / (1024 * 1024), EpcisDocumentCapture.MaxBytes));

    /// <summary>
    /// A problem document worded in the request's language; each error keeps its JSON path and its code beside the words. The
    /// error types stay the problem-details defaults the EPCIS REST binding expects.
    /// </summary>
    private static IResult Refusal(IStringLocalizer l, int status, Problem title, Problem detail, IReadOnlyList<EpcisError>? errors = null)
    {
        var problem = new ProblemDetails { Status = status, Title = l.Word(title), Detail = l.Word(detail) };
        if (errors is not null)
        {
            problem.Extensions["errors"] = errors.Select(e => new { path = e.Path, code = e.Problem.Code, message = l.Word(e.Problem) }).ToList();
        }
        return TypedResults.Problem(problem);
    }
}
