using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Scalar.AspNetCore;
using Shian.Accounts;
using Shian.Audit;
using Shian.Data;
using Shian.Web.Features.Accounts;
using Shian.Web.Features.Common;
using Shian.Web.Features.Complaints;
using Shian.Web.Features.Ledger;
using Shian.Web.Features.Organization;
using Shian.Web.Features.Plans;
using Shian.Web.Features.Registry;
using Shian.Web.Features.Traceability;
using Shian.Web.Infrastructure;

var demo = args.Contains("--demo");
var builder = WebApplication.CreateBuilder(args.Where(a => a != "--demo").ToArray());
// `dotnet run` starts the app in the caller's folder, so that data/shian.db is theirs; the shipped settings file sits
// beside the binary, read first so that environment variables and arguments still override it.
builder.Configuration.Sources.Insert(0, new Microsoft.Extensions.Configuration.Json.JsonConfigurationSource
{
    Path = "appsettings.json",
    Optional = true,
    FileProvider = new Microsoft.Extensions.FileProviders.PhysicalFileProvider(AppContext.BaseDirectory),
});

builder.WebHost.ConfigureKestrel(o => o.Limits.MaxRequestBodySize = RequestLimits.MaxBodyBytes);
var database = DatabaseSettings.FromConfiguration(
    builder.Configuration["Database:Provider"],
    builder.Configuration["Database:ConnectionString"] ?? builder.Configuration.GetConnectionString("Shian"));
// The transparency log's signing key (default: next to the SQLite file, or data/ under the working directory).
if (builder.Configuration["Ledger:KeyFile"] is { Length: > 0 } ledgerKeyFile)
{
    Shian.Ledger.LedgerKey.ConfiguredPath = ledgerKeyFile;
}
builder.Services.AddSingleton(new StartupOptions(demo, DemoWork: demo));
builder.Services.AddHostedService<DatabaseStartup>();

// Data, identity and the audit trail's "who".
builder.Services.AddHttpContextAccessor();
builder.Services.AddScoped<IAuditActor, HttpAuditActor>();
// Performance:FastPaths (default true): false writes and validates EPCIS captures with plain EF and JsonSchema.Net
// (src/Shian/Performance/README.md).
builder.Services.AddShianData(database, new Shian.Performance.PerformanceSettings(builder.Configuration.GetValue("Performance:FastPaths", true)))
    .AddSignInManager()
    .AddDefaultTokenProviders()
    .AddClaimsPrincipalFactory<ShianClaimsFactory>();
builder.Services.AddScoped<CurrentUser>();
builder.Services.AddScoped<Frame>();
builder.Services.AddSingleton<Shian.Common.ISmsSender, LoggingSmsSender>();
builder.Services.AddSingleton(new Shian.Sampling.ReinspectionLabDraw(Random.Shared));

// Sign-in: cookies for people, API keys for machines; the "Bearer" header decides which.
const string SmartScheme = "Shian";
builder.Services.AddAuthentication(o =>
    {
        o.DefaultScheme = SmartScheme;
        o.DefaultChallengeScheme = SmartScheme;
        o.DefaultForbidScheme = SmartScheme;
        o.DefaultSignInScheme = IdentityConstants.ApplicationScheme;
    })
    // A key is read only on the machine API's paths: on a page the Bearer header is ignored, so a key never opens a
    // page, an export or key management, whatever its owner's roles.
    .AddPolicyScheme(SmartScheme, null, o => o.ForwardDefaultSelector = context =>
        Problems.IsApi(context.Request) && ApiKeyAuthenticationHandler.HasBearer(context.Request)
            ? ApiKeyAuthenticationHandler.SchemeName
            : IdentityConstants.ApplicationScheme)
    .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
    .AddIdentityCookies();
builder.Services.ConfigureApplicationCookie(o =>
{
    o.LoginPath = Shian.Web.Features.Accounts.AccountsRoutes.Login;
    o.LogoutPath = Shian.Web.Features.Accounts.AccountsRoutes.Logout;
    o.AccessDeniedPath = Shian.Web.Features.Accounts.AccountsRoutes.AccessDenied;
    o.Cookie.Name = "shian.auth";
    o.Cookie.HttpOnly = true;
    o.Cookie.SameSite = SameSiteMode.Lax;
    o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest; // https as the client sees it, through a configured proxy
    o.ExpireTimeSpan = TimeSpan.FromHours(8);
    o.SlidingExpiration = true;
    // The machine API answers 401/403 with a problem document instead of redirecting to the login page.
    o.Events.OnRedirectToLogin = context => Problems.IsApi(context.Request)
        ? Unauthorized(context.HttpContext)
        : RedirectTo(context);
    o.Events.OnRedirectToAccessDenied = context => Problems.IsApi(context.Request)
        ? Problems.WriteAsync(context.HttpContext, 403, "Api.Title.Forbidden", "Api.Detail.AccountForbidden")
        : RedirectTo(context);

    static Task Unauthorized(HttpContext context)
    {
        context.Response.Headers.WWWAuthenticate = "Bearer"; // RFC 9110: a 401 names the scheme that would do
        return Problems.WriteAsync(context, 401, "Api.Title.Unauthorized", "Api.Detail.SignInOrKey");
    }

    static Task RedirectTo(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context)
    {
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
});
// A disabled account or changed password signs the user out of other sessions within a minute.
builder.Services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
builder.Services.AddAuthorization(Policies.Add);
builder.Services.AddSingleton<IAuthorizationHandler, ScopeRequirementHandler>();
builder.Services.AddSingleton(builder.Configuration.GetSection("Credit").Get<Shian.Credit.CreditSettings>() ?? new Shian.Credit.CreditSettings());
builder.Services.AddSingleton(builder.Configuration.GetSection("Complaints").Get<Shian.Complaints.ComplaintSettings>() ?? new Shian.Complaints.ComplaintSettings());

// Pages, language, API documents, health.
builder.Services.AddLocalization(o => o.ResourcesPath = "Resources");
// Every localizer reports the keys it cannot find (a raw key on screen is a bug the page crawl fails on).
builder.Services.AddSingleton<MissingResources>();
builder.Services.AddSingleton<Microsoft.Extensions.Localization.ResourceManagerStringLocalizerFactory>();
builder.Services.AddSingleton<Microsoft.Extensions.Localization.IStringLocalizerFactory, MissingResources.RecordingFactory>();
builder.Services.AddRazorPages(o =>
    {
        o.RootDirectory = "/";
        // One form registers and corrects a business; one sets up and changes an inspection team.
        o.Conventions.AddPageRoute("/Features/Registry/Edit", "/businesses/new");
        o.Conventions.AddPageRoute("/Features/Inspections/Teams/TeamEdit", "/inspections/teams/new");
        o.Conventions.AddPageRoute("/Features/Campaigns/Edit", "/campaigns/new");
    })
    .AddViewLocalization()
    .AddDataAnnotationsLocalization(o => o.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(Shian.Web.SharedResource)))
    // Validation happens on the server; without client validation the summary emits no inline-styled placeholder,
    // which the Content-Security-Policy would block (and report) on every form page.
    .AddViewOptions(o => o.HtmlHelperOptions.ClientValidationEnabled = false);
builder.Services.Configure<RequestLocalizationOptions>(Localization.Configure);
builder.Services.AddOptions<Microsoft.AspNetCore.Mvc.MvcOptions>()
    .Configure<Microsoft.Extensions.Localization.IStringLocalizerFactory>(Localization.LocalizeModelBinding);
// Chinese text is written as is, not as &#x...; entities.
builder.Services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
    o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
builder.Services.AddProblemDetails();
builder.Services.AddOpenApi();
builder.Services.AddHealthChecks().AddDbContextCheck<ShianDb>("database");
builder.Services.AddAntiforgery(o =>
{
    o.Cookie.Name = "shian.csrf";
    o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
});
// The key ring that protects cookies and form tokens lives in the database, so that every server behind a balancer
// (and a restarted one) reads the same keys.
builder.Services.AddDataProtection().SetApplicationName("Shian").PersistKeysToDbContext<ShianDb>();
// Behind nginx or another reverse proxy: X-Forwarded-For/-Proto are believed only from the configured proxies.
builder.Services.AddConfiguredProxies(builder.Configuration);
builder.Services.AddOutputCache(Shian.Web.Public.TraceCache.Add);
builder.Services.AddRateLimiter(o => RateLimits.Configure(o,
    builder.Configuration.GetValue("RateLimits:SignInPerMinute", 30),
    builder.Configuration.GetValue("RateLimits:ApiKeyPerMinute", RateLimits.DefaultApiKeyPerMinute),
    builder.Configuration.GetValue("RateLimits:PublicComplaintsPerMinute", RateLimits.DefaultPublicComplaintsPerMinute)));

// A refused start is reported once, by Program, in words for the operator; the host's own stack trace adds nothing.
builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);

var app = builder.Build();

app.UseConfiguredProxies(app.Configuration);

// The machine API answers every error with a problem document; people get a page in their language.
app.UseWhen(context => Problems.IsApi(context.Request), api =>
{
    api.UseExceptionHandler();
    api.UseStatusCodePages();
});
app.UseWhen(context => !Problems.IsApi(context.Request), pages =>
{
    if (!app.Environment.IsDevelopment())
    {
        pages.UseExceptionHandler(Shian.Web.Public.PublicRoutes.Error);
    }
    pages.UseStatusCodePagesWithReExecute(Shian.Web.Public.PublicRoutes.Error + "/{0}");
});
// Bodies larger than any form or document the platform takes are refused before anything reads them.
app.Use(async (context, next) =>
{
    if (context.Request.ContentLength > RequestLimits.MaxBodyBytes
        && context.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is null) // not again for the error page
    {
        context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        return;
    }
    await next();
});
if (!app.Environment.IsDevelopment())
{
    app.UseHsts();
}
// HTTPS is required for everyone but a browser on the same machine (the demo, the tests).
app.UseWhen(context => !IsLocal(context), branch => branch.UseHttpsRedirection());
app.UseShianSecurityHeaders();
app.UseRequestLocalization();
app.UseRouting();
app.UseAuthentication();
app.UseApiKeyScopes();
app.UseAuthorization();
app.UseRateLimiter();
app.UseOutputCache();
app.UseAntiforgery();

app.MapStaticAssets().AllowAnonymous();
app.MapRazorPages();
app.MapCultureSwitch();
app.MapOpenApi().AllowAnonymous();
app.MapScalarApiReference(o => o.WithTitle("Shian API")).AllowAnonymous();
app.MapHealthChecks("/health/live", new() { Predicate = _ => false }).AllowAnonymous();
app.MapHealthChecks("/health/ready").AllowAnonymous();
app.MapAccountsApi();
app.MapOrganizationApi();
app.MapCalendarApi();
app.MapPlansApi();
app.MapFilesApi();
app.MapRegistryApi();
app.MapEpcisApi();
app.MapLedgerApi();
app.MapComplaintsApi();

app.Lifetime.ApplicationStarted.Register(() =>
{
    var addresses = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
    foreach (var address in addresses ?? [])
    {
        Console.WriteLine($"Shian 已启动 / is running: {address.Replace("[::]", "localhost", StringComparison.Ordinal).Replace("0.0.0.0", "localhost", StringComparison.Ordinal)}");
    }
    Console.WriteLine($"数据库 / Database: {database.Describe()}");
});

try
{
    await app.RunAsync();
    return 0;
}
catch (StartupRefusedException refused)
{
    Console.Error.WriteLine(refused.Message);
    return 1;
}

static bool IsLocal(HttpContext context) =>
    context.Connection.RemoteIpAddress is null || System.Net.IPAddress.IsLoopback(context.Connection.RemoteIpAddress);

/// <summary>The entry point, visible to the test host.</summary>
public partial class Program;
