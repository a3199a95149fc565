using System.Globalization;
using Microsoft.AspNetCore.OutputCaching;

namespace Shian.Web.Public;

/// <summary>
/// Output caching of the consumer trace pages: anonymous GETs only (the default policy's rule), per address and language,
/// for a short time; everything tagged <see cref="Tag"/> is evicted when a certificate, product or code changes. Events
/// captured later show within <see cref="Duration"/> (capture may also call <see cref="EvictAsync"/>).
/// </summary>
public static class TraceCache
{
    public const string Policy = "trace";
    public const string Tag = "trace";
    public static readonly TimeSpan Duration = TimeSpan.FromSeconds(30);

    public static void Add(OutputCacheOptions options) =>
        options.AddPolicy(Policy, b => b.Expire(Duration).Tag(Tag).SetVaryByRouteValue("gtin", "ai", "value", "code")
            .VaryByValue(_ => new KeyValuePair<string, string>("culture", CultureInfo.CurrentUICulture.Name)));

    public static Task EvictAsync(HttpContext context) =>
        context.RequestServices.GetRequiredService<IOutputCacheStore>().EvictByTagAsync(Tag, context.RequestAborted).AsTask();
}
