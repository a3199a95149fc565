using Microsoft.Extensions.Localization;
using Shian.Accounts;

namespace Shian.Web.Features.Accounts;

/// <summary>The words for a refused key, and the form field each refusal belongs to (both key pages share them).</summary>
public static class ApiKeyWords
{
    public static string Field(ApiKeyProblem problem) => problem switch
    {
        ApiKeyProblem.NameRequired or ApiKeyProblem.NameTaken => "Input.Name",
        ApiKeyProblem.ScopeRequired or ApiKeyProblem.ScopeUnknown => "Input.Scopes",
        ApiKeyProblem.UserUnknown => "Input.UserId",
        ApiKeyProblem.BusinessNotOperated => "Input.Business",
        _ => "",
    };

    public static string Describe(IStringLocalizer l, ApiKeyProblem problem, string? detail) => problem switch
    {
        ApiKeyProblem.NameRequired => l["Validation.Required", l["ApiKey.Name"]],
        ApiKeyProblem.UserUnknown => l["Validation.Invalid", l["ApiKey.User"]],
        _ => l["ApiKey." + problem, detail ?? ""],
    };
}
