using System.Globalization;
using CyDef.Server.Security;
using CyDef.Storage;
using CyDef.Storage.Identities;
using CyDef.Taxii.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using ApiKeyOptions = CyDef.Taxii.Security.ApiKeyOptions;

namespace CyDef.Server.Identities;

/// <summary>
/// Wires the directory into a node: opens it beside the store, makes sure the node's organisation is in it (and in the
/// store as a STIX identity) with the communities configuration names, and registers what authenticates and signs in
/// against it.
/// </summary>
public static class NodeIdentities
{
    /// <summary>Opens the node's directory: SQLite in the data folder, or PostgreSQL when the store is there.</summary>
    /// <param name="node">The node's settings.</param>
    /// <param name="cancellationToken">Cancels the opening.</param>
    public static async Task<IDirectory> OpenDirectoryAsync(NodeOptions node, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(node);
        return string.IsNullOrWhiteSpace(node.Postgres)
            ? await SqliteDirectory.OpenAsync(node.DataFolder, cancellationToken).ConfigureAwait(false)
            : await PostgresDirectory.OpenAsync(node.Postgres, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Opens and seeds the directory and registers <see cref="IDirectory"/>, <see cref="NodeDirectory"/>, directory
    /// keys in API-key authentication and <see cref="DirectorySignIn"/> as the <see cref="IUserSignIn"/> (replacing any
    /// registered before; <see cref="DirectoryApi.MapDirectoryApi"/> checks at start that no later one displaced it).
    /// </summary>
    /// <param name="builder">The node's builder.</param>
    /// <param name="node">The node's settings.</param>
    /// <param name="store">The node's store.</param>
    /// <param name="logger">Start-up logs.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <param name="options">How the node's identity object is ingested (signed as its publication).</param>
    /// <returns>The node organisation's communities, kept up to date: the sharing policy's.</returns>
    public static async Task<LiveCommunities> AddCyDefIdentitiesAsync(this WebApplicationBuilder builder, NodeOptions node, IObjectStore store, ILogger logger, CancellationToken cancellationToken = default, IngestOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var sharing = builder.Configuration.GetSection(SharingOptions.Section).Get<SharingOptions>() ?? new SharingOptions();
        var directory = await OpenDirectoryAsync(node, cancellationToken).ConfigureAwait(false);
        var communities = new LiveCommunities();
        var service = new NodeDirectory(directory, sharing.Organization, communities, TimeProvider.System);
        try
        {
            await SeedAsync(service, sharing, cancellationToken).ConfigureAwait(false);
            if (await NodeIdentityObject.StoreIfMissingAsync(store, sharing, TimeProvider.System.GetUtcNow(), cancellationToken, options).ConfigureAwait(false))
            {
                logger.LogInformation("The node's organisation {Organization} is in the store as a STIX identity", sharing.Organization);
            }
        }
        catch
        {
            await directory.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        var services = builder.Services;
        services.AddSingleton(_ => directory);
        services.AddSingleton(service);
        services.RemoveAll<IUserSignIn>();
        services.AddSingleton<IUserSignIn>(sp => new DirectorySignIn(
            sp.GetRequiredService<NodeDirectory>(),
            new Web.Security.ApiKeyUserSignIn(sp.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<ApiKeyOptions>>())));
        services.AddOptions<ApiKeyOptions>(ApiKeyOptions.Scheme).PostConfigure<NodeDirectory>((o, d) => o.Lookup = d.AuthenticateAsync);
        return communities;
    }

    /// <summary>
    /// Makes sure the node's organisation is in the directory (named as configured, the first time) and a member of
    /// every community configuration lists (each created when missing), and notes it as the node's; then reads the
    /// node's communities from the directory. Idempotent.
    /// </summary>
    /// <param name="service">The node's directory.</param>
    /// <param name="sharing">The node's sharing settings.</param>
    /// <param name="cancellationToken">Cancels the seeding.</param>
    public static async Task SeedAsync(NodeDirectory service, SharingOptions sharing, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(sharing);
        var directory = service.Directory;
        var id = sharing.Organization;
        if (await directory.GetOrganizationAsync(id, cancellationToken).ConfigureAwait(false) is null)
        {
            var organization = new Organization(id, sharing.OrganizationName, sharing.Nationality is { } n ? CountryCodes.Normalize(n) : null, sharing.Sector, service.Time.GetUtcNow());
            if (await directory.AddOrganizationAsync(organization, cancellationToken).ConfigureAwait(false) == DirectoryWrite.Conflict)
            {
                // Another organisation has the name: this one is told apart by its id.
                await directory.AddOrganizationAsync(organization with { Name = string.Create(CultureInfo.InvariantCulture, $"{sharing.OrganizationName} ({id})") }, cancellationToken).ConfigureAwait(false);
            }
        }

        await directory.SetSettingAsync(DirectorySettings.NodeOrganization, id, cancellationToken).ConfigureAwait(false);
        foreach (var community in sharing.Communities.Distinct(StringComparer.Ordinal))
        {
            if (await directory.GetCommunityAsync(community, cancellationToken).ConfigureAwait(false) is null)
            {
                var name = community.StartsWith("community--", StringComparison.Ordinal) ? community["community--".Length..] : community;
                if (await directory.AddCommunityAsync(new Community(community, name, null, [id]), cancellationToken).ConfigureAwait(false) == DirectoryWrite.Conflict)
                {
                    await directory.AddCommunityAsync(new Community(community, community, null, [id]), cancellationToken).ConfigureAwait(false);
                }
            }
            else
            {
                await directory.AddMemberAsync(community, id, cancellationToken).ConfigureAwait(false);
            }
        }

        await service.RefreshAsync(cancellationToken).ConfigureAwait(false);
    }
}
