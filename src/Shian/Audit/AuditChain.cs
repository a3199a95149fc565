using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Shian.Common;

namespace Shian.Audit;

/// <summary>The hash chain over audit rows: how a row's hash is computed and how a run of rows is verified.</summary>
public static class AuditChain
{
    public static readonly string Genesis = new('0', 64);

    /// <summary>
    /// SHA-256 over the previous hash and every field of the row. Each text is written as its length, a colon, the text
    /// and a bar, so moving characters between fields changes the hash; an absent value is written as <c>null|</c>,
    /// which no length-prefixed text can equal.
    /// </summary>
    public static string ComputeHash(AuditEntry row, string previousHash)
    {
        var text = new StringBuilder();
        foreach (var field in new[]
                 {
                     previousHash,
                     row.Sequence.ToString(CultureInfo.InvariantCulture),
                     row.At.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", CultureInfo.InvariantCulture),
                     row.Actor,
                     ((int)row.Action).ToString(CultureInfo.InvariantCulture),
                     row.Entity,
                     row.EntityId,
                     row.OldValues,
                     row.NewValues,
                 })
        {
            if (field is null)
            {
                text.Append("null|");
            }
            else
            {
                text.Append(field.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(field).Append('|');
            }
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>Links a new row to its predecessor.</summary>
    public static void Seal(AuditEntry row, string previousHash)
    {
        row.PreviousHash = previousHash;
        row.Hash = ComputeHash(row, previousHash);
    }

    public sealed record Break(long Sequence, Problem Reason);

    /// <summary>
    /// Checks rows in sequence order, continuing from <paramref name="previousHash"/> and expecting
    /// <paramref name="expectedSequence"/> first. Returns the first broken row, or null when intact. Works on a stream so
    /// that millions of rows verify in constant memory.
    /// </summary>
    public static Break? Verify(IEnumerable<AuditEntry> rows, string? previousHash = null, long expectedSequence = 1)
    {
        var previous = previousHash ?? Genesis;
        var sequence = expectedSequence;
        foreach (var row in rows)
        {
            if (row.Sequence != sequence)
            {
                return new Break(row.Sequence, new Problem("Audit.RowsMissingOrReordered", sequence, row.Sequence));
            }
            if (row.PreviousHash != previous)
            {
                return new Break(row.Sequence, new Problem("Audit.PreviousHashMismatch"));
            }
            if (ComputeHash(row, previous) != row.Hash)
            {
                return new Break(row.Sequence, new Problem("Audit.RowAltered"));
            }
            previous = row.Hash;
            sequence++;
        }
        return null;
    }
}
