using Microsoft.AspNetCore.Authorization;
using Shian.Accounts;

namespace Shian.Web.Infrastructure;

/// <summary>
/// The named authorization rules. Every page folder and endpoint group names one of these (or is explicitly anonymous);
/// a test enumerates the endpoints to keep it so.
/// </summary>
public static class Policies
{
    public const string SignedIn = "signed-in";
    public const string Staff = "staff";
    public const string Office = "office";
    public const string Admin = "admin";
    public const string Operator = "operator";
    public const string OrganizationRead = "organization-read";
    public const string PlansRead = "plans-read";

    /// <summary>
    /// The business register and the supervision lists keyed by business (主体档案, licences, risk grades, credit lists,
    /// inspections): the supervisors (office, departments, townships, inspectors). Not laboratories: a laboratory works
    /// from its samples' forms, which carry the business particulars (docs/access.md).
    /// </summary>
    public const string Supervision = "supervision";

    /// <summary>Registering and correcting businesses: the office and the market-supervision staff.</summary>
    public const string RegistryEdit = "registry-edit";

    /// <summary>Rectification orders: the supervisors who issue and close them and the operators who answer them.</summary>
    public const string Rectification = "rectification";

    /// <summary>陪餐 records: the school canteens' operators who enter them and the supervisors who read them.</summary>
    public const string SchoolMeals = "school-meals";

    /// <summary>Sample forms (抽样单): everyone who takes, tests or reads samples, and operators for their own businesses'.</summary>
    public const string Samples = "samples";

    /// <summary>Taking samples (filling in the 抽样单): supervisors, not the laboratories or the operators.</summary>
    public const string SamplesTake = "samples-take";

    /// <summary>抽检信息公告: the office and the departments draft them; only an office user approves (checked on the page).</summary>
    public const string SamplingPublish = "sampling-publish";

    /// <summary>
    /// Failed samples' cases (核查处置): staff in their scope, laboratories for the re-inspections drawn to them, operators for
    /// their own businesses'.
    /// </summary>
    public const string SampleFailures = "sample-failures";

    /// <summary>Reserve grain, grain purchase checks and imported food: staff of the office, departments and townships, and inspectors.</summary>
    public const string Grain = "grain";

    /// <summary>EPCIS capture: an operator's API key (only a key: the policy authenticates with no other scheme) with <c>epcis:capture</c>; the events belong to the operator's business.</summary>
    public const string EpcisCapture = "epcis-capture";

    /// <summary>EPCIS queries: staff (not laboratories) and operators, within their scope; a key needs <c>epcis:query</c>.</summary>
    public const string EpcisQuery = "epcis-query";

    /// <summary>Lot traces (批次追溯): supervisors (townships for lots that touch their township) and operators for their own lots.</summary>
    public const string Lots = "lots";

    /// <summary>Starting inspections (and a running campaign's visits): inspectors and township officers, within their scope.</summary>
    public const string Inspect = "inspect";

    /// <summary>Which businesses must upload trace data, and how often: the office and the departments.</summary>
    public const string TraceRequirements = "trace-requirements";
    /// <summary>Traceability (products, label sheets, 合格证): staff in their scope and operators for their own businesses.</summary>
    public const string Traceability = "traceability";

    public static void Add(AuthorizationOptions options)
    {
        options.AddPolicy(TraceRequirements, p => p.RequireRole(Roles.Admin, Roles.Office, Roles.Department));
        options.AddPolicy(SignedIn, p => p.RequireAuthenticatedUser());
        options.AddPolicy(Staff, p => p.RequireRole(Roles.Staff));
        options.AddPolicy(Supervision, p => p.RequireRole(Roles.Admin, Roles.Office, Roles.Department, Roles.Township, Roles.Inspector));
        options.AddPolicy(Inspect, p => p.RequireRole(Roles.Inspector, Roles.Township));
        options.AddPolicy(Office, p => p.RequireRole(Roles.Admin, Roles.Office));
        options.AddPolicy(Admin, p => p.RequireRole(Roles.Admin));
        options.AddPolicy(Operator, p => p.RequireRole(Roles.Operator));
        options.AddPolicy(Rectification, p => p.RequireRole(Roles.Admin, Roles.Office, Roles.Department, Roles.Township, Roles.Inspector, Roles.Operator));
        options.AddPolicy(SchoolMeals, p => p.RequireRole(Roles.Admin, Roles.Office, Roles.Department, Roles.Township, Roles.Inspector, Roles.Operator));
        options.AddPolicy(Samples, p => p.RequireRole(Roles.All.ToArray()));
        options.AddPolicy(SampleFailures, p => p.RequireRole(Roles.All.ToArray()));
        options.AddPolicy(SamplesTake, p => p.RequireRole(Roles.Admin, Roles.Office, Roles.Department, Roles.Township, Roles.Inspector));
        options.AddPolicy(SamplingPublish, p => p.RequireRole(Roles.Admin, Roles.Office, Roles.Department));
        options.AddPolicy(Lots, p => p.RequireRole(Roles.Admin, Roles.Office, Roles.Department, Roles.Township, Roles.Inspector, Roles.Operator));
        options.AddPolicy(Traceability, p => p.RequireRole(Roles.Admin, Roles.Office, Roles.Department, Roles.Township, Roles.Inspector, Roles.Operator));
        options.AddPolicy(Grain, p => p.RequireRole(Roles.Admin, Roles.Office, Roles.Department, Roles.Township, Roles.Inspector));
        options.AddPolicy(RegistryEdit, p => p.RequireRole(Roles.Admin, Roles.Office, Roles.Department, Roles.Inspector));
        options.AddPolicy(OrganizationRead, p => p.RequireRole(Roles.Staff).AddRequirements(new ScopeRequirement(ApiScopes.OrganizationRead)));
        options.AddPolicy(PlansRead, p => p.RequireRole(Roles.Staff).AddRequirements(new ScopeRequirement(ApiScopes.PlansRead)));
        options.AddPolicy(EpcisCapture, p => p.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName)
            .RequireRole(Roles.Operator).AddRequirements(new ScopeRequirement(ApiScopes.EpcisCapture)));
        options.AddPolicy(EpcisQuery, p => p.RequireRole(Roles.Admin, Roles.Office, Roles.Department, Roles.Township, Roles.Inspector, Roles.Operator)
            .AddRequirements(new ScopeRequirement(ApiScopes.EpcisQuery)));
        // Anything not given a rule still needs a signed-in user.
        options.FallbackPolicy = options.GetPolicy(SignedIn);
    }
}

/// <summary>
/// An API key must carry the scope; a person signed in with a cookie is limited by role alone.
/// </summary>
public sealed record ScopeRequirement(string Scope) : IAuthorizationRequirement;

public sealed class ScopeRequirementHandler : AuthorizationHandler<ScopeRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ScopeRequirement requirement)
    {
        var viaKey = context.User.HasClaim(c => c.Type == ShianClaims.ApiKeyId);
        if (!viaKey || context.User.HasClaim(ShianClaims.Scope, requirement.Scope))
        {
            context.Succeed(requirement);
        }
        return Task.CompletedTask;
    }
}

public static class ShianClaims
{
    public const string ApiKeyId = "shian:api_key";
    public const string Scope = "scope";
    public const string UnitId = "shian:unit";
    public const string TownshipId = "shian:township";
    public const string DisplayName = "shian:display_name";
}
