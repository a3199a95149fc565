using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Shian.Accounts;
using Shian.Common;
using Shian.Complaints;
using Shian.Data;
using Shian.Grain;
using Shian.Inspections;
using Shian.Rectification;
using Shian.Registry;
using Shian.Sampling;
using Shian.Schools;
using Shian.Web.Features.Sampling;

namespace Shian.Web.Infrastructure;

/// <summary>
/// Who may open a stored file: one rule per owner kind, each the rule of the record the file belongs to (its module's
/// policy, then its visibility filter: <c>SampleScope</c>, <c>RectificationScope</c>, <c>SchoolScope</c>...). A file whose
/// record the user may not see answers 404, as the record's page does; a kind without a rule (a checked import waiting
/// for its confirmation) is never opened. <c>/files/{id}</c> and the pages' own download handlers all ask here.
/// </summary>
public static class FileRules
{
    public enum Verdict { Open, NotFound, Forbidden }

    /// <summary>What a rule reads: the database, the user's scope and their policies.</summary>
    public sealed record Reader(ShianDb Db, AccessScope Scope, Func<string, Task<bool>> MeetsAsync, CancellationToken Ct);

    private sealed record Rule(string Policy, Func<Reader, Guid, Task<bool>> SeesOwnerAsync, Verdict WhenUnseen = Verdict.NotFound);

    private static Task<bool> Everyone(Reader _, Guid __) => Task.FromResult(true);

    private static readonly Dictionary<string, Rule> Rules = new()
    {
        // Plan work is open to all staff, as the plan pages are.
        [FileOwners.TaskReport] = new(Policies.Staff, Everyone),
        [FileOwners.IndicatorValue] = new(Policies.Staff, Everyone),
        // An inspection photo belongs to an inspection item: whoever may see the inspection.
        [FileOwners.InspectionPhoto] = new(Policies.SignedIn, (r, owner) =>
            r.Db.Inspections.VisibleTo(r.Scope).SelectMany(i => i.Items.Select(x => x.Id)).ContainsAsync(owner, r.Ct)),
        [FileOwners.RectificationResponse] = new(Policies.Rectification, (r, owner) =>
            r.Db.RectificationOrders.VisibleTo(r.Scope).AnyAsync(o => o.Id == owner, r.Ct)),
        [FileOwners.SchoolMealPhoto] = new(Policies.SchoolMeals, (r, owner) =>
            r.Db.SchoolMealRecords.VisibleTo(r.Scope).AnyAsync(m => m.Id == owner, r.Ct)),
        [FileOwners.ImportDisposalEvidence] = new(Policies.Grain, (r, owner) =>
            r.Db.ImportedFoodChecks.VisibleTo(r.Scope).AnyAsync(c => c.Id == owner, r.Ct)),
        // A sample's report only to those who see its results; its signature to whoever sees the sample.
        [FileOwners.SampleReport] = new(Policies.Samples, async (r, owner) =>
            await r.Db.Samples.AsNoTracking().VisibleTo(r.Scope).FirstOrDefaultAsync(s => s.Id == owner, r.Ct) is { } sample && r.Scope.ShowsResults(sample)),
        [FileOwners.SampleSignature] = new(Policies.Samples, (r, owner) => r.Db.Samples.VisibleTo(r.Scope).AnyAsync(s => s.Id == owner, r.Ct)),
        [FileOwners.SampleFailureEvidence] = new(Policies.SampleFailures, SeesFailureAsync),
        [FileOwners.SampleFailureObjection] = new(Policies.SampleFailures, SeesFailureAsync),
        [FileOwners.SampleReinspectionReport] = new(Policies.SampleFailures, SeesFailureAsync),
        // Credit-repair evidence (owner: the removal request): supervision staff, who see every listing, and the operator
        // whose business is listed.
        [FileOwners.CreditRepair] = new(Policies.SignedIn, async (r, owner) =>
        {
            var business = r.Db.SeriousViolationRemovals.Where(x => x.Id == owner)
                .Join(r.Db.SeriousViolations, x => x.SeriousViolationId, v => v.Id, (_, v) => v.BusinessId);
            if (!await business.AnyAsync(r.Ct))
            {
                return false;
            }
            return await r.MeetsAsync(Policies.Supervision)
                || (await r.MeetsAsync(Policies.Operator) && await r.Db.Businesses.VisibleTo(r.Scope).AnyAsync(b => business.Contains(b.Id), r.Ct));
        }),
        // A submitter's evidence may show who they are: only those who may see the informant (the handling unit, the office).
        [FileOwners.ComplaintEvidence] = new(Policies.Staff, async (r, owner) =>
            await r.Db.Complaints.AsNoTracking().VisibleTo(r.Scope).FirstOrDefaultAsync(c => c.Id == owner, r.Ct) is { } complaint
            && r.Scope.MaySeeInformant(complaint, await r.MeetsAsync(Policies.Office))),
        // The signed mediation record names the complainant: the handling unit, the office, and the business it was
        // released to (a party that signed it), not a district inspector who reads the complaint masked.
        [FileOwners.ComplaintMediationRecord] = new(Policies.SignedIn, async (r, owner) =>
            await r.Db.Complaints.AsNoTracking().VisibleTo(r.Scope).FirstOrDefaultAsync(c => c.Id == owner, r.Ct) is { } complaint
            && r.Scope.MaySeeMediationRecord(complaint, await r.MeetsAsync(Policies.Office))),
    };

    private static Task<bool> SeesFailureAsync(Reader r, Guid owner) => r.Db.SampleFailures.VisibleTo(r.Scope).AnyAsync(f => f.Id == owner, r.Ct);

    /// <summary>Whether the user may open a file of this kind and owner.</summary>
    public static async Task<Verdict> CheckAsync(Reader reader, string ownerKind, Guid ownerId)
    {
        if (!Rules.TryGetValue(ownerKind, out var rule))
        {
            return Verdict.Forbidden;
        }
        if (!await reader.MeetsAsync(rule.Policy))
        {
            return Verdict.Forbidden;
        }
        return await rule.SeesOwnerAsync(reader, ownerId) ? Verdict.Open : rule.WhenUnseen;
    }

    /// <summary>A stored file opened for the request's user.</summary>
    public sealed record Opened(byte[] Content, string ContentType, string FileName);

    /// <summary>
    /// Opens a file for the request's user under its owner kind's rule; a page's handler may narrow it to the kinds and the
    /// owner it shows (a file of another record answers 404 there).
    /// </summary>
    public static async Task<(Verdict Verdict, Opened? File)> OpenAsync(HttpContext http, Guid fileId, Guid? owner = null, params string[] kinds)
    {
        var services = http.RequestServices;
        var db = services.GetRequiredService<ShianDb>();
        var head = await db.StoredFiles.AsNoTracking().Where(f => f.Id == fileId)
            .Select(f => new { f.OwnerKind, f.OwnerId }).FirstOrDefaultAsync(http.RequestAborted);
        if (head is null || (owner is { } o && head.OwnerId != o) || (kinds.Length > 0 && !kinds.Contains(head.OwnerKind)))
        {
            return (Verdict.NotFound, null);
        }
        var scope = await services.GetRequiredService<CurrentUser>().ScopeAsync();
        var verdict = await CheckAsync(new Reader(db, scope, http.MeetsAsync, http.RequestAborted), head.OwnerKind, head.OwnerId);
        if (verdict != Verdict.Open)
        {
            return (verdict, null);
        }
        var file = await db.StoredFiles.AsNoTracking().Where(f => f.Id == fileId)
            .Select(f => new Opened(f.Content, f.ContentType, f.FileName)).SingleAsync(http.RequestAborted);
        return (Verdict.Open, file);
    }

    /// <summary>The answer of a page's download handler: the file (named for saving, or inline for a photo), 404 or 403.</summary>
    public static IActionResult ToActionResult(this (Verdict Verdict, Opened? File) opened, bool inline = false) => opened switch
    {
        (Verdict.Open, { } file) when inline => new FileContentResult(file.Content, file.ContentType),
        (Verdict.Open, { } file) => new FileContentResult(file.Content, file.ContentType) { FileDownloadName = file.FileName },
        (Verdict.Forbidden, _) => new ForbidResult(),
        _ => new NotFoundResult(),
    };
}
