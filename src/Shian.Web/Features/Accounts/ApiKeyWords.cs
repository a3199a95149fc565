using Shian.Accounts;

namespace Shian.Web.Features.Accounts;

/// <summary>The form field a refused key belongs to (both key pages share the form's shape).</summary>
public static class ApiKeyWords
{
    public static string Field(ApiKeyIssue.Outcome outcome) => outcome.Field.Length == 0 ? "" : "Input." + outcome.Field;
}
