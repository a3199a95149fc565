using Microsoft.AspNetCore.Authorization;

namespace Shian.Web.Infrastructure;

/// <summary>
/// Whether the signed-in user meets a named policy: what page models ask instead of <c>User.IsInRole</c>, so that the
/// roles behind each right are written once, in <see cref="Policies"/>, and rights records and views read the answer.
/// </summary>
public static class PolicyChecks
{
    public static async Task<bool> MeetsAsync(this HttpContext http, string policy) =>
        (await http.RequestServices.GetRequiredService<IAuthorizationService>().AuthorizeAsync(http.User, policy)).Succeeded;
}
