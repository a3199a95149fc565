using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Shian.Accounts;
using Shian.Data;
using Shian.Web.Features.Accounts;
using Shian.Web.Infrastructure;

namespace Shian.Web.Features.Traceability;

/// <summary>
/// 追溯数据接口: an operator issues and revokes its own EPCIS keys (capture and query scopes only) and reads how to
/// send events. The key is shown once and stored hashed, as on the administrators' page.
/// </summary>
[Authorize(Policy = Policies.Operator)]
public class EpcisKeysModel(ShianDb db, CurrentUser user, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public static readonly IReadOnlyList<string> Scopes = [ApiScopes.EpcisCapture, ApiScopes.EpcisQuery];

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Validation.Required")]
        [StringLength(100, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "ApiKey.Name")]
        public string Name { get; set; } = "";

        public List<string> Scopes { get; set; } = [ApiScopes.EpcisCapture, ApiScopes.EpcisQuery];

        /// <summary>Optional: one of the operator's businesses (its id), to bind the key to.</summary>
        public string? Business { get; set; }
    }

    public sealed record KeyRow(Guid Id, string Name, string Hint, string Scopes, string? Business, DateTime CreatedAt, DateTime? LastUsedAt, DateTime? RevokedAt);

    public sealed record BusinessRow(Guid Id, string Name, string CreditCode);

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public IReadOnlyList<KeyRow> Keys { get; private set; } = [];
    public IReadOnlyList<BusinessRow> Businesses { get; private set; } = [];
    public string? NewSecret { get; private set; }

    /// <summary>The host the curl example names (the address the operator opened the page on).</summary>
    public string BaseUrl => $"{Request.Scheme}://{Request.Host}";

    public Task OnGetAsync() => LoadAsync();

    public async Task<IActionResult> OnPostCreateAsync()
    {
        if (ModelState.IsValid)
        {
            var outcome = await ApiKeyIssue.IssueAsync(db, new(user.Id!.Value, Input.Name ?? "", Input.Scopes, Input.Business),
                Scopes, clock.GetUtcNow().UtcDateTime);
            if (outcome.Problem is { } problem)
            {
                ModelState.AddProblem(ApiKeyWords.Field(outcome), problem, l);
            }
            else
            {
                await db.SaveChangesAsync();
                NewSecret = outcome.Secret; // shown once on this response, never again
                Input = new InputModel();
                ModelState.Clear();
            }
        }
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid keyId)
    {
        var me = user.Id!.Value;
        var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == keyId && k.UserId == me);
        if (key is null)
        {
            return NotFound();
        }
        if (key.Revoke(clock.GetUtcNow().UtcDateTime) is null)
        {
            await db.SaveChangesAsync();
        }
        return RedirectToPage();
    }

    private async Task LoadAsync()
    {
        var me = user.Id!.Value;
        Keys = await db.ApiKeys.AsNoTracking().Where(k => k.UserId == me).OrderByDescending(k => k.CreatedAt)
            .Select(k => new KeyRow(k.Id, k.Name, k.Hint, k.Scopes, db.Businesses.Where(b => b.Id == k.BusinessId).Select(b => b.Name).FirstOrDefault(),
                k.CreatedAt, k.LastUsedAt, k.RevokedAt)).ToListAsync();
        var own = (await user.ScopeAsync()).BusinessIds.ToList();
        Businesses = await db.Businesses.AsNoTracking().Where(b => own.Contains(b.Id)).OrderBy(b => b.Name)
            .Select(b => new BusinessRow(b.Id, b.Name, b.CreditCode)).ToListAsync();
    }
}
