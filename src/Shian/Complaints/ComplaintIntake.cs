using Microsoft.EntityFrameworkCore;
using Shian.Common;
using Shian.Data;

namespace Shian.Complaints;

/// <summary>The complaint settings (configuration section "Complaints"): clocks, routing, duplicates.</summary>
public sealed class ComplaintSettings
{
    public ComplaintClocks Clocks { get; set; } = ComplaintClocks.Statutory;
    public ComplaintRouting Routing { get; set; } = ComplaintRouting.Default;
    public ComplaintDuplicates Duplicates { get; set; } = ComplaintDuplicates.Default;

    /// <summary>Complaints and reports in twelve months from which a business is flagged in the register (RepeatedComplaints).</summary>
    public int RepeatedThreshold { get; set; } = 3;
}

/// <summary>
/// The one way a complaint enters: the public form and API, a hotline ticket typed by staff, an imported work order and
/// the hotline systems' API all come here, so each gets the same checks, routing, clocks and tracking code.
/// </summary>
public static class ComplaintIntake
{
    /// <summary>Checks, routes and stores one submission; the errors by field when refused (nothing stored then).</summary>
    public static async Task<(Complaint? Complaint, IReadOnlyDictionary<string, Problem> Errors)> ReceiveAsync(ShianDb db, Complaint.Input input,
        ComplaintChannel channel, ComplaintSettings settings, string by, DateTime now, CancellationToken ct = default)
    {
        var (complaint, errors) = await PrepareAsync(db, input, channel, settings, by, now, new Context(db), ct);
        if (complaint is null)
        {
            return (null, errors);
        }
        db.Complaints.Add(complaint);
        await db.SaveChangesAsync(ct);
        return (complaint, errors);
    }

    /// <summary>What several submissions share while they are checked: the register's lookups, loaded once.</summary>
    public sealed class Context(ShianDb db)
    {
        private WorkingDayCalendar? calendar;
        private IReadOnlyList<Organization.Township>? townships;
        private IReadOnlyList<Organization.Unit>? units;
        private readonly HashSet<string> tickets = [];

        public async Task<WorkingDayCalendar> CalendarAsync(CancellationToken ct) => calendar ??= await db.LoadCalendarAsync(ct);
        public async Task<IReadOnlyList<Organization.Township>> TownshipsAsync(CancellationToken ct) => townships ??= await db.Townships.AsNoTracking().ToListAsync(ct);
        public async Task<IReadOnlyList<Organization.Unit>> UnitsAsync(CancellationToken ct) => units ??= await db.Units.AsNoTracking().Where(u => u.Active).ToListAsync(ct);

        /// <summary>A work order already stored or already in this batch.</summary>
        public async Task<bool> TicketTakenAsync(ComplaintChannel channel, string ticket, CancellationToken ct) =>
            !tickets.Add(channel + ":" + ticket) || await db.Complaints.AnyAsync(c => c.Channel == channel && c.HotlineTicket == ticket, ct);
    }

    /// <summary>Checks and routes one submission without storing it (an import checks every row first).</summary>
    public static async Task<(Complaint? Complaint, IReadOnlyDictionary<string, Problem> Errors)> PrepareAsync(ShianDb db, Complaint.Input input,
        ComplaintChannel channel, ComplaintSettings settings, string by, DateTime now, Context context, CancellationToken ct = default)
    {
        var problems = new Dictionary<string, Problem>();
        // The register decides the business when the submitter picked it, or gave a credit code that is registered.
        var code = Registry.CreditCode.Normalize(input.BusinessCreditCode ?? "");
        var business = input.BusinessId is { } id
            ? await db.Businesses.AsNoTracking().Where(b => b.Id == id).Select(b => new { b.Id, b.TownshipId }).FirstOrDefaultAsync(ct)
            : code.Length == 18
                ? await db.Businesses.AsNoTracking().Where(b => b.CreditCode == code).Select(b => new { b.Id, b.TownshipId }).FirstOrDefaultAsync(ct)
                : null;
        if (input.BusinessId is not null && business is null)
        {
            problems[nameof(Complaint.BusinessId)] = new Problem("Complaint.BusinessNotFound");
        }
        var ticket = (input.HotlineTicket ?? "").Trim();
        if (ticket.Length > 0 && await context.TicketTakenAsync(channel, ticket, ct))
        {
            problems[nameof(Complaint.HotlineTicket)] = new Problem("Complaint.TicketExists", ticket);
        }
        var handler = settings.Routing.Route(input.Field, business?.TownshipId, input.Address ?? "", await context.TownshipsAsync(ct), await context.UnitsAsync(ct));
        var (complaint, errors) = Complaint.Receive(input with { BusinessId = business?.Id }, channel, handler, await context.CalendarAsync(ct), settings.Clocks,
            now, by, await NewTrackingCodeAsync(db, ct));
        foreach (var (field, problem) in errors)
        {
            problems.TryAdd(field, problem);
        }
        return problems.Count > 0 ? (null, problems) : (complaint, problems);
    }

    /// <summary>
    /// The hotline a work order came from, as hotline systems and their exports name it ("12315", "12345", "12315 热线",
    /// the channel's own name), or null for anything else.
    /// </summary>
    public static ComplaintChannel? HotlineChannel(string? text)
    {
        var name = (text ?? "").Trim();
        return name.Contains("12315", StringComparison.Ordinal) ? ComplaintChannel.Hotline12315
            : name.Contains("12345", StringComparison.Ordinal) ? ComplaintChannel.Hotline12345
            : null;
    }

    /// <summary>A fresh code (a collision among 2^59 is not expected, but is checked).</summary>
    private static async Task<string> NewTrackingCodeAsync(ShianDb db, CancellationToken ct)
    {
        while (true)
        {
            var code = TrackingCodes.New();
            if (!await db.Complaints.AnyAsync(c => c.TrackingCode == code, ct))
            {
                return code;
            }
        }
    }

    /// <summary>Open complaints that look like duplicates of this one (same business, similar content, within the window).</summary>
    public static async Task<IReadOnlyList<Complaint>> DuplicatesOfAsync(IQueryable<Complaint> visible, Complaint complaint, ComplaintDuplicates rule, CancellationToken ct = default)
    {
        var from = complaint.ReceivedOn.AddDays(-rule.WindowDays);
        var to = complaint.ReceivedOn.AddDays(rule.WindowDays);
        var candidates = await visible.AsNoTracking()
            .Where(c => c.Id != complaint.Id && c.Status != ComplaintStatus.Merged && c.ReceivedOn >= from && c.ReceivedOn <= to)
            .Where(c => complaint.BusinessId != null ? c.BusinessId == complaint.BusinessId
                : complaint.BusinessCreditCode != null ? c.BusinessCreditCode == complaint.BusinessCreditCode
                : c.BusinessName == complaint.BusinessName)
            .OrderBy(c => c.ReceivedAt).Take(50)
            .ToListAsync(ct);
        return candidates.Where(c => rule.AreDuplicates(complaint, c)).ToList();
    }
}
