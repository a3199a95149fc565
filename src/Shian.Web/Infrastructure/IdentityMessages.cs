using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace Shian.Web.Infrastructure;

/// <summary>Identity's error codes in the user's language (Identity itself only speaks English).</summary>
public static class IdentityMessages
{
    public static string Describe(IdentityError error, IStringLocalizer<SharedResource> l)
    {
        // Identity has codes we do not translate; its own English then stands.
        return l.Optional("Identity." + error.Code) ?? error.Description;
    }
}
