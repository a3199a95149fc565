namespace Shian.Audit;

/// <summary>Who is making the current change: the web host answers from the signed-in user, the CLI from the OS user.</summary>
public interface IAuditActor
{
    string Name { get; }
}

public sealed class FixedAuditActor(string name) : IAuditActor
{
    public string Name { get; } = name;
}
