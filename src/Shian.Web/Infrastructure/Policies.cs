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

    /// <summary>EPCIS capture: an operator's API key (only a key: the policy authenticates with no other scheme); the events belong to the operator's business. The endpoints name the scope (<c>epcis:capture</c>).</summary>
    public const string EpcisCapture = "epcis-capture";

    /// <summary>EPCIS queries: staff (not laboratories) and operators, within their scope; the endpoints name the scope (<c>epcis:query</c>).</summary>
    public const string EpcisQuery = "epcis-query";

    /// <summary>Lot traces (批次追溯): supervisors (townships for lots that touch their township) and operators for their own lots.</summary>
    public const string Lots = "lots";

    /// <summary>Starting inspections (and a running campaign's visits): inspectors and township officers, within their scope.</summary>
    public const string Inspect = "inspect";

    /// <summary>Which businesses must upload trace data, and how often: the office and the departments.</summary>
    public const string TraceRequirements = "trace-requirements";
    /// <summary>Traceability (products, label sheets, 合格证): staff in their scope and operators for their own businesses.</summary>
    public const string Traceability = "traceability";

    /// <summary>
    /// Complaints and reports (投诉举报): the staff who handle or read them (not laboratories), and operators for what was
    /// released to their businesses; which ones is <c>ComplaintScope.VisibleTo</c>, what they may do <c>ComplaintRights</c>.
    /// </summary>
    public const string Complaints = "complaints";

    /// <summary>Entering and importing hotline work orders: the staff who handle complaints.</summary>
    public const string ComplaintsHandle = "complaints-handle";

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
        options.AddPolicy(Complaints, p => p.RequireRole(Roles.Admin, Roles.Office, Roles.Department, Roles.Township, Roles.Inspector, Roles.Operator));
        options.AddPolicy(ComplaintsHandle, p => p.RequireRole(Roles.Admin, Roles.Office, Roles.Department, Roles.Township, Roles.Inspector));
        options.AddPolicy(Grain, p => p.RequireRole(Roles.Admin, Roles.Office, Roles.Department, Roles.Township, Roles.Inspector));
        options.AddPolicy(RegistryEdit, p => p.RequireRole(Roles.Admin, Roles.Office, Roles.Department, Roles.Inspector));
        options.AddPolicy(OrganizationRead, p => p.RequireRole(Roles.Staff));
        options.AddPolicy(PlansRead, p => p.RequireRole(Roles.Staff));
        options.AddPolicy(EpcisCapture, p => p.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName).RequireRole(Roles.Operator));
        options.AddPolicy(EpcisQuery, p => p.RequireRole(Roles.Admin, Roles.Office, Roles.Department, Roles.Township, Roles.Inspector, Roles.Operator));
        // Anything not given a rule still needs a signed-in user.
        options.FallbackPolicy = options.GetPolicy(SignedIn);
    }
}

/// <summary>
/// What an API key may do: exactly the scopes it carries. Every endpoint that accepts keys names its scope with
/// <see cref="ApiScopeEndpoints.RequireScope{TBuilder}"/>; a key presented to an endpoint that names none is refused
/// (<see cref="ApiScopeEndpoints.UseApiKeyScopes"/>). A person signed in with a cookie is limited by role alone.
/// </summary>
public sealed record ScopeRequirement(string Scope) : IAuthorizationRequirement;

/// <summary>The scope an endpoint accepts keys for; <see cref="AnyKey"/> for the caller's own account (<c>/api/me</c>).</summary>
public sealed record ApiScopeMetadata(string Scope)
{
    public const string AnyKey = "*";
}

public sealed class ScopeRequirementHandler : AuthorizationHandler<ScopeRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ScopeRequirement requirement)
    {
        var viaKey = context.User.HasClaim(c => c.Type == ShianClaims.ApiKeyId);
        if (!viaKey || requirement.Scope == ApiScopeMetadata.AnyKey || context.User.HasClaim(ShianClaims.Scope, requirement.Scope))
        {
            context.Succeed(requirement);
        }
        return Task.CompletedTask;
    }
}

public static class ApiScopeEndpoints
{
    /// <summary>Accepts API keys that carry <paramref name="scope"/> (people signed in are limited by the role policy).</summary>
    public static TBuilder RequireScope<TBuilder>(this TBuilder builder, string scope) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ApiScopeMetadata(scope))
            .RequireAuthorization(new AuthorizationPolicyBuilder().AddRequirements(new ScopeRequirement(scope)).Build());

    /// <summary>
    /// Refuses (403) a key presented to an endpoint that names no scope. Keys authenticate only on API paths, so this
    /// is a guard for a new API endpoint that forgot its scope: it then takes no keys rather than every key.
    /// </summary>
    public static IApplicationBuilder UseApiKeyScopes(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var endpoint = context.GetEndpoint();
        if (endpoint is not null
            && context.User.HasClaim(c => c.Type == ShianClaims.ApiKeyId)
            && endpoint.Metadata.GetMetadata<IAllowAnonymous>() is null
            && endpoint.Metadata.GetMetadata<ApiScopeMetadata>() is null)
        {
            await Problems.WriteAsync(context, StatusCodes.Status403Forbidden, "Api.Title.Forbidden", "Api.Detail.NoApiKeys");
            return;
        }
        await next();
    });
}

public static class ShianClaims
{
    public const string ApiKeyId = "shian:api_key";
    /// <summary>The business an API key is bound to, when it is: the key sees and captures for that business only.</summary>
    public const string ApiKeyBusiness = "shian:api_key_business";
    public const string Scope = "scope";
    public const string UnitId = "shian:unit";
    public const string TownshipId = "shian:township";
    public const string DisplayName = "shian:display_name";
}
