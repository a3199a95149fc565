using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Shian.Web.Infrastructure;

public static class ModelStateExtensions
{
    /// <summary>
    /// For pages with several forms: keeps only the validation of the form that was posted (its property prefix),
    /// since every bound property is validated on every post.
    /// </summary>
    public static bool IsValidFor(this ModelStateDictionary modelState, string prefix)
    {
        foreach (var key in modelState.Keys.Where(k => k.Length > 0 && !k.StartsWith(prefix + ".", StringComparison.Ordinal)).ToList())
        {
            modelState.Remove(key);
        }
        return modelState.IsValid;
    }
}
