using Shian.Common;

namespace Shian.Web.Infrastructure;

/// <summary>
/// The text-message sender while no gateway is configured: the message is written to the log (the phone number masked),
/// so that operations can see what would have been sent. A deployment with a gateway registers its own <see cref="ISmsSender"/>.
/// </summary>
public sealed partial class LoggingSmsSender(ILogger<LoggingSmsSender> log) : ISmsSender
{
    public Task SendAsync(string phone, string text, CancellationToken ct = default)
    {
        var masked = phone.Length > 7 ? phone[..3] + new string('*', phone.Length - 7) + phone[^4..] : "***";
        Sent(log, masked, text);
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "SMS to {Phone}: {Text}")]
    private static partial void Sent(ILogger logger, string phone, string text);
}
