using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Shian.Accounts;
using Shian.Web.Infrastructure;

namespace Shian.Web.Features.Accounts;

/// <summary>登录: the page an anonymous visitor reaches from any staff page. Repeated failures lock the account.</summary>
[AllowAnonymous]
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(RateLimits.SignIn)]
public class LoginModel(SignInManager<ShianUser> signIn, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed class InputModel
    {
        [Required(ErrorMessage = "Validation.Required")]
        [Display(Name = "Login.UserName")]
        public string UserName { get; set; } = "";

        [Required(ErrorMessage = "Validation.Required")]
        [Display(Name = "Login.Password")]
        public string Password { get; set; } = "";

        public bool RememberMe { get; set; }
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public IActionResult OnGet() =>
        User.Identity?.IsAuthenticated == true ? LocalRedirect(Frame.HomeFor(User)) : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var result = await signIn.PasswordSignInAsync(Input.UserName.Trim(), Input.Password, Input.RememberMe, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            if (Url.IsLocalUrl(ReturnUrl) && ReturnUrl != "/")
            {
                return LocalRedirect(ReturnUrl);
            }
            var user = await signIn.UserManager.FindByNameAsync(Input.UserName.Trim());
            var principal = await signIn.CreateUserPrincipalAsync(user!);
            return LocalRedirect(Frame.HomeFor(principal));
        }
        // A locked account gets the wrong password's answer: the page must not tell a stranger which names exist.
        ModelState.AddModelError(string.Empty, l["Login.Failed"]);
        return Page();
    }
}
