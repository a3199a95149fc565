using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Shian.Web.Infrastructure;

namespace Shian.Web.Features.Home;

/// <summary>我的企业: an operator's home. Lists only the businesses linked to this account.</summary>
[Authorize(Policy = Policies.Operator)]
public class OperatorHomeModel(CurrentUser user) : PageModel
{
    public string DisplayName { get; private set; } = "";
    public int BusinessCount { get; private set; }

    public async Task OnGetAsync()
    {
        DisplayName = user.Principal.FindFirst(ShianClaims.DisplayName)?.Value ?? user.Name;
        BusinessCount = (await user.ScopeAsync()).BusinessIds.Count;
    }
}
