using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;
using Shian.Common;

namespace Shian.Web.Infrastructure;

/// <summary>The web's side of the one localisation path: a domain <see cref="Problem"/> worded in the user's language.</summary>
public static class ProblemText
{
    /// <summary>The problem's text from <c>Problem.{Code}</c> in the current UI culture.</summary>
    public static string Word(this IStringLocalizer l, Problem problem) =>
        ProblemWording.Word(problem, key => l[key] is { ResourceNotFound: false } found ? found.Value : null);

    /// <summary>Shows a refusal beside the form field it belongs to ("" for the whole form).</summary>
    public static void AddProblem(this ModelStateDictionary modelState, string field, Problem problem, IStringLocalizer l) =>
        modelState.AddModelError(field, l.Word(problem));

    /// <summary>Shows each field's refusal beside it; <paramref name="prefix"/> is the bound property ("Input").</summary>
    public static void AddProblems(this ModelStateDictionary modelState, IEnumerable<KeyValuePair<string, Problem>> problems, IStringLocalizer l, string prefix = "")
    {
        foreach (var (field, problem) in problems)
        {
            modelState.AddModelError(prefix.Length == 0 || field.Length == 0 ? field : prefix + "." + field, l.Word(problem));
        }
    }

    /// <summary>An enum value's name in the user's language, from <c>EnumType.Value</c> (as a problem's terms are).</summary>
    public static string Term<TEnum>(this IStringLocalizer l, TEnum value) where TEnum : struct, Enum =>
        l[Problem.TermFor(value).Key].Value;

    /// <summary>
    /// A resource that may deliberately be absent (an EPCIS vocabulary word we have no translation for): looked up
    /// without being reported as missing. Null when absent.
    /// </summary>
    public static string? Optional(this IStringLocalizer l, string key)
    {
        MissingResources.Quiet = true;
        try
        {
            return l[key] is { ResourceNotFound: false } found ? found.Value : null;
        }
        finally
        {
            MissingResources.Quiet = false;
        }
    }
}

/// <summary>
/// Every resource key a page asked for and the resource files lack: logged once as a warning, and kept so the page
/// crawl can fail on a raw key reaching the screen (a missing key renders as the key itself).
/// </summary>
public sealed class MissingResources(ILogger<MissingResources> logger)
{
    /// <summary>Set around a lookup whose key may rightly be absent (<see cref="ProblemText.Optional"/>); lookups are synchronous.</summary>
    [ThreadStatic]
    internal static bool Quiet;

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> keys = new();

    public IReadOnlyCollection<string> Keys => keys.Keys.Order(StringComparer.Ordinal).ToList();

    private void Report(string key)
    {
        if (keys.TryAdd(key, 0))
        {
            logger.LogWarning("Resource key {Key} is missing from SharedResource", key);
        }
    }

    /// <summary>Wraps the framework's factory so every localizer reports the keys it cannot find.</summary>
    public sealed class RecordingFactory(ResourceManagerStringLocalizerFactory inner, MissingResources missing) : IStringLocalizerFactory
    {
        public IStringLocalizer Create(Type resourceSource) => new RecordingLocalizer(inner.Create(resourceSource), missing);
        public IStringLocalizer Create(string baseName, string location) => new RecordingLocalizer(inner.Create(baseName, location), missing);
    }

    public sealed class RecordingLocalizer(IStringLocalizer inner, MissingResources missing) : IStringLocalizer
    {
        public LocalizedString this[string name] => Checked(inner[name]);
        public LocalizedString this[string name, params object[] arguments] => Checked(inner[name, arguments]);
        public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => inner.GetAllStrings(includeParentCultures);

        private LocalizedString Checked(LocalizedString text)
        {
            if (text.ResourceNotFound && !Quiet)
            {
                missing.Report(text.Name);
            }
            return text;
        }
    }
}
