using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Shian.Accounts;
using Shian.Data;
using Shian.Web.Infrastructure;

namespace Shian.Web.Features.Accounts;

/// <summary>API 密钥: keys for machine access, issued to an account with scopes; shown once, stored hashed, revocable.</summary>
[Authorize(Policy = Policies.Admin)]
public class ApiKeysModel(ShianDb db, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed class InputModel
    {
        [Required(ErrorMessage = "Validation.Required")]
        [Display(Name = "ApiKey.User")]
        public Guid? UserId { get; set; }

        [Required(ErrorMessage = "Validation.Required")]
        [StringLength(100, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "ApiKey.Name")]
        public string Name { get; set; } = "";

        public List<string> Scopes { get; set; } = [];

        /// <summary>Optional: the credit code of one business the account operates, to bind the key to.</summary>
        [StringLength(64, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "ApiKey.Business")]
        public string? Business { get; set; }
    }

    public sealed record UserOption(Guid Id, string UserName, string DisplayName);

    public sealed record KeyRow(Guid Id, string Name, string UserName, string Hint, string Scopes, DateTime CreatedAt, DateTime? LastUsedAt, DateTime? RevokedAt);

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public IReadOnlyList<UserOption> Users { get; private set; } = [];
    public IReadOnlyList<KeyRow> Keys { get; private set; } = [];
    public string? NewSecret { get; private set; }

    public Task OnGetAsync() => LoadAsync();

    public async Task<IActionResult> OnPostCreateAsync()
    {
        if (ModelState.IsValid)
        {
            var outcome = await ApiKeyIssue.IssueAsync(db, new(Input.UserId!.Value, Input.Name ?? "", Input.Scopes, Input.Business),
                ApiScopes.All, clock.GetUtcNow().UtcDateTime);
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
        var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == keyId);
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
        Users = await db.Users.AsNoTracking().OrderBy(u => u.UserName)
            .Select(u => new UserOption(u.Id, u.UserName!, u.DisplayName)).ToListAsync();
        Keys = await db.ApiKeys.AsNoTracking()
            .OrderByDescending(k => k.CreatedAt)
            .Select(k => new KeyRow(k.Id, k.Name, db.Users.Where(u => u.Id == k.UserId).Select(u => u.UserName!).First(),
                k.Hint, k.Scopes, k.CreatedAt, k.LastUsedAt, k.RevokedAt))
            .ToListAsync();
    }
}
