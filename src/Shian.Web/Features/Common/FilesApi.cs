using Microsoft.AspNetCore.Http.HttpResults;
using Shian.Web.Infrastructure;

namespace Shian.Web.Features.Common;

/// <summary>
/// Opening an attached file: one route for every stored file, under the rule of the kind of record it belongs to
/// (<see cref="FileRules"/>). The pages' own download links (an inspection's photos, an order's evidence...) ask the
/// same rules.
/// </summary>
public static class FilesApi
{
    public static IEndpointRouteBuilder MapFilesApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/files/{id:guid}", async Task<Results<FileContentHttpResult, NotFound, ForbidHttpResult>> (Guid id, HttpContext http) =>
                await FileRules.OpenAsync(http, id) switch
                {
                    (FileRules.Verdict.Open, { } file) => TypedResults.File(file.Content, file.ContentType, file.FileName),
                    (FileRules.Verdict.Forbidden, _) => TypedResults.Forbid(),
                    _ => TypedResults.NotFound(),
                })
            .RequireAuthorization(Policies.SignedIn)
            .WithTags("Files")
            .WithSummary("An attached file (a report's attachment, the evidence for a value, an inspection photo...), to whoever may see its record");
        return app;
    }
}
