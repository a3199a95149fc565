using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Shian.Accounts;
using Shian.Web.Infrastructure;

namespace Shian.Web.Features.Accounts;

/// <summary>退出: signing out is a POST with an antiforgery token, so a link elsewhere cannot sign a user out.</summary>
[Authorize(Policy = Policies.SignedIn)]
public class LogoutModel(SignInManager<ShianUser> signIn) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutAsync();
        return LocalRedirect(AccountsRoutes.Login);
    }
}
