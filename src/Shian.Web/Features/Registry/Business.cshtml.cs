using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Shian.Audit;
using Shian.Data;
using Shian.Registry;
using Shian.Web.Infrastructure;

namespace Shian.Web.Features.Registry;

/// <summary>
/// One business: who it is, where, what it does, and its history from the audit trail. Staff see it within their scope;
/// an operator sees only the businesses of their account.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public class BusinessModel(ShianDb db, CurrentUser user, IAuthorizationService authorization, TimeProvider clock, IStringLocalizer<SharedResource> l,
    Shian.Complaints.ComplaintSettings complaintSettings) : PageModel
{
    public sealed record Change(string Field, string? Before, string? After);

    public sealed record HistoryEntry(DateTime At, string Actor, AuditAction Action, IReadOnlyList<Change> Changes);

    public Business? Record { get; private set; }
    public string Township { get; private set; } = "";
    public IReadOnlyList<HistoryEntry> History { get; private set; } = [];
    public RegistryRights Rights { get; private set; } = null!;
    public IReadOnlyList<Licence> Licences { get; private set; } = [];

    /// <summary>For licences issued on commitment and not yet verified: the verification deadline (working days).</summary>
    public IReadOnlyDictionary<Guid, DateOnly> VerifyBy { get; private set; } = new Dictionary<Guid, DateOnly>();

    /// <summary>告知承诺 on-site verification: the licence conforms, or is revoked.</summary>
    public async Task<IActionResult> OnPostVerifyAsync(Guid id, Guid licenceId, bool conforms)
    {
        if (!(await RegistryRights.ForAsync(User, user, authorization)).MayEdit)
        {
            return Forbid();
        }
        var scope = await user.ScopeAsync();
        var licence = await db.Licences.FirstOrDefaultAsync(l => l.Id == licenceId && l.BusinessId == id);
        if (licence is null || !await db.Businesses.VisibleTo(scope).AnyAsync(b => b.Id == id))
        {
            return NotFound();
        }
        if (licence.RecordVerification(conforms, Shian.Common.ShianTime.LocalDate(clock.GetUtcNow().UtcDateTime)) is { } refusal)
        {
            ModelState.AddProblem(string.Empty, refusal, l);
            return await OnGetAsync(id);
        }
        await db.SaveChangesAsync();
        return Redirect(RegistryRoutes.Business(id));
    }

    /// <summary>
    /// A decision on a licence: suspend (暂停), reinstate (恢复), revoke (撤销) or cancel (注销), with its reason and the date it
    /// takes effect. The licence refuses an illegal change (revoked and cancelled are final) and says why.
    /// </summary>
    public async Task<IActionResult> OnPostStatusAsync(Guid id, Guid licenceId, string? to, string? reason, DateOnly? effectiveOn)
    {
        if (!(await RegistryRights.ForAsync(User, user, authorization)).MayEdit)
        {
            return Forbid();
        }
        var scope = await user.ScopeAsync();
        var licence = await db.Licences.FirstOrDefaultAsync(l => l.Id == licenceId && l.BusinessId == id);
        if (licence is null || !await db.Businesses.VisibleTo(scope).AnyAsync(b => b.Id == id))
        {
            return NotFound();
        }
        var today = Shian.Common.ShianTime.LocalDate(clock.GetUtcNow().UtcDateTime);
        var refusal = !Enum.TryParse<LicenceStatus>(to, ignoreCase: false, out var status)
            ? l["Licence.ChooseStatus"].Value
            : effectiveOn is not { } on
                ? l["Licence.EffectiveOnRequired"].Value
                : licence.ChangeStatus(status, reason, on, today) is { } refused ? l.Word(refused) : null;
        if (refusal is not null)
        {
            ModelState.AddModelError(string.Empty, $"{licence.Number}：{refusal}");
            return await OnGetAsync(id);
        }
        await db.SaveChangesAsync(); // through EF: the audit trail records the old and new status, reason and date
        return Redirect(RegistryRoutes.Business(id));
    }

    public DateOnly Today { get; private set; }

    /// <summary>Complaints and reports in the last twelve months when they reach the threshold (supervisors only: a count an operator is not shown).</summary>
    public int? RepeatedComplaints { get; private set; }

    /// <summary>The listing that puts the business on the serious-violation list today, if any.</summary>
    public Shian.Credit.SeriousViolation? SeriousListing { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        Rights = await RegistryRights.ForAsync(User, user, authorization);
        if (!Rights.MayOpen)
        {
            return Forbid(); // a laboratory: the access-denied page
        }
        Record = await db.Businesses.AsNoTracking().VisibleTo(await user.ScopeAsync()).FirstOrDefaultAsync(b => b.Id == id);
        if (Record is null)
        {
            return NotFound(); // not "forbidden": whether a business exists outside one's scope is not disclosed
        }
        Township = await db.Townships.Where(t => t.Id == Record.TownshipId).Select(t => t.Name).SingleAsync();
        Today = Shian.Common.ShianTime.LocalDate(clock.GetUtcNow().UtcDateTime);
        SeriousListing = await Shian.Credit.CreditFlags.HoldingOn(db, Today).FirstOrDefaultAsync(v => v.BusinessId == id);
        if ((await user.ScopeAsync()).Supervises)
        {
            var repeated = await Shian.Complaints.RepeatedComplaints.AmongAsync(db, [id], Today, complaintSettings.RepeatedThreshold);
            RepeatedComplaints = repeated.TryGetValue(id, out var count) ? count : null;
        }
        Licences = await db.Licences.AsNoTracking().Where(l => l.BusinessId == id).OrderByDescending(l => l.IssuedOn).ToListAsync();
        if (Licences.Any(l => l.ByCommitment && l.CommitmentVerifiedOn is null))
        {
            var calendar = await db.LoadCalendarAsync();
            VerifyBy = Licences.Where(l => l.ByCommitment && l.CommitmentVerifiedOn is null)
                .ToDictionary(l => l.Id, l => calendar.AddWorkingDays(l.IssuedOn, Licence.CommitmentVerificationDays));
        }
        var key = id.ToString();
        var entries = await db.AuditEntries.AsNoTracking().Where(a => a.Entity == nameof(Business) && a.EntityId == key)
            .OrderByDescending(a => a.Sequence).Take(100).ToListAsync();
        History = entries.Select(a => new HistoryEntry(a.At, a.Actor, a.Action, Changes(a))).ToList();
        return Page();
    }

    /// <summary>The fields an audit row changed, old and new, leaving out bookkeeping.</summary>
    private static List<Change> Changes(AuditEntry entry)
    {
        var before = Values(entry.OldValues);
        var after = Values(entry.NewValues);
        return before.Keys.Union(after.Keys).Where(k => k is not (nameof(Business.Id) or nameof(Business.CreatedAt)))
            .Select(k => new Change(k, before.GetValueOrDefault(k), after.GetValueOrDefault(k)))
            .Where(c => c.Before != c.After && !(entry.Action == AuditAction.Insert && string.IsNullOrEmpty(c.After)))
            .ToList();

        static Dictionary<string, string?> Values(string? json) => json is null ? []
            : JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json)!
                .ToDictionary(kv => kv.Key, kv => kv.Value.ValueKind == JsonValueKind.Null ? null : kv.Value.ToString());
    }
}
