using System.Security.Cryptography;
using System.Text;
using Shian.Accounts;

namespace Shian.Tests.Accounts;

public class ApiKeyTests
{
    private static readonly DateTime Now = new(2020, 10, 9, 8, 0, 0, DateTimeKind.Utc);

    private static (ApiKey Key, string Secret) NewKey(params string[] scopes) =>
        ApiKey.Create(Guid.NewGuid(), "epcis", scopes.Length == 0 ? [ApiScopes.EpcisCapture] : scopes, Now);

    [Fact]
    public void Created_secret_is_shian_prefix_and_64_lowercase_hex_characters()
    {
        var (_, secret) = NewKey();
        Assert.StartsWith("shian_", secret, StringComparison.Ordinal);
        Assert.Equal(6 + 64, secret.Length);
        Assert.Matches("^shian_[0-9a-f]{64}$", secret);
        Assert.True(ApiKey.IsWellFormed(secret));
    }

    [Fact]
    public void Stored_hash_is_the_sha256_of_the_secret_and_not_the_secret()
    {
        var (key, secret) = NewKey();
        var expected = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
        Assert.Equal(expected, key.Hash);
        Assert.Equal(expected, ApiKey.HashOf(secret));
        Assert.NotEqual(secret, key.Hash);
        Assert.DoesNotContain(secret[6..], key.Hash, StringComparison.Ordinal);
    }

    [Fact]
    public void Sha256_of_a_known_key_matches_the_reference_value()
    {
        // sha256("shian_" + 64 zeros), computed independently with coreutils sha256sum.
        Assert.Equal("edf138aa09baab8c4f1a5bc241db17e84a8af9cd9426b9f52df9ffe93b64042d", ApiKey.HashOf("shian_" + new string('0', 64)));
    }

    [Fact]
    public void Two_created_keys_differ()
    {
        var (a, secretA) = NewKey();
        var (b, secretB) = NewKey();
        Assert.NotEqual(secretA, secretB);
        Assert.NotEqual(a.Hash, b.Hash);
        Assert.NotEqual(a.Id, b.Id);
    }

    [Fact]
    public void Hint_shows_only_the_prefix_and_six_characters()
    {
        var (key, secret) = NewKey();
        Assert.Equal(secret[..12], key.Hint);
    }

    [Fact]
    public void Created_key_keeps_user_name_time_and_is_not_revoked()
    {
        var user = Guid.NewGuid();
        var (key, _) = ApiKey.Create(user, "海关数据交换", [ApiScopes.OrganizationRead], Now);
        Assert.Equal(user, key.UserId);
        Assert.Equal("海关数据交换", key.Name);
        Assert.Equal(Now, key.CreatedAt);
        Assert.False(key.IsRevoked);
        Assert.Null(key.RevokedAt);
        Assert.Null(key.LastUsedAt);
    }

    [Fact]
    public void Scopes_are_trimmed_deduplicated_and_blank_ones_dropped()
    {
        var (key, _) = NewKey(" epcis:capture ", "", "epcis:capture", "organization:read", "  ");
        Assert.Equal("epcis:capture organization:read", key.Scopes);
        Assert.Equal(new[] { "epcis:capture", "organization:read" }, key.ScopeList);
    }

    [Theory]
    [InlineData("")]
    [InlineData("shian_")]
    [InlineData("SHIAN_0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")] // prefix in capitals
    [InlineData("shiam_0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")] // wrong prefix
    [InlineData("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")] // no prefix
    [InlineData("xxxxxx0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")] // other 6-char prefix
    [InlineData("shian_0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcde")] // 63 hex
    [InlineData("shian_0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0")] // 65 hex
    [InlineData("shian_0123456789ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef")] // uppercase hex
    [InlineData("shian_0123456789abcdeg0123456789abcdef0123456789abcdef0123456789abcdef")] // g is not hex
    [InlineData("shian_0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcde ")] // trailing space
    [InlineData("shian_0123456789abcdef0123456789abcdef0123456789abcdef012345678９abcdef")] // full-width digit
    public void Is_well_formed_rejects_wrong_prefix_length_case_and_non_hex(string value)
    {
        Assert.False(ApiKey.IsWellFormed(value));
    }

    [Fact]
    public void Is_well_formed_accepts_a_correct_key()
    {
        Assert.True(ApiKey.IsWellFormed("shian_0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"));
    }

    [Fact]
    public void Revoke_sets_the_time_once_and_refuses_the_second_time()
    {
        var (key, _) = NewKey();
        Assert.Null(key.Revoke(Now));
        Assert.True(key.IsRevoked);
        Assert.Equal(Now, key.RevokedAt);

        var error = key.Revoke(Now.AddDays(1));
        Assert.Equal("ApiKey.AlreadyRevoked", error?.Code);
        Assert.Equal(Now, key.RevokedAt);
    }
}
