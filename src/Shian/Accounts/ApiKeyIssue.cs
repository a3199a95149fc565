using Microsoft.EntityFrameworkCore;
using Shian.Common;
using Shian.Data;

namespace Shian.Accounts;

/// <summary>
/// The one way a key is issued (administrators' page, an operator's own page, <c>shian apikey create</c>): the scopes
/// are known ones, the name is free for that account, and a key bound to a business is bound only to one its account
/// operates (named by id or credit code).
/// </summary>
public static class ApiKeyIssue
{
    public sealed record Request(Guid UserId, string Name, IReadOnlyCollection<string> Scopes, string? Business = null);

    /// <summary>The key and its secret, or why it was refused and the request's field it concerns (Name, Scopes, UserId, Business).</summary>
    public sealed record Outcome(ApiKey? Key, string? Secret, Problem? Problem, string Field = "")
    {
        public static Outcome Refused(string field, Problem problem) => new(null, null, problem, field);
    }

    /// <summary>Checks the request and, when it is sound, adds the key to <paramref name="db"/> (the caller saves).</summary>
    public static async Task<Outcome> IssueAsync(ShianDb db, Request request, IReadOnlyCollection<string> allowedScopes, DateTime now, CancellationToken ct = default)
    {
        var name = request.Name.Trim();
        if (name.Length == 0)
        {
            return Outcome.Refused(nameof(Request.Name), new Problem("ApiKey.NameRequired"));
        }
        var scopes = request.Scopes.Select(s => s.Trim()).Where(s => s.Length > 0).Distinct().ToList();
        if (scopes.Count == 0)
        {
            return Outcome.Refused(nameof(Request.Scopes), new Problem("ApiKey.ScopeRequired"));
        }
        if (scopes.Except(allowedScopes).ToList() is { Count: > 0 } unknown)
        {
            return Outcome.Refused(nameof(Request.Scopes), new Problem("ApiKey.ScopeUnknown", string.Join(", ", unknown)));
        }
        if (!await db.Users.AnyAsync(u => u.Id == request.UserId, ct))
        {
            return Outcome.Refused(nameof(Request.UserId), new Problem("ApiKey.UserUnknown"));
        }
        if (await db.ApiKeys.AnyAsync(k => k.UserId == request.UserId && k.Name == name && k.RevokedAt == null, ct))
        {
            return Outcome.Refused(nameof(Request.Name), new Problem("ApiKey.NameTaken", name));
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
                return Outcome.Refused(nameof(Request.Business), new Problem("ApiKey.BusinessNotOperated", named));
            }
        }
        var (key, secret) = ApiKey.Create(request.UserId, name, scopes, now, businessId);
        db.ApiKeys.Add(key);
        return new Outcome(key, secret, null);
    }
}
