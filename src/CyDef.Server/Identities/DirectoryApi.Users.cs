using CyDef.Storage.Identities;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace CyDef.Server.Identities;

/// <summary>Users.</summary>
public static partial class DirectoryApi
{
    private static void MapUsers(RouteGroupBuilder api)
    {
        api.MapGet("/users", ListUsersAsync).WithSummary("Users, by name");
        api.MapPost("/users", AddUserAsync).WithSummary("Add a user (organisation: the node's when absent)");
        api.MapGet("/users/{userName}", GetUserAsync).WithSummary("A user");
        api.MapPatch("/users/{userName}", ChangeUserAsync).WithSummary("Change a user's roles, clearance, organisation, communities, exercises; disable or enable");
        api.MapPost("/users/{userName}/password", SetPasswordAsync).WithSummary("Reset a user's password (a random one, shown once, when none is given)");
    }

    private static async Task<Ok<IReadOnlyList<UserView>>> ListUsersAsync(IDirectory directory, CancellationToken cancellationToken) =>
        TypedResults.Ok<IReadOnlyList<UserView>>((await directory.ListUsersAsync(cancellationToken).ConfigureAwait(false)).Select(UserView.Of).ToList());

    private static async Task<Results<Created<UserView>, ValidationProblem, ProblemHttpResult>> AddUserAsync(UserRequest request, NodeDirectory node, CancellationToken cancellationToken)
    {
        var edit = await DirectoryEdits.AddUserAsync(node.Directory, request, node.NodeOrganization, node.Time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        return Created(View(edit), u => $"/api/v1/users/{u.UserName}");
    }

    private static async Task<Results<Ok<UserView>, ProblemHttpResult>> GetUserAsync(string userName, IDirectory directory, CancellationToken cancellationToken) =>
        await directory.GetUserAsync(userName, cancellationToken).ConfigureAwait(false) is { } user
            ? TypedResults.Ok(UserView.Of(user))
            : NotFound($"No user is named '{userName}'.");

    private static async Task<Results<Ok<UserView>, ValidationProblem, ProblemHttpResult>> ChangeUserAsync(string userName, UserChange change, IDirectory directory, CancellationToken cancellationToken) =>
        Answer(View(await DirectoryEdits.ChangeUserAsync(directory, userName, change, cancellationToken).ConfigureAwait(false)));

    private static async Task<Results<Ok<PasswordResult>, ValidationProblem, ProblemHttpResult>> SetPasswordAsync(string userName, PasswordRequest? request, IDirectory directory, CancellationToken cancellationToken) =>
        Answer(await DirectoryEdits.SetPasswordAsync(directory, userName, request?.Password, cancellationToken).ConfigureAwait(false));

    private static DirectoryEdit<UserView> View(DirectoryEdit<DirectoryUser> edit) =>
        new(edit.Value is null ? null : UserView.Of(edit.Value), edit.Problems, edit.Outcome, edit.Field, edit.Detail);
}
