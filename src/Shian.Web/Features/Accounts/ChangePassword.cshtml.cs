using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Shian.Accounts;
using Shian.Web.Infrastructure;

namespace Shian.Web.Features.Accounts;

/// <summary>修改密码 for any signed-in user; the current password is required and the policy applies.</summary>
[Authorize(Policy = Policies.SignedIn)]
public class ChangePasswordModel(UserManager<ShianUser> users, SignInManager<ShianUser> signIn, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed class InputModel
    {
        [Required(ErrorMessage = "Validation.Required")]
        [Display(Name = "Password.Current")]
        public string Current { get; set; } = "";

        [Required(ErrorMessage = "Validation.Required")]
        [Display(Name = "Password.New")]
        public string New { get; set; } = "";

        [Required(ErrorMessage = "Validation.Required")]
        [Compare(nameof(New), ErrorMessage = "Password.Mismatch")]
        [Display(Name = "Password.Confirm")]
        public string Confirm { get; set; } = "";
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public bool Done { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        var result = await users.ChangePasswordAsync(user, Input.Current, Input.New);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                var field = error.Code == "PasswordMismatch" ? "Input.Current" : "Input.New";
                ModelState.AddModelError(field, IdentityMessages.Describe(error, l));
            }
            return Page();
        }
        await signIn.RefreshSignInAsync(user);
        Done = true;
        Input = new InputModel();
        return Page();
    }
}
