using Microsoft.AspNetCore.Identity;

namespace Shian.Accounts;

public class ShianUser : IdentityUser<Guid>
{
    public string DisplayName { get; set; } = "";

    /// <summary>The member unit a department user or laboratory user belongs to.</summary>
    public Guid? UnitId { get; set; }

    /// <summary>The township a township officer (or a township-based inspector) belongs to.</summary>
    public Guid? TownshipId { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>
    /// Disabled by an administrator (locked out for good), as opposed to a temporary lockout after wrong passwords,
    /// which stops interactive sign-in only and never the account's API keys.
    /// </summary>
    public bool IsDisabled => LockoutEnd?.Year > 9000;
}

public class ShianRole : IdentityRole<Guid>
{
    public ShianRole()
    {
    }

    public ShianRole(string name) : base(name)
    {
    }
}

/// <summary>A business an operator account acts for (filled by the registry; one account may run several).</summary>
public class OperatorBusiness
{
    public Guid UserId { get; set; }
    public Guid BusinessId { get; set; }
}
