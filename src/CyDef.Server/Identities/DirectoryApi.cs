using CyDef.Server.Security;
using CyDef.Storage.Identities;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CyDef.Server.Identities;

/// <summary>
/// The directory's REST API (<c>/api/v1/…</c>, administrators): organisations, communities and their members, users
/// (roles, clearance, password), API keys (the secret shown once); and <c>/api/v1/me</c> for any caller. Bad values
/// are RFC 9457 problem details naming each field (400), a missing record 404, a taken name or id 409.
/// </summary>
public static partial class DirectoryApi
{
    /// <summary>Maps the endpoints.</summary>
    /// <param name="app">The application.</param>
    public static IEndpointRouteBuilder MapDirectoryApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.ServiceProvider.GetService<IUserSignIn>() is not DirectorySignIn)
        {
            throw new InvalidOperationException("The node's IUserSignIn must be the directory's (DirectorySignIn): register a fallback with TryAdd, before AddCyDefIdentitiesAsync.");
        }

        var api = app.MapGroup("/api/v1").RequireAuthorization(NodeAuthorization.AdministratorPolicy).WithTags("Directory");
        api.MapGet("/organizations", ListOrganizationsAsync).WithSummary("Organisations, by name");
        api.MapPost("/organizations", AddOrganizationAsync).WithSummary("Add an organisation");
        api.MapGet("/organizations/{id}", GetOrganizationAsync).WithSummary("An organisation");
        api.MapPut("/organizations/{id}", UpdateOrganizationAsync).WithSummary("Change an organisation's name, country and sector");
        MapCommunities(api);
        MapUsers(api);
        MapKeys(api);
        app.MapGroup("/api/v1").RequireAuthorization().WithTags("Directory")
            .MapGet("/me", Me).WithSummary("Who the caller is: name, roles, rights and the viewer the sharing policy sees");
        return app;
    }

    private static async Task<Ok<IReadOnlyList<Organization>>> ListOrganizationsAsync(IDirectory directory, CancellationToken cancellationToken) =>
        TypedResults.Ok(await directory.ListOrganizationsAsync(cancellationToken).ConfigureAwait(false));

    private static async Task<Results<Created<Organization>, ValidationProblem, ProblemHttpResult>> AddOrganizationAsync(OrganizationRequest request, NodeDirectory node, CancellationToken cancellationToken) =>
        Created(await DirectoryEdits.AddOrganizationAsync(node.Directory, request, node.Time.GetUtcNow(), cancellationToken).ConfigureAwait(false), o => $"/api/v1/organizations/{o.Id}");

    private static async Task<Results<Ok<Organization>, ProblemHttpResult>> GetOrganizationAsync(string id, IDirectory directory, CancellationToken cancellationToken) =>
        await directory.GetOrganizationAsync(id, cancellationToken).ConfigureAwait(false) is { } organization
            ? TypedResults.Ok(organization)
            : NotFound($"No organisation has the id '{id}'.");

    private static async Task<Results<Ok<Organization>, ValidationProblem, ProblemHttpResult>> UpdateOrganizationAsync(string id, OrganizationRequest request, IDirectory directory, CancellationToken cancellationToken) =>
        Answer(await DirectoryEdits.UpdateOrganizationAsync(directory, id, request, cancellationToken).ConfigureAwait(false));

    private static Results<Ok<T>, ValidationProblem, ProblemHttpResult> Answer<T>(DirectoryEdit<T> edit)
        where T : class
    {
        if (edit.Done)
        {
            return TypedResults.Ok(edit.Value);
        }

        return edit.Problems.IsEmpty ? Problem(edit) : Invalid(edit.Problems);
    }

    private static Results<Created<T>, ValidationProblem, ProblemHttpResult> Created<T>(DirectoryEdit<T> edit, Func<T, string> location)
        where T : class
    {
        if (edit.Done)
        {
            return TypedResults.Created(location(edit.Value!), edit.Value);
        }

        return edit.Problems.IsEmpty ? Problem(edit) : Invalid(edit.Problems);
    }

    private static ValidationProblem Invalid(DirectoryProblems problems) =>
        TypedResults.ValidationProblem(problems.ToDictionary(), title: "The request has bad values");

    private static ProblemHttpResult Problem<T>(DirectoryEdit<T> edit)
        where T : class
    {
        var conflict = edit.Outcome == DirectoryWrite.Conflict;
        return TypedResults.Problem(
            edit.Detail,
            statusCode: conflict ? StatusCodes.Status409Conflict : StatusCodes.Status404NotFound,
            title: conflict ? "Conflict" : "Not found",
            extensions: new Dictionary<string, object?> { ["field"] = edit.Field });
    }

    private static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "Not found");
}
