using System.Data.Common;

namespace CyDef.Storage.Identities;

/// <summary>Organisations and communities.</summary>
public abstract partial class SqlDirectory
{
    private const string OrganizationColumns = "id, name, country, sector, created";
    private const string OrganizationExists = "SELECT 1 FROM directory_organizations WHERE id = @value";
    private const string CommunityExists = "SELECT 1 FROM directory_communities WHERE id = @value";

    /// <inheritdoc />
    public Task<DirectoryWrite> AddOrganizationAsync(Organization organization, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(organization);
        return WriteAsync(
            async (connection, transaction) => await RunAsync(
                connection, transaction,
                $"INSERT INTO directory_organizations ({OrganizationColumns}, name_key) VALUES (@id, @name, @country, @sector, @created, @key) ON CONFLICT DO NOTHING",
                cancellationToken,
                ("id", organization.Id), ("name", organization.Name.Trim()), ("country", organization.Country), ("sector", organization.Sector),
                ("created", Millis(organization.Created)), ("key", NameKey(organization.Name))).ConfigureAwait(false) == 1 ? DirectoryWrite.Done : DirectoryWrite.Conflict,
            DirectoryWrite.Conflict,
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<DirectoryWrite> UpdateOrganizationAsync(Organization organization, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(organization);
        return WriteAsync(
            async (connection, transaction) =>
            {
                if (!await ExistsAsync(connection, transaction, OrganizationExists, organization.Id, cancellationToken).ConfigureAwait(false))
                {
                    return DirectoryWrite.NotFound;
                }

                await RunAsync(
                    connection, transaction,
                    "UPDATE directory_organizations SET name = @name, name_key = @key, country = @country, sector = @sector WHERE id = @id",
                    cancellationToken,
                    ("id", organization.Id), ("name", organization.Name.Trim()), ("key", NameKey(organization.Name)), ("country", organization.Country), ("sector", organization.Sector)).ConfigureAwait(false);
                return DirectoryWrite.Done;
            },
            DirectoryWrite.Conflict,
            cancellationToken);
    }

    /// <inheritdoc />
    public async Task<Organization?> GetOrganizationAsync(string id, CancellationToken cancellationToken = default) =>
        (await ReadAsync($"SELECT {OrganizationColumns} FROM directory_organizations WHERE id = @id", ReadOrganization, cancellationToken, ("id", id)).ConfigureAwait(false)).FirstOrDefault();

    /// <inheritdoc />
    public async Task<Organization?> FindOrganizationAsync(string name, CancellationToken cancellationToken = default) =>
        (await ReadAsync($"SELECT {OrganizationColumns} FROM directory_organizations WHERE name_key = @key", ReadOrganization, cancellationToken, ("key", NameKey(name))).ConfigureAwait(false)).FirstOrDefault();

    /// <inheritdoc />
    public async Task<IReadOnlyList<Organization>> ListOrganizationsAsync(CancellationToken cancellationToken = default) =>
        await ReadAsync($"SELECT {OrganizationColumns} FROM directory_organizations ORDER BY name_key", ReadOrganization, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public Task<DirectoryWrite> AddCommunityAsync(Community community, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(community);
        return WriteAsync(
            async (connection, transaction) =>
            {
                foreach (var member in community.Members)
                {
                    if (!await ExistsAsync(connection, transaction, OrganizationExists, member, cancellationToken).ConfigureAwait(false))
                    {
                        return DirectoryWrite.NotFound;
                    }
                }

                var added = await RunAsync(
                    connection, transaction,
                    "INSERT INTO directory_communities (id, name, name_key, description) VALUES (@id, @name, @key, @description) ON CONFLICT DO NOTHING",
                    cancellationToken,
                    ("id", community.Id), ("name", community.Name.Trim()), ("key", NameKey(community.Name)), ("description", community.Description)).ConfigureAwait(false);
                if (added == 0)
                {
                    return DirectoryWrite.Conflict;
                }

                foreach (var member in community.Members.Distinct(StringComparer.Ordinal))
                {
                    await RunAsync(connection, transaction, "INSERT INTO directory_members (community, organization) VALUES (@community, @organization)", cancellationToken, ("community", community.Id), ("organization", member)).ConfigureAwait(false);
                }

                return DirectoryWrite.Done;
            },
            DirectoryWrite.Conflict,
            cancellationToken);
    }

    /// <inheritdoc />
    public async Task<Community?> GetCommunityAsync(string id, CancellationToken cancellationToken = default) =>
        (await ListCommunitiesAsync("WHERE id = @id", cancellationToken, ("id", id)).ConfigureAwait(false)).FirstOrDefault();

    /// <inheritdoc />
    public async Task<IReadOnlyList<Community>> ListCommunitiesAsync(CancellationToken cancellationToken = default) =>
        await ListCommunitiesAsync("", cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public Task<DirectoryWrite> AddMemberAsync(string communityId, string organizationId, CancellationToken cancellationToken = default) =>
        WriteAsync(
            async (connection, transaction) =>
            {
                if (!await ExistsAsync(connection, transaction, CommunityExists, communityId, cancellationToken).ConfigureAwait(false)
                    || !await ExistsAsync(connection, transaction, OrganizationExists, organizationId, cancellationToken).ConfigureAwait(false))
                {
                    return DirectoryWrite.NotFound;
                }

                return await RunAsync(
                    connection, transaction, "INSERT INTO directory_members (community, organization) VALUES (@community, @organization) ON CONFLICT DO NOTHING",
                    cancellationToken, ("community", communityId), ("organization", organizationId)).ConfigureAwait(false) == 1 ? DirectoryWrite.Done : DirectoryWrite.Conflict;
            },
            DirectoryWrite.NotFound,
            cancellationToken);

    /// <inheritdoc />
    public Task<DirectoryWrite> RemoveMemberAsync(string communityId, string organizationId, CancellationToken cancellationToken = default) =>
        WriteAsync(
            async (connection, transaction) => await RunAsync(
                connection, transaction, "DELETE FROM directory_members WHERE community = @community AND organization = @organization",
                cancellationToken, ("community", communityId), ("organization", organizationId)).ConfigureAwait(false) == 1 ? DirectoryWrite.Done : DirectoryWrite.NotFound,
            DirectoryWrite.NotFound,
            cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> CommunitiesOfAsync(string organizationId, CancellationToken cancellationToken = default) =>
        await ReadAsync("SELECT community FROM directory_members WHERE organization = @organization ORDER BY community", r => r.GetString(0), cancellationToken, ("organization", organizationId)).ConfigureAwait(false);

    private async Task<List<Community>> ListCommunitiesAsync(string where, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        var communities = await ReadAsync(
            $"SELECT id, name, description FROM directory_communities {where} ORDER BY name_key",
            r => new Community(r.GetString(0), r.GetString(1), MaybeString(r, 2), []), cancellationToken, parameters).ConfigureAwait(false);
        var members = await ReadAsync(
            $"SELECT community, organization FROM directory_members WHERE community IN (SELECT id FROM directory_communities {where}) ORDER BY organization",
            r => (Community: r.GetString(0), Organization: r.GetString(1)), cancellationToken, parameters).ConfigureAwait(false);
        var byCommunity = members.ToLookup(m => m.Community, m => m.Organization, StringComparer.Ordinal);
        return communities.Select(c => c with { Members = byCommunity[c.Id].ToList() }).ToList();
    }

    private static Organization ReadOrganization(DbDataReader reader) =>
        new(reader.GetString(0), reader.GetString(1), MaybeString(reader, 2), MaybeString(reader, 3), Time(reader, 4));
}
