using System.Security.Claims;
using CyDef.Storage.Identities;
using CyDef.Taxii.Security;
using CyDef.Taxii.Server;
using CyDef.Sharing.Markings;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace CyDef.Server.Identities;

/// <summary>API keys, and who the caller is.</summary>
public static partial class DirectoryApi
{
    private static void MapKeys(RouteGroupBuilder api)
    {
        api.MapGet("/api-keys", ListKeysAsync).WithSummary("API keys, newest first (never their secrets)");
        api.MapPost("/api-keys", CreateKeyAsync).WithSummary("Make an API key for a user or a peer organisation: the secret is in the answer, once");
        api.MapGet("/api-keys/{id}", GetKeyAsync).WithSummary("An API key");
        api.MapDelete("/api-keys/{id}", RevokeKeyAsync).WithSummary("Revoke an API key (it stays listed, revoked)");
    }

    private static async Task<Ok<IReadOnlyList<ApiKeyView>>> ListKeysAsync(IDirectory directory, CancellationToken cancellationToken) =>
        TypedResults.Ok<IReadOnlyList<ApiKeyView>>((await directory.ListApiKeysAsync(cancellationToken).ConfigureAwait(false)).Select(ApiKeyView.Of).ToList());

    private static async Task<Results<Created<CreatedApiKey>, ValidationProblem, ProblemHttpResult>> CreateKeyAsync(ApiKeyRequest request, NodeDirectory node, CancellationToken cancellationToken) =>
        Created(await DirectoryEdits.CreateApiKeyAsync(node.Directory, request, node.Time.GetUtcNow(), cancellationToken).ConfigureAwait(false), k => $"/api/v1/api-keys/{k.Key.Id}");

    private static async Task<Results<Ok<ApiKeyView>, ProblemHttpResult>> GetKeyAsync(string id, IDirectory directory, CancellationToken cancellationToken) =>
        await directory.GetApiKeyAsync(id, cancellationToken).ConfigureAwait(false) is { } key
            ? TypedResults.Ok(ApiKeyView.Of(key))
            : NotFound($"No key has the id '{id}'.");

    private static async Task<Results<Ok<ApiKeyView>, ValidationProblem, ProblemHttpResult>> RevokeKeyAsync(string id, NodeDirectory node, CancellationToken cancellationToken) =>
        Answer(await DirectoryEdits.RevokeApiKeyAsync(node.Directory, id, node.Time.GetUtcNow(), cancellationToken).ConfigureAwait(false));

    private static Ok<MeView> Me(HttpContext http, SharingGate sharing)
    {
        var user = http.User;
        var viewer = sharing.ViewerOf(http);
        var administrator = NodeClaims.IsAdministrator(user);
        return TypedResults.Ok(new MeView(
            user.Identity?.Name ?? "",
            user.FindFirst(NodeDirectory.ApiKeyClaim)?.Value,
            user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList(),
            administrator ? ["*"] : user.FindAll(NodeClaims.Read).Select(c => c.Value).ToList(),
            administrator ? ["*"] : user.FindAll(NodeClaims.Write).Select(c => c.Value).ToList(),
            NodeClaims.ReadableTypes(user)?.Order(StringComparer.Ordinal).ToList(),
            new ViewerView(
                viewer.Kind.ToString().ToLowerInvariant(),
                viewer.Organization,
                Classifications.Name(viewer.Clearance),
                viewer.Nationality,
                viewer.Communities.Order(StringComparer.Ordinal).ToList(),
                viewer.Exercises.Order(StringComparer.Ordinal).ToList())));
    }
}
