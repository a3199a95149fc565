using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Shian.Web.Infrastructure;

/// <summary>
/// Which reverse proxies are believed about the client's address and scheme (<c>X-Forwarded-For</c>,
/// <c>X-Forwarded-Proto</c>): <c>ForwardedHeaders:KnownProxies</c> (addresses) and <c>ForwardedHeaders:KnownNetworks</c>
/// (CIDR ranges). None by default, not even this machine: a header from anyone else is ignored, so a client cannot
/// claim to be local or to have come over HTTPS. With the proxy configured, HTTPS redirection, <c>Secure</c> cookies
/// and the per-client rate limits see the real client.
/// </summary>
public static class ProxySettings
{
    public static bool IsConfigured(IConfiguration configuration) =>
        Values(configuration.GetSection("ForwardedHeaders:KnownProxies")).Any() || Values(configuration.GetSection("ForwardedHeaders:KnownNetworks")).Any();

    /// <summary>
    /// Reads X-Forwarded-* only when a proxy is configured: with no known proxy the middleware would believe anyone.
    /// Behind the proxy, plain-HTTP clients are sent to <c>ForwardedHeaders:HttpsPort</c> (443), which the app cannot
    /// discover from its own (HTTP-only) addresses.
    /// </summary>
    public static void AddConfiguredProxies(this IServiceCollection services, IConfiguration configuration)
    {
        if (!IsConfigured(configuration))
        {
            return;
        }
        services.Configure<ForwardedHeadersOptions>(o => Configure(o, configuration));
        services.AddHttpsRedirection(o => o.HttpsPort = configuration.GetValue("ForwardedHeaders:HttpsPort", 443));
    }

    public static IApplicationBuilder UseConfiguredProxies(this IApplicationBuilder app, IConfiguration configuration) =>
        IsConfigured(configuration) ? app.UseForwardedHeaders() : app;

    private static void Configure(ForwardedHeadersOptions options, IConfiguration configuration)
    {
        options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var proxy in Values(configuration.GetSection("ForwardedHeaders:KnownProxies")))
        {
            options.KnownProxies.Add(IPAddress.TryParse(proxy, out var address)
                ? address
                : throw new InvalidOperationException($"ForwardedHeaders:KnownProxies: “{proxy}” 不是 IP 地址 / is not an IP address."));
        }
        foreach (var network in Values(configuration.GetSection("ForwardedHeaders:KnownNetworks")))
        {
            options.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(network, out var range)
                ? range
                : throw new InvalidOperationException($"ForwardedHeaders:KnownNetworks: “{network}” 不是网段（如 10.0.0.0/8） / is not a CIDR range."));
        }
    }

    /// <summary>An array in JSON settings, or one comma-separated value from an environment variable or argument.</summary>
    private static IEnumerable<string> Values(IConfigurationSection section) =>
        (section.Value is { } single ? single.Split(',') : section.GetChildren().Select(c => c.Value ?? ""))
            .Select(v => v.Trim()).Where(v => v.Length > 0);
}
