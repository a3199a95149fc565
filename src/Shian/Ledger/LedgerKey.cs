using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Shian.Data;

namespace Shian.Ledger;

/// <summary>
/// The log's ECDSA P-256 signing key: a PKCS#8 PEM file, created on first use (readable by the owner only). Its path is,
/// in order: <see cref="ConfiguredPath"/> (the web host sets it from <c>Ledger:KeyFile</c>), the environment variable
/// <c>SHIAN_LEDGER_KEY</c>, <c>ledger-signing-key.pem</c> next to the SQLite database file, or
/// <c>data/ledger-signing-key.pem</c> under the working directory (PostgreSQL). Back it up with the database: without
/// it no new tree head can be signed with the same key; the public half (<c>GET /ledger/key</c>) is all a verifier needs.
/// </summary>
public sealed class LedgerKey
{
    public const string FileName = "ledger-signing-key.pem";
    public static string? ConfiguredPath { get; set; }

    private static readonly ConcurrentDictionary<string, LedgerKey> Loaded = new();

    private readonly ECDsa _key;

    private LedgerKey(ECDsa key, string path)
    {
        _key = key;
        Path = path;
        PublicKeyInfo = key.ExportSubjectPublicKeyInfo();
        KeyId = Convert.ToBase64String(SHA256.HashData(PublicKeyInfo));
    }

    public string Path { get; }
    public byte[] PublicKeyInfo { get; }
    public string KeyId { get; }

    public string PublicKeyPem => _key.ExportSubjectPublicKeyInfoPem();

    /// <summary>The public key as a JSON Web Key (RFC 7517/7518: kty EC, crv P-256, x, y base64url), with kid = <see cref="KeyId"/>.</summary>
    public Dictionary<string, string> PublicJwk()
    {
        var p = _key.ExportParameters(includePrivateParameters: false);
        return new()
        {
            ["kty"] = "EC",
            ["crv"] = "P-256",
            ["x"] = Base64Url(p.Q.X!),
            ["y"] = Base64Url(p.Q.Y!),
            ["alg"] = "ES256",
            ["use"] = "sig",
            ["kid"] = KeyId,
        };
    }

    public byte[] Sign(byte[] data) => _key.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);

    public bool Verify(byte[] data, byte[] signature) => Verify(PublicKeyInfo, data, signature);

    public static bool Verify(byte[] publicKeyInfo, byte[] data, byte[] signature)
    {
        using var key = ECDsa.Create();
        key.ImportSubjectPublicKeyInfo(publicKeyInfo, out _);
        try
        {
            return key.VerifyData(data, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    /// <summary>The key file a database's log uses (see the class summary).</summary>
    public static string PathFor(ShianDb db)
    {
        if (!string.IsNullOrWhiteSpace(ConfiguredPath))
        {
            return System.IO.Path.GetFullPath(ConfiguredPath);
        }
        if (Environment.GetEnvironmentVariable("SHIAN_LEDGER_KEY") is { Length: > 0 } env)
        {
            return System.IO.Path.GetFullPath(env);
        }
        if (db.Database.IsSqlite())
        {
            var source = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
            if (source is not ("" or ":memory:"))
            {
                return System.IO.Path.Combine(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(source))!, FileName);
            }
        }
        return System.IO.Path.Combine(Directory.GetCurrentDirectory(), "data", FileName);
    }

    /// <summary>The key of a database's log, created if its file does not exist yet.</summary>
    public static LedgerKey For(ShianDb db) => Open(PathFor(db), create: true)!;

    /// <summary>The key in a file; null when it does not exist and <paramref name="create"/> is false.</summary>
    public static LedgerKey? Open(string path, bool create)
    {
        path = System.IO.Path.GetFullPath(path);
        if (Loaded.TryGetValue(path, out var cached) && File.Exists(path))
        {
            return cached;
        }
        if (!File.Exists(path))
        {
            if (!create)
            {
                return null;
            }
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
            using var fresh = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            try
            {
                var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
                if (!OperatingSystem.IsWindows())
                {
                    options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
                }
                using var writer = new StreamWriter(path, options);
                writer.Write(fresh.ExportPkcs8PrivateKeyPem());
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another process created it first: use theirs.
            }
        }
        var key = ECDsa.Create();
        key.ImportFromPem(ReadWhenComplete(path));
        return Loaded[path] = new LedgerKey(key, path);
    }

    private static string ReadWhenComplete(string path)
    {
        for (var attempt = 0; ; attempt++)
        {
            var text = File.ReadAllText(path);
            if (text.Contains("-----END", StringComparison.Ordinal) || attempt == 50)
            {
                return text;
            }
            Thread.Sleep(10);
        }
    }

    /// <summary>A public key from PEM text (a SubjectPublicKeyInfo, or a private key whose public half is taken).</summary>
    public static byte[] PublicKeyInfoFromPem(string pem)
    {
        using var key = ECDsa.Create();
        key.ImportFromPem(pem);
        return key.ExportSubjectPublicKeyInfo();
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
