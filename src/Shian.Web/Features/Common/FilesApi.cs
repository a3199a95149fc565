using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Shian.Common;
using Shian.Data;
using Shian.Web.Infrastructure;

namespace Shian.Web.Features.Common;

/// <summary>Opening an attached file. Who may open it follows the record it belongs to.</summary>
public static class FilesApi
{
    public static IEndpointRouteBuilder MapFilesApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/files/{id:guid}", async Task<Results<FileContentHttpResult, NotFound, ForbidHttpResult>> (
                Guid id, ShianDb db, HttpContext http, IAuthorizationService authorization) =>
            {
                var file = await db.StoredFiles.AsNoTracking().Where(f => f.Id == id)
                    .Select(f => new { f.OwnerKind, f.FileName, f.ContentType }).FirstOrDefaultAsync();
                if (file is null)
                {
                    return TypedResults.NotFound();
                }
                // Plan work is open to all staff, as the plan pages are; later owners (inspections, businesses) add their rule.
                var policy = file.OwnerKind switch
                {
                    FileOwners.TaskReport or FileOwners.IndicatorValue => Policies.Staff,
                    _ => null,
                };
                if (policy is null || !(await authorization.AuthorizeAsync(http.User, policy)).Succeeded)
                {
                    return TypedResults.Forbid();
                }
                var content = await db.StoredFiles.Where(f => f.Id == id).Select(f => f.Content).SingleAsync();
                return TypedResults.File(content, file.ContentType, file.FileName);
            })
            .RequireAuthorization(Policies.Staff)
            .WithTags("Files")
            .WithSummary("An attached file (a report's attachment, the evidence for a value)");
        return app;
    }
}
