using CyDef.Storage.Identities;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace CyDef.Server.Identities;

/// <summary>Communities and their members.</summary>
public static partial class DirectoryApi
{
    private static void MapCommunities(RouteGroupBuilder api)
    {
        api.MapGet("/communities", ListCommunitiesAsync).WithSummary("Communities, by name, with their members");
        api.MapPost("/communities", AddCommunityAsync).WithSummary("Add a community (id made from the name when absent)");
        api.MapGet("/communities/{id}", GetCommunityAsync).WithSummary("A community and its members");
        api.MapPut("/communities/{id}/members/{organization}", AddMemberAsync).WithSummary("Make an organisation a member of a community");
        api.MapDelete("/communities/{id}/members/{organization}", RemoveMemberAsync).WithSummary("End an organisation's membership of a community");
    }

    private static async Task<Ok<IReadOnlyList<Community>>> ListCommunitiesAsync(IDirectory directory, CancellationToken cancellationToken) =>
        TypedResults.Ok(await directory.ListCommunitiesAsync(cancellationToken).ConfigureAwait(false));

    private static async Task<Results<Created<Community>, ValidationProblem, ProblemHttpResult>> AddCommunityAsync(CommunityRequest request, NodeDirectory node, CancellationToken cancellationToken)
    {
        var edit = await DirectoryEdits.AddCommunityAsync(node.Directory, request, cancellationToken).ConfigureAwait(false);
        await node.RefreshAsync(cancellationToken).ConfigureAwait(false);
        return Created(edit, c => $"/api/v1/communities/{c.Id}");
    }

    private static async Task<Results<Ok<Community>, ProblemHttpResult>> GetCommunityAsync(string id, IDirectory directory, CancellationToken cancellationToken) =>
        await directory.GetCommunityAsync(id, cancellationToken).ConfigureAwait(false) is { } community
            ? TypedResults.Ok(community)
            : NotFound($"No community has the id '{id}'.");

    private static async Task<Results<Ok<Community>, ValidationProblem, ProblemHttpResult>> AddMemberAsync(string id, string organization, NodeDirectory node, CancellationToken cancellationToken)
    {
        var edit = await DirectoryEdits.AddMemberAsync(node.Directory, id, organization, cancellationToken).ConfigureAwait(false);
        await node.RefreshAsync(cancellationToken).ConfigureAwait(false);
        return Answer(edit);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RemoveMemberAsync(string id, string organization, NodeDirectory node, CancellationToken cancellationToken)
    {
        var outcome = await node.Directory.RemoveMemberAsync(id, organization, cancellationToken).ConfigureAwait(false);
        await node.RefreshAsync(cancellationToken).ConfigureAwait(false);
        return outcome == DirectoryWrite.Done ? TypedResults.NoContent() : NotFound($"'{organization}' is not a member of '{id}'.");
    }
}
