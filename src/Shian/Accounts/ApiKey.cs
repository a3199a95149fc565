using System.Security.Cryptography;
using System.Text;
using Shian.Common;

namespace Shian.Accounts;

/// <summary>
/// Machine access for a user's integrations (EPCIS capture, data exchange). Only a SHA-256 of the key is stored: keys
/// are 32 random bytes, so a fast hash is enough and lets every request be checked with one indexed lookup.
/// </summary>
public class ApiKey
{
    public const string KeyPrefix = "shian_";

    public Guid Id { get; set; }
    public Guid UserId { get; set; }
    public string Name { get; set; } = "";

    /// <summary>The first characters of the key, shown in lists so that a key can be recognised without revealing it.</summary>
    public string Hint { get; set; } = "";

    public string Hash { get; set; } = "";

    /// <summary>Space-separated scopes such as <c>organization:read epcis:capture</c>.</summary>
    public string Scopes { get; set; } = "";

    /// <summary>
    /// The one business the key acts for, when it was bound at creation: its captures need no business named, and it
    /// sees nothing of the owner's other businesses.
    /// </summary>
    public Guid? BusinessId { get; private set; }

    public DateTime CreatedAt { get; set; }
    public DateTime? RevokedAt { get; set; }
    public DateTime? LastUsedAt { get; set; }

    public IReadOnlyList<string> ScopeList => Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    public bool IsRevoked => RevokedAt is not null;

    /// <summary>Makes a new key; the secret is returned once and never stored.</summary>
    public static (ApiKey Key, string Secret) Create(Guid userId, string name, IEnumerable<string> scopes, DateTime now, Guid? businessId = null)
    {
        var secret = KeyPrefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var key = new ApiKey
        {
            Id = Guid.CreateVersion7(),
            UserId = userId,
            Name = name,
            Hint = secret[..(KeyPrefix.Length + 6)],
            Hash = HashOf(secret),
            Scopes = string.Join(' ', scopes.Select(s => s.Trim()).Where(s => s.Length > 0).Distinct()),
            CreatedAt = now,
            BusinessId = businessId,
        };
        return (key, secret);
    }

    public static string HashOf(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>Whether a presented value can be a key at all: checked before any database lookup.</summary>
    public static bool IsWellFormed(string value) =>
        value.Length == KeyPrefix.Length + 64
        && value.StartsWith(KeyPrefix, StringComparison.Ordinal)
        && value.AsSpan(KeyPrefix.Length).ContainsAnyExcept("0123456789abcdef") == false;

    public Problem? Revoke(DateTime now)
    {
        if (IsRevoked)
        {
            return new Problem("ApiKey.AlreadyRevoked");
        }
        RevokedAt = now;
        return null;
    }
}

/// <summary>Scopes an API key may carry. New modules add theirs here.</summary>
public static class ApiScopes
{
    public const string OrganizationRead = "organization:read";
    public const string PlansRead = "plans:read";
    public const string EpcisCapture = "epcis:capture";
    public const string EpcisQuery = "epcis:query";
    public const string CalendarRead = "calendar:read";

    /// <summary>Hotline systems (12315 / 12345) filing their work orders as complaints.</summary>
    public const string ComplaintsWrite = "complaints:write";

    public static readonly IReadOnlyList<string> All = [OrganizationRead, PlansRead, EpcisCapture, EpcisQuery, CalendarRead, ComplaintsWrite];
}
