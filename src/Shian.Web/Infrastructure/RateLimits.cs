using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Shian.Web.Infrastructure;

/// <summary>
/// Limits on what an attacker would repeat. Account lockout stops guessing one password; this stops one address from
/// trying many accounts. Sign-in attempts per client address per minute: <c>RateLimits:SignInPerMinute</c> (30). Each
/// API key has its own budget, <c>RateLimits:ApiKeyPerMinute</c>, so that one integration cannot starve the others and
/// a key is never slowed by its account's interactive sign-ins. The client address is the one a configured proxy
/// forwarded (<see cref="ProxySettings"/>), so that people behind one proxy do not share a bucket.
/// </summary>
public static class RateLimits
{
    public const string SignIn = "sign-in";

    /// <summary>
    /// The anonymous complaint intake and tracking (form, API, business search) per client address:
    /// <c>RateLimits:PublicComplaintsPerMinute</c>. A family filing a few never meets it; a bot trying codes or flooding does.
    /// </summary>
    public const string PublicComplaints = "public-complaints";

    /// <summary>The least a minute the public complaint limit lets through (the issue promises 10), and its default.</summary>
    public const int MinPublicComplaintsPerMinute = 10;
    public const int DefaultPublicComplaintsPerMinute = 20;

    /// <summary>Requests per key per minute: 50 a second, room for several 1,000-event capture documents a second.</summary>
    public const int DefaultApiKeyPerMinute = 3000;

    public static void Configure(RateLimiterOptions options, int signInsPerMinute, int apiKeyPerMinute, int publicComplaintsPerMinute)
    {
        options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        options.AddPolicy(PublicComplaints, context => RateLimitPartition.GetFixedWindowLimiter(
            context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = Math.Max(publicComplaintsPerMinute, MinPublicComplaintsPerMinute), Window = TimeSpan.FromMinutes(1), QueueLimit = 0,
            }));
        options.AddPolicy(SignIn, context => RateLimitPartition.GetFixedWindowLimiter(
            context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = signInsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            context.User.FindFirstValue(ShianClaims.ApiKeyId) is { } key
                ? RateLimitPartition.GetFixedWindowLimiter("key:" + context.User.FindFirstValue(ClaimTypes.NameIdentifier) + "/" + key,
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = apiKeyPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
                : RateLimitPartition.GetNoLimiter(""));
        options.OnRejected = (context, ct) =>
        {
            if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
            {
                context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
            return Problems.IsApi(context.HttpContext.Request)
                ? new ValueTask(Problems.WriteAsync(context.HttpContext, StatusCodes.Status429TooManyRequests, "Api.Title.TooManyRequests",
                    "Api.Detail.TryLater"))
                : ValueTask.CompletedTask;
        };
    }
}
