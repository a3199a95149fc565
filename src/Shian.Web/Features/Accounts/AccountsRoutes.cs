namespace Shian.Web.Features.Accounts;

/// <summary>
/// The accounts module's addresses (signing in and out, users, API keys), for links, redirects and the cookie options;
/// the pages' <c>@page</c> templates are the other half.
/// </summary>
public static class AccountsRoutes
{
    public const string Login = "/account/login";
    public const string Logout = "/account/logout";
    public const string AccessDenied = "/account/access-denied";
    public const string ChangePassword = "/account/password";
    public const string Users = "/admin/users";
    public const string NewUser = "/admin/users/edit";
    public const string ApiKeys = "/admin/api-keys";

    public static string EditUser(Guid id) => $"{NewUser}/{id}";
}
