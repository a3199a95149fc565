using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Shian.Accounts;
using Shian.Common;
using Shian.Complaints;
using Shian.Data;
using Shian.Registry;
using Shian.Web.Infrastructure;

namespace Shian.Web.Features.Complaints;

/// <summary>
/// Complaint intake by machine: the public API (anonymous, rate-limited per client address, the same as the form) and
/// the hotline systems' API (an API key scoped <c>complaints:write</c>). Both go through <see cref="ComplaintIntake"/>, as
/// every channel does; a refusal names each field in camelCase and stores nothing.
/// </summary>
public static class ComplaintsApi
{
    /// <summary>What the public sends. Every value is read as text so that a wrong kind or date is named on its field.</summary>
    public sealed record PublicSubmission(string? Kind, string? BusinessName, string? BusinessCreditCode, string? Address, string? Description,
        string? OccurredOn, string? ContactName, string? ContactPhone, string? Website);

    /// <summary>A hotline work order: the public fields plus the channel ("12315" / "12345"), the ticket and when the hotline took it.</summary>
    public sealed record HotlineSubmission(string? Channel, string? Ticket, string? ReceivedAt, string? Kind, string? BusinessName,
        string? BusinessCreditCode, string? Address, string? Description, string? OccurredOn, string? ContactName, string? ContactPhone);

    public sealed record Filed(string TrackingCode);

    public sealed record HotlineFiled(string TrackingCode, Guid Id);

    /// <summary>What the submitter may know: dates and outcome only, never the description, handler, informant or reply.</summary>
    public sealed record PublicStatus(
        string TrackingCode, string Kind, string Status, DateOnly ReceivedOn,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateOnly? Deadline,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateOnly? DecidedOn,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Outcome,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateOnly? ClosedOn,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateOnly? MergedOn = null,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] PublicHandling? HandledWith = null);

    /// <summary>A merged submission's joint handling: status, dates and outcome, nothing that names the other submission.</summary>
    public sealed record PublicHandling(string Status,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateOnly? DecidedOn,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Outcome,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateOnly? ClosedOn);

    /// <summary>The handling a merged submission joined, with its enum values.</summary>
    public sealed record Handling(ComplaintStatus Status, DateOnly? DecidedOn, ComplaintOutcome? Outcome, DateOnly? ClosedOn)
    {
        public PublicHandling ToPublic() => new(EnumName(Status), DecidedOn, Outcome is { } outcome ? EnumName(outcome) : null, ClosedOn);
    }

    /// <summary>
    /// The same facts with their enum values, for the tracking page's words. A merged submission (a duplicate) also says
    /// when it was merged and how the handling it joined stands, without the other submission's code or substance.
    /// </summary>
    public sealed record Tracked(string TrackingCode, ComplaintKind Kind, ComplaintStatus Status, DateOnly ReceivedOn, DateOnly? Deadline, DateOnly? DecidedOn,
        ComplaintOutcome? Outcome, DateOnly? ClosedOn, DateOnly? MergedOn = null, Handling? HandledWith = null)
    {
        public PublicStatus ToPublic() => new(TrackingCode, EnumName(Kind), EnumName(Status), ReceivedOn, Deadline, DecidedOn,
            Outcome is { } outcome ? EnumName(outcome) : null, ClosedOn, MergedOn, HandledWith?.ToPublic());
    }

    public sealed record BusinessMatch(Guid Id, string Name, string Address, string Township);

    /// <summary>Who recorded a public submission (no one signed in).</summary>
    public const string PublicRecorder = "public";

    public static IEndpointRouteBuilder MapComplaintsApi(this IEndpointRouteBuilder app)
    {
        var open = app.MapGroup("/api/v1/public").WithTags("Complaints").AllowAnonymous().RequireRateLimiting(RateLimits.PublicComplaints);

        open.MapPost("/complaints", async Task<Results<Created<Filed>, ValidationProblem>> (PublicSubmission body, ShianDb db, ComplaintSettings settings,
                TimeProvider clock, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
            {
                var (input, errors) = Read(body.Kind, body.BusinessName, body.BusinessCreditCode, body.Address, body.Description, body.OccurredOn,
                    body.ContactName, body.ContactPhone, null);
                // The intake checks the rest even when the API could not read a field, so that one answer names every field.
                var (complaint, refused) = await ComplaintIntake.PrepareAsync(db, input, ComplaintChannel.Online, settings, PublicRecorder,
                    clock.GetUtcNow().UtcDateTime, new ComplaintIntake.Context(db), ct);
                if (Merge(errors, refused).Count > 0 || complaint is null)
                {
                    return TypedResults.ValidationProblem(Words(errors, l));
                }
                // A bot filled the field people never see: it is answered as if accepted, and nothing is stored.
                if (!string.IsNullOrEmpty(body.Website))
                {
                    var decoy = TrackingCodes.New();
                    return TypedResults.Created(ComplaintsPublicRoutes.PublicStatus(decoy), new Filed(TrackingCodes.Display(decoy)));
                }
                db.Complaints.Add(complaint);
                await db.SaveChangesAsync(ct);
                return TypedResults.Created(ComplaintsPublicRoutes.PublicStatus(complaint.TrackingCode), new Filed(TrackingCodes.Display(complaint.TrackingCode)));
            })
            .WithSummary("File a complaint (a consumer dispute: name and phone required) or a report (a violation lead: anonymous allowed); answers the tracking code.");

        open.MapGet("/complaints/{trackingCode}", async Task<Results<Ok<PublicStatus>, ProblemHttpResult>> (string trackingCode, ShianDb db,
                IStringLocalizer<SharedResource> l, CancellationToken ct) =>
                await FindAsync(db, trackingCode, ct) is { } tracked
                    ? TypedResults.Ok(tracked.ToPublic())
                    // A malformed code and an unknown one get the same answer: the lookup says nothing about which codes exist.
                    : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: l["Complaint.Track.NotFoundTitle"], detail: l["Complaint.Track.NotFound"]))
            .WithSummary("A complaint's status and dates by its tracking code (dates and outcome only).");

        open.MapGet("/businesses", async (string? q, ShianDb db, CancellationToken ct) => TypedResults.Ok(await SearchBusinessesAsync(db, q, ct)))
            .WithSummary("Active businesses whose name, address or credit code contains the text (top 10: name, address, township), for the public form.");

        var hotline = app.MapGroup(ComplaintsPublicRoutes.HotlineApi).WithTags("Complaints")
            .RequireAuthorization(Policies.Staff).RequireScope(ApiScopes.ComplaintsWrite);
        hotline.MapPost("", async Task<Results<Created<HotlineFiled>, ValidationProblem, ProblemHttpResult>> (HotlineSubmission body, ShianDb db,
                ComplaintSettings settings, TimeProvider clock, CurrentUser user, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
            {
                var (input, errors) = Read(body.Kind, body.BusinessName, body.BusinessCreditCode, body.Address, body.Description, body.OccurredOn,
                    body.ContactName, body.ContactPhone, body.Ticket);
                var channel = ComplaintIntake.HotlineChannel(body.Channel);
                if (channel is null)
                {
                    errors["Channel"] = new Problem("Complaint.ChannelUnknown", body.Channel ?? "");
                }
                var now = clock.GetUtcNow().UtcDateTime;
                var receivedAt = now;
                if (!string.IsNullOrWhiteSpace(body.ReceivedAt))
                {
                    if (!DateTimeOffset.TryParse(body.ReceivedAt, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
                    {
                        errors["ReceivedAt"] = new Problem("Complaint.TimeInvalid", body.ReceivedAt);
                    }
                    else if (at.UtcDateTime > now)
                    {
                        errors["ReceivedAt"] = new Problem("Complaint.ReceivedInFuture", body.ReceivedAt);
                    }
                    else
                    {
                        receivedAt = at.UtcDateTime;
                    }
                }
                // A hotline system retrying after a lost answer gets the complaint it already filed.
                var ticket = input.HotlineTicket?.Trim() ?? "";
                if (channel is not null && ticket.Length > 0
                    && await db.Complaints.AsNoTracking().Where(c => c.Channel == channel && c.HotlineTicket == ticket)
                        .Select(c => new { c.Id, c.TrackingCode }).FirstOrDefaultAsync(ct) is { } existing)
                {
                    return Conflict(l, ticket, existing.TrackingCode, existing.Id);
                }
                var (complaint, refused) = await ComplaintIntake.PrepareAsync(db, input, channel ?? ComplaintChannel.Hotline12315, settings, user.Name,
                    receivedAt, new ComplaintIntake.Context(db), ct);
                if (Merge(errors, refused).Count > 0 || complaint is null)
                {
                    return TypedResults.ValidationProblem(Words(errors, l));
                }
                db.Complaints.Add(complaint);
                await db.SaveChangesAsync(ct);
                return TypedResults.Created(ComplaintsPublicRoutes.PublicStatus(complaint.TrackingCode),
                    new HotlineFiled(TrackingCodes.Display(complaint.TrackingCode), complaint.Id));
            })
            .WithSummary("File a hotline work order (channel 12315 or 12345, ticket required); the same ticket again answers 409 with its tracking code.");
        return app;
    }

    private static ProblemHttpResult Conflict(IStringLocalizer l, string ticket, string trackingCode, Guid id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: l["Complaint.Api.TicketExistsTitle"],
            detail: l.Word(new Problem("Complaint.TicketExists", ticket)),
            extensions: new Dictionary<string, object?> { ["trackingCode"] = TrackingCodes.Display(trackingCode), ["id"] = id });

    /// <summary>The submission as the intake's input, or the fields the API itself cannot read (kind, dates).</summary>
    private static (Complaint.Input Input, Dictionary<string, Problem> Errors) Read(string? kind, string? businessName, string? creditCode, string? address,
        string? description, string? occurredOn, string? contactName, string? contactPhone, string? ticket)
    {
        var errors = new Dictionary<string, Problem>();
        ComplaintKind? parsedKind = kind?.Trim() switch
        {
            "complaint" => ComplaintKind.Complaint,
            "report" => ComplaintKind.Report,
            _ => null,
        };
        if (parsedKind is null)
        {
            errors[nameof(Complaint.Kind)] = string.IsNullOrWhiteSpace(kind)
                ? new Problem("Complaint.Required", new Problem.Term("Complaint.Field.Kind"))
                : new Problem("Complaint.KindUnknown", kind);
        }
        DateOnly? occurred = null;
        if (!string.IsNullOrWhiteSpace(occurredOn))
        {
            if (DateOnly.TryParseExact(occurredOn.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                occurred = day;
            }
            else
            {
                errors[nameof(Complaint.OccurredOn)] = new Problem("Complaint.DateInvalid", occurredOn);
            }
        }
        return (new Complaint.Input(parsedKind, businessName, creditCode, address, description, occurred, contactName, contactPhone,
            HotlineTicket: ticket), errors);
    }

    /// <summary>The intake's refusals added to the API's own (which come first: "kind" unreadable, not merely missing).</summary>
    private static Dictionary<string, Problem> Merge(Dictionary<string, Problem> errors, IReadOnlyDictionary<string, Problem> refused)
    {
        foreach (var (field, problem) in refused)
        {
            errors.TryAdd(field, problem);
        }
        return errors;
    }

    /// <summary>The refusals worded in the request's language, by the JSON field names (camelCase; the ticket is "ticket").</summary>
    private static Dictionary<string, string[]> Words(IReadOnlyDictionary<string, Problem> errors, IStringLocalizer l) =>
        errors.GroupBy(e => JsonField(e.Key)).ToDictionary(g => g.Key, g => g.Select(e => l.Word(e.Value)).ToArray());

    private static string JsonField(string field) => field switch
    {
        nameof(Complaint.HotlineTicket) => "ticket",
        nameof(Complaint.BusinessId) => "businessCreditCode",
        _ => JsonNamingPolicy.CamelCase.ConvertName(field),
    };

    /// <summary>The public view of a complaint by a code as typed, or null for an unknown or malformed code alike.</summary>
    public static async Task<Tracked?> FindAsync(ShianDb db, string? typed, CancellationToken ct)
    {
        if (TrackingCodes.Normalize(typed) is not { } code)
        {
            return null;
        }
        var c = await db.Complaints.AsNoTracking().Where(x => x.TrackingCode == code)
            .Select(x => new
            {
                x.Id, x.TrackingCode, x.Kind, x.Status, x.ReceivedOn, x.FirstDeadline, x.MediationDeadline, x.ReplyDeadline, x.DecidedOn, x.Outcome, x.ClosedOn,
                x.MergedIntoId,
            })
            .FirstOrDefaultAsync(ct);
        if (c is null)
        {
            return null;
        }
        DateOnly? deadline = c.Status switch
        {
            ComplaintStatus.Received => c.FirstDeadline,
            ComplaintStatus.Accepted => c.MediationDeadline,
            ComplaintStatus.Refused or ComplaintStatus.Mediated or ComplaintStatus.Decided => c.ReplyDeadline,
            _ => null,
        };
        if (c.Status != ComplaintStatus.Merged)
        {
            return new Tracked(TrackingCodes.Display(c.TrackingCode), c.Kind, c.Status, c.ReceivedOn, deadline, c.DecidedOn, c.Outcome, c.ClosedOn);
        }
        var mergedAt = await db.ComplaintEntries.AsNoTracking().Where(e => e.ComplaintId == c.Id && e.Kind == ComplaintEntryKind.Merged)
            .OrderByDescending(e => e.At).Select(e => (DateTime?)e.At).FirstOrDefaultAsync(ct);
        return new Tracked(TrackingCodes.Display(c.TrackingCode), c.Kind, c.Status, c.ReceivedOn, deadline, c.DecidedOn, c.Outcome, c.ClosedOn,
            mergedAt is { } at ? ShianTime.LocalDate(at) : null, await HandlingOfAsync(db, c.MergedIntoId, ct));
    }

    /// <summary>
    /// Where a merged submission is handled: the one it was merged into, or (that one merged in turn) the one that one
    /// joined, a few steps at most.
    /// </summary>
    private static async Task<Handling?> HandlingOfAsync(ShianDb db, Guid? next, CancellationToken ct)
    {
        for (var step = 0; step < 5 && next is { } id; step++)
        {
            var joined = await db.Complaints.AsNoTracking().Where(x => x.Id == id)
                .Select(x => new { x.Status, x.DecidedOn, x.Outcome, x.ClosedOn, x.MergedIntoId }).FirstOrDefaultAsync(ct);
            if (joined is null)
            {
                return null;
            }
            if (joined.Status != ComplaintStatus.Merged)
            {
                return new Handling(joined.Status, joined.DecidedOn, joined.Outcome, joined.ClosedOn);
            }
            next = joined.MergedIntoId;
        }
        return null;
    }

    private static string EnumName<TEnum>(TEnum value) where TEnum : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    /// <summary>At most 10 active businesses by name, address or credit code: only what a shop sign or a receipt shows.</summary>
    public static async Task<IReadOnlyList<BusinessMatch>> SearchBusinessesAsync(ShianDb db, string? q, CancellationToken ct)
    {
        var term = (q ?? "").Trim();
        if (term.Length < 2 || term.Length > 100)
        {
            return [];
        }
        var code = CreditCode.Normalize(term);
        return await db.Businesses.AsNoTracking().Where(b => b.Status == BusinessStatus.Active)
            .Where(b => b.Name.Contains(term) || b.Address.Contains(term) || (code.Length > 0 && b.CreditCode == code))
            .OrderBy(b => b.Name).Take(10)
            .Join(db.Townships, b => b.TownshipId, t => t.Id, (b, t) => new BusinessMatch(b.Id, b.Name, b.Address, t.Name))
            .ToListAsync(ct);
    }
}
