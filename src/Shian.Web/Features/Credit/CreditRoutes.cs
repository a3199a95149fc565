namespace Shian.Web.Features.Credit;

/// <summary>
/// The credit module's addresses (the serious-violation list, the red and black lists, credit repair), for links and
/// redirects; the pages' <c>@page</c> templates are the other half.
/// </summary>
public static class CreditRoutes
{
    public const string Serious = "/credit/serious";
    public const string NewSerious = "/credit/serious/new";
    public const string SeriousPendingRemoval = "/credit/serious?pending=true";
    public const string RedBlack = "/credit/redblack";
    public const string RedBlackRules = "/credit/redblack/rules";
    public const string Repair = "/credit/repair";

    public static string SeriousListing(Guid id) => $"{Serious}/{id}";
    public static string RedBlackList(Guid id) => $"{RedBlack}/{id}";
}
