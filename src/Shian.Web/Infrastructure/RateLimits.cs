using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Shian.Web.Infrastructure;

/// <summary>
/// Limits on what an attacker would repeat. Account lockout stops guessing one password; this stops one address from
/// trying many accounts. Sign-in attempts per address per minute: <c>RateLimits:SignInPerMinute</c> (30).
/// </summary>
public static class RateLimits
{
    public const string SignIn = "sign-in";

    public static void Configure(RateLimiterOptions options, int signInsPerMinute)
    {
        options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        options.AddPolicy(SignIn, context => RateLimitPartition.GetFixedWindowLimiter(
            context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = signInsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
    }
}
