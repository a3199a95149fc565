using Microsoft.EntityFrameworkCore;
using Shian.Data;

namespace Shian.Accounts;

/// <summary>Why a key was not issued; the web and the CLI word each one in the user's language.</summary>
public enum ApiKeyProblem
{
    NameRequired,
    NameTaken,
    ScopeRequired,
    ScopeUnknown,
    UserUnknown,

    /// <summary>The business to bind the key to is not registered, or the key's account does not operate it.</summary>
    BusinessNotOperated,
}

/// <summary>
/// The one way a key is issued (administrators' page, an operator's own page, <c>shian apikey create</c>): the scopes
/// are known ones, the name is free for that account, and a key bound to a business is bound only to one its account
/// operates (named by id or credit code).
/// </summary>
public static class ApiKeyIssue
{
    public sealed record Request(Guid UserId, string Name, IReadOnlyCollection<string> Scopes, string? Business = null);

    public sealed record Outcome(ApiKey? Key, string? Secret, ApiKeyProblem? Problem, string? Detail = null)
    {
        public static Outcome Refused(ApiKeyProblem problem, string? detail = null) => new(null, null, problem, detail);
    }

    /// <summary>Checks the request and, when it is sound, adds the key to <paramref name="db"/> (the caller saves).</summary>
    public static async Task<Outcome> IssueAsync(ShianDb db, Request request, IReadOnlyCollection<string> allowedScopes, DateTime now, CancellationToken ct = default)
    {
        var name = request.Name.Trim();
        if (name.Length == 0)
        {
            return Outcome.Refused(ApiKeyProblem.NameRequired);
        }
        var scopes = request.Scopes.Select(s => s.Trim()).Where(s => s.Length > 0).Distinct().ToList();
        if (scopes.Count == 0)
        {
            return Outcome.Refused(ApiKeyProblem.ScopeRequired);
        }
        if (scopes.Except(allowedScopes).ToList() is { Count: > 0 } unknown)
        {
            return Outcome.Refused(ApiKeyProblem.ScopeUnknown, string.Join(", ", unknown));
        }
        if (!await db.Users.AnyAsync(u => u.Id == request.UserId, ct))
        {
            return Outcome.Refused(ApiKeyProblem.UserUnknown);
        }
        if (await db.ApiKeys.AnyAsync(k => k.UserId == request.UserId && k.Name == name && k.RevokedAt == null, ct))
        {
            return Outcome.Refused(ApiKeyProblem.NameTaken, name);
        }
        Guid? businessId = null;
        if (request.Business?.Trim() is { Length: > 0 } named)
        {
            var operated = db.OperatorBusinesses.Where(o => o.UserId == request.UserId).Select(o => o.BusinessId);
            var byId = Guid.TryParse(named, out var id) ? id : Guid.Empty;
            businessId = await db.Businesses.Where(b => (b.Id == byId || b.CreditCode == named) && operated.Contains(b.Id))
                .Select(b => (Guid?)b.Id).FirstOrDefaultAsync(ct);
            if (businessId is null)
            {
                return Outcome.Refused(ApiKeyProblem.BusinessNotOperated, named);
            }
        }
        var (key, secret) = ApiKey.Create(request.UserId, name, scopes, now, businessId);
        db.ApiKeys.Add(key);
        return new Outcome(key, secret, null);
    }
}
