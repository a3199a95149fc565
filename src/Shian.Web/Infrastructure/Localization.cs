using System.Globalization;
using Microsoft.AspNetCore.Localization;
using Shian.Common;

namespace Shian.Web.Infrastructure;

/// <summary>Simplified Chinese first, English by the visible switch; the choice is kept in a cookie for a year.</summary>
public static class Localization
{
    public const string Chinese = "zh-Hans";
    public const string English = "en";
    public static readonly string[] Supported = [Chinese, English];

    public static void Configure(RequestLocalizationOptions options)
    {
        options.SetDefaultCulture(Chinese).AddSupportedCultures(Supported).AddSupportedUICultures(Supported);
        // The browser's language is deliberately not consulted: the platform is Chinese unless the user switches.
        options.RequestCultureProviders =
        [
            new QueryStringRequestCultureProvider(),
            new CookieRequestCultureProvider(),
        ];
    }

    /// <summary>Model-binding errors ("'abc' is not valid") in the user's language too.</summary>
    public static void LocalizeModelBinding(Microsoft.AspNetCore.Mvc.MvcOptions options, Microsoft.Extensions.Localization.IStringLocalizerFactory factory)
    {
        var l = factory.Create(typeof(SharedResource));
        var messages = options.ModelBindingMessageProvider;
        messages.SetAttemptedValueIsInvalidAccessor((value, field) => l["Validation.ValueInvalid", value, field]);
        messages.SetValueIsInvalidAccessor(value => l["Validation.ValueInvalid", value, ""]);
        messages.SetValueMustBeANumberAccessor(field => l["Validation.ValueMustBeNumber", field]);
        messages.SetValueMustNotBeNullAccessor(_ => l["Validation.ValueRequired"]);
        messages.SetMissingBindRequiredValueAccessor(_ => l["Validation.ValueRequired"]);
        messages.SetMissingKeyOrValueAccessor(() => l["Validation.ValueRequired"]);
        messages.SetNonPropertyAttemptedValueIsInvalidAccessor(value => l["Validation.ValueInvalid", value, ""]);
        messages.SetNonPropertyValueMustBeANumberAccessor(() => l["Validation.ValueMustBeNumber", ""]);
        messages.SetUnknownValueIsInvalidAccessor(field => l["Validation.Invalid", field]);
        messages.SetMissingRequestBodyRequiredValueAccessor(() => l["Validation.ValueRequired"]);
    }

    public static bool IsEnglish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    /// <summary>
    /// The return address if it is a path on this site, else "/". Browsers read a backslash as a slash, so "/\host"
    /// is another site just as "//host" is.
    /// </summary>
    public static string LocalPathOrHome(string? returnUrl) =>
        returnUrl is { Length: > 0 } && returnUrl[0] == '/' && (returnUrl.Length == 1 || returnUrl[1] is not ('/' or '\\'))
        && !returnUrl.Any(char.IsControl)
            ? returnUrl
            : "/";

    /// <summary>POST /culture switches the language and returns to the page the user was on.</summary>
    public static IEndpointRouteBuilder MapCultureSwitch(this IEndpointRouteBuilder app)
    {
        app.MapPost("/culture", async (HttpContext context, Microsoft.AspNetCore.Antiforgery.IAntiforgery antiforgery) =>
            {
                // Checked here rather than by form binding, whose refusal is an exception (a 500 with stack traces): a
                // missing token or a bad value is the client's mistake, answered 400.
                if (!context.Request.HasFormContentType || !await antiforgery.IsRequestValidAsync(context))
                {
                    return Results.BadRequest();
                }
                var form = await context.Request.ReadFormAsync();
                var culture = form["culture"].ToString();
                if (!Supported.Contains(culture))
                {
                    return Results.BadRequest();
                }
                context.Response.Cookies.Append(
                    CookieRequestCultureProvider.DefaultCookieName,
                    CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                    new CookieOptions
                    {
                        Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax,
                        Secure = context.Request.IsHttps,
                    });
                return Results.LocalRedirect(LocalPathOrHome(form["returnUrl"].ToString()));
            })
            .DisableAntiforgery()
            .AllowAnonymous()
            .ExcludeFromDescription();
        return app;
    }
}

/// <summary>How dates and numbers are shown: 2020年8月28日 in Chinese, ISO in English, always in China time.</summary>
public static class Display
{
    public static string Date(DateOnly date) => Localization.IsEnglish
        ? date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
        : date.ToString("yyyy年M月d日", CultureInfo.InvariantCulture);

    public static string Instant(DateTime utc)
    {
        var local = ShianTime.ToLocal(utc);
        return Localization.IsEnglish
            ? local.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)
            : local.ToString("yyyy年M月d日 HH:mm", CultureInfo.InvariantCulture);
    }

    public static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>1.2 MB, 340 KB: file sizes as people read them.</summary>
    public static string FileSize(long bytes) => bytes >= 1024 * 1024
        ? (bytes / 1024d / 1024d).ToString("0.#", CultureInfo.InvariantCulture) + " MB"
        : Math.Max(1, (bytes + 1023) / 1024).ToString(CultureInfo.InvariantCulture) + " KB";
}
