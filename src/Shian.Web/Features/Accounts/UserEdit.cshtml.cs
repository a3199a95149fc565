using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Shian.Accounts;
using Shian.Data;
using Shian.Web.Infrastructure;

namespace Shian.Web.Features.Accounts;

/// <summary>
/// Creates an account or changes one: its role, the unit or township it belongs to, a password reset and unlocking.
/// Each account has one role; its scope follows from the role and the attachment.
/// </summary>
[Authorize(Policy = Policies.Admin)]
public class UserEditModel(ShianDb db, UserManager<ShianUser> users, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed class InputModel
    {
        [Required(ErrorMessage = "Validation.Required")]
        [RegularExpression(@"^[A-Za-z0-9._@-]{2,64}$", ErrorMessage = "User.UserNameInvalid")]
        [Display(Name = "Login.UserName")]
        public string UserName { get; set; } = "";

        [Required(ErrorMessage = "Validation.Required")]
        [StringLength(100, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "User.DisplayName")]
        public string DisplayName { get; set; } = "";

        [Required(ErrorMessage = "Validation.Required")]
        [Display(Name = "User.Role")]
        public string Role { get; set; } = Roles.Inspector;

        public Guid? UnitId { get; set; }
        public Guid? TownshipId { get; set; }

        [Display(Name = "Login.Password")]
        public string? Password { get; set; }
    }

    public sealed record Option(Guid Id, string Name);

    [BindProperty(SupportsGet = true)]
    public Guid? Id { get; set; }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public IReadOnlyList<Option> Units { get; private set; } = [];
    public IReadOnlyList<Option> Townships { get; private set; } = [];
    public DateTimeOffset? LockedUntil { get; private set; }
    public bool IsSelf => Id?.ToString() == users.GetUserId(User);
    public bool IsDisabled => LockedUntil?.Year > 9000;
    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        await LoadOptionsAsync();
        if (Id is null)
        {
            return Page();
        }
        var user = await users.FindByIdAsync(Id.Value.ToString());
        if (user is null)
        {
            return NotFound();
        }
        Input = new InputModel
        {
            UserName = user.UserName!, DisplayName = user.DisplayName, UnitId = user.UnitId, TownshipId = user.TownshipId,
            Role = (await users.GetRolesAsync(user)).FirstOrDefault() ?? Roles.Inspector,
        };
        LockedUntil = user.LockoutEnd;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await LoadOptionsAsync();
        var user = Id is null ? null : await users.FindByIdAsync(Id.Value.ToString());
        if (Id is not null && user is null)
        {
            return NotFound();
        }
        Validate(user);
        if (!string.IsNullOrEmpty(Input.Password))
        {
            // Checked up front so that every problem with the form is reported at once.
            foreach (var validator in users.PasswordValidators)
            {
                var checkedPassword = await validator.ValidateAsync(users, user ?? new ShianUser(), Input.Password);
                foreach (var error in checkedPassword.Errors)
                {
                    ModelState.AddModelError("Input.Password", IdentityMessages.Describe(error, l));
                }
            }
        }
        if (!ModelState.IsValid)
        {
            LockedUntil = user?.LockoutEnd;
            return Page();
        }

        // One transaction: a failed role change or password must not leave half an account behind.
        await using var transaction = await db.Database.BeginTransactionAsync();
        IdentityResult result;
        if (user is null)
        {
            user = new ShianUser { UserName = Input.UserName.Trim(), CreatedAt = clock.GetUtcNow().UtcDateTime };
            Apply(user);
            result = await users.CreateAsync(user, Input.Password!);
        }
        else
        {
            Apply(user);
            result = await users.UpdateAsync(user);
            if (result.Succeeded && !string.IsNullOrEmpty(Input.Password))
            {
                var token = await users.GeneratePasswordResetTokenAsync(user);
                result = await users.ResetPasswordAsync(user, token, Input.Password);
            }
        }
        if (result.Succeeded)
        {
            var current = await users.GetRolesAsync(user);
            if (!current.SequenceEqual([Input.Role]))
            {
                result = await users.RemoveFromRolesAsync(user, current);
                if (result.Succeeded)
                {
                    result = await users.AddToRoleAsync(user, Input.Role);
                }
            }
        }
        if (!result.Succeeded)
        {
            await transaction.RollbackAsync();
            foreach (var error in result.Errors)
            {
                var field = error.Code.StartsWith("Password", StringComparison.Ordinal) ? "Input.Password"
                    : error.Code.Contains("UserName", StringComparison.Ordinal) ? "Input.UserName" : string.Empty;
                ModelState.AddModelError(field, IdentityMessages.Describe(error, l));
            }
            return Page();
        }
        await transaction.CommitAsync();
        return Redirect(AccountsRoutes.Users);
    }

    /// <summary>停用: a disabled account is locked for good (until unlocked) and keeps its history.</summary>
    public async Task<IActionResult> OnPostDisableAsync()
    {
        var user = Id is null ? null : await users.FindByIdAsync(Id.Value.ToString());
        if (user is null)
        {
            return NotFound();
        }
        if (user.Id.ToString() == users.GetUserId(User))
        {
            return BadRequest(); // an administrator cannot shut themselves out
        }
        await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue);
        await users.UpdateSecurityStampAsync(user); // signs the account out everywhere
        return Redirect(AccountsRoutes.EditUser(user.Id));
    }

    public async Task<IActionResult> OnPostUnlockAsync()
    {
        var user = Id is null ? null : await users.FindByIdAsync(Id.Value.ToString());
        if (user is null)
        {
            return NotFound();
        }
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        return Redirect(AccountsRoutes.EditUser(user.Id));
    }

    private void Validate(ShianUser? existing)
    {
        if (!Roles.All.Contains(Input.Role))
        {
            ModelState.AddModelError("Input.Role", l["Validation.Invalid", l["User.Role"]]);
            return;
        }
        if (existing is null && string.IsNullOrEmpty(Input.Password))
        {
            ModelState.AddModelError("Input.Password", l["Validation.Required", l["Login.Password"]]);
        }
        if (existing is not null)
        {
            Input.UserName = existing.UserName!; // the login name never changes: the audit trail refers to it
            if (existing.Id.ToString() == users.GetUserId(User) && Input.Role != Roles.Admin)
            {
                ModelState.AddModelError("Input.Role", l["User.KeepOwnAdmin"]);
            }
        }
        if (Input.UnitId is { } unit && !Units.Any(u => u.Id == unit))
        {
            ModelState.AddModelError("Input.UnitId", l["Validation.Invalid", l["User.Unit"]]);
        }
        if (Input.TownshipId is { } township && !Townships.Any(t => t.Id == township))
        {
            ModelState.AddModelError("Input.TownshipId", l["Validation.Invalid", l["User.Township"]]);
        }
        switch (RoleAttachments.Missing(Input.Role, Input.UnitId, Input.TownshipId))
        {
            case "unit":
                ModelState.AddModelError("Input.UnitId", l["User.UnitRequired", l["Role." + Input.Role]]);
                break;
            case "township":
                ModelState.AddModelError("Input.TownshipId", l["User.TownshipRequired", l["Role." + Input.Role]]);
                break;
        }
    }

    private void Apply(ShianUser user)
    {
        user.DisplayName = Input.DisplayName.Trim();
        // Only the attachment the role uses is kept, so a changed role cannot carry a stale scope.
        user.UnitId = Input.Role is Roles.Department or Roles.Laboratory or Roles.Inspector or Roles.Office ? Input.UnitId : null;
        user.TownshipId = Input.Role is Roles.Township or Roles.Inspector ? Input.TownshipId : null;
    }

    private async Task LoadOptionsAsync()
    {
        Units = await db.Units.AsNoTracking().Where(u => u.Active).OrderBy(u => u.Name).Select(u => new Option(u.Id, u.Name)).ToListAsync();
        Townships = await db.Townships.AsNoTracking().Where(t => t.Active).OrderBy(t => t.Code).Select(t => new Option(t.Id, t.Name)).ToListAsync();
    }
}
