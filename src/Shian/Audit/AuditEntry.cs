namespace Shian.Audit;

public enum AuditAction
{
    Insert = 1,
    Update = 2,
    Delete = 3,
}

/// <summary>
/// One recorded change. Rows are only ever appended (the database refuses updates and deletes by trigger) and each
/// carries the SHA-256 of the previous row's hash and its own content, so an edit anywhere breaks the chain.
/// </summary>
public class AuditEntry
{
    /// <summary>Position in the chain, from 1, assigned under the append lock.</summary>
    public long Sequence { get; set; }

    public DateTime At { get; set; }

    /// <summary>The user name, <c>apikey:NAME</c>, <c>cli:USER</c> or <c>system</c>.</summary>
    public string Actor { get; set; } = "";

    public AuditAction Action { get; set; }

    /// <summary>The entity type name, e.g. <c>Township</c>.</summary>
    public string Entity { get; set; } = "";

    public string EntityId { get; set; } = "";

    /// <summary>JSON object of the changed properties before the change (null for inserts).</summary>
    public string? OldValues { get; set; }

    /// <summary>JSON object of the changed properties after the change (null for deletes).</summary>
    public string? NewValues { get; set; }

    /// <summary>Hex SHA-256 of the previous row; 64 zeros for the first row.</summary>
    public string PreviousHash { get; set; } = "";

    public string Hash { get; set; } = "";
}
