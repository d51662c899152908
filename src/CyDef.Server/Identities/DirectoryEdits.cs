using CyDef.Storage.Identities;

namespace CyDef.Server.Identities;

/// <summary>
/// Edits of the directory with their checks, one place for the REST API and the <c>cydef</c> command: each checks the
/// values (400 problems), then the records they refer to, then makes the change (a conflict or a missing record
/// changes nothing).
/// </summary>
public static partial class DirectoryEdits
{
    /// <summary>Adds an organisation.</summary>
    /// <param name="directory">The directory.</param>
    /// <param name="request">The organisation.</param>
    /// <param name="now">The time of creation.</param>
    /// <param name="cancellationToken">Cancels the edit.</param>
    public static async Task<DirectoryEdit<Organization>> AddOrganizationAsync(IDirectory directory, OrganizationRequest request, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(request);
        var problems = new DirectoryProblems();
        var organization = new Organization(
            DirectoryRules.OrganizationId(request.Id ?? "identity--" + Guid.NewGuid(), "id", problems),
            DirectoryRules.Name(request.Name, "name", problems),
            DirectoryRules.Country(request.Country, "country", problems),
            Sector(request.Sector, problems),
            now);
        if (!problems.IsEmpty)
        {
            return DirectoryEdit<Organization>.Invalid(problems);
        }

        if (await directory.GetOrganizationAsync(organization.Id, cancellationToken).ConfigureAwait(false) is not null)
        {
            return DirectoryEdit<Organization>.Refused(DirectoryWrite.Conflict, "id", $"An organisation with the id '{organization.Id}' exists.");
        }

        return await directory.AddOrganizationAsync(organization, cancellationToken).ConfigureAwait(false) == DirectoryWrite.Done
            ? DirectoryEdit<Organization>.Made(organization)
            : DirectoryEdit<Organization>.Refused(DirectoryWrite.Conflict, "name", $"An organisation named '{organization.Name}' exists.");
    }

    /// <summary>Changes an organisation's name, country and sector.</summary>
    /// <param name="directory">The directory.</param>
    /// <param name="id">The organisation.</param>
    /// <param name="request">The new values.</param>
    /// <param name="cancellationToken">Cancels the edit.</param>
    public static async Task<DirectoryEdit<Organization>> UpdateOrganizationAsync(IDirectory directory, string id, OrganizationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(request);
        if (await directory.GetOrganizationAsync(id, cancellationToken).ConfigureAwait(false) is not { } existing)
        {
            return DirectoryEdit<Organization>.Refused(DirectoryWrite.NotFound, "id", $"No organisation has the id '{id}'.");
        }

        var problems = new DirectoryProblems();
        var organization = existing with
        {
            Name = DirectoryRules.Name(request.Name, "name", problems),
            Country = DirectoryRules.Country(request.Country, "country", problems),
            Sector = Sector(request.Sector, problems),
        };
        if (!problems.IsEmpty)
        {
            return DirectoryEdit<Organization>.Invalid(problems);
        }

        return await directory.UpdateOrganizationAsync(organization, cancellationToken).ConfigureAwait(false) switch
        {
            DirectoryWrite.Done => DirectoryEdit<Organization>.Made(organization),
            DirectoryWrite.NotFound => DirectoryEdit<Organization>.Refused(DirectoryWrite.NotFound, "id", $"No organisation has the id '{id}'."),
            _ => DirectoryEdit<Organization>.Refused(DirectoryWrite.Conflict, "name", $"An organisation named '{organization.Name}' exists."),
        };
    }

    /// <summary>Adds a community with its members.</summary>
    /// <param name="directory">The directory.</param>
    /// <param name="request">The community.</param>
    /// <param name="cancellationToken">Cancels the edit.</param>
    public static async Task<DirectoryEdit<Community>> AddCommunityAsync(IDirectory directory, CommunityRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(request);
        var problems = new DirectoryProblems();
        var name = DirectoryRules.Name(request.Name, "name", problems);
        var id = DirectoryRules.CommunityId(request.Id ?? (problems.IsEmpty ? DirectoryRules.CommunityIdFor(name) : null), "id", problems);
        var members = (request.Members ?? []).Select((m, i) => DirectoryRules.OrganizationId(m, $"members[{i}]", problems)).ToList();
        if (request.Description is { Length: > 2000 })
        {
            problems.Add("description", "at most 2,000 characters");
        }

        await UnknownOrganizationsAsync(directory, members, "members", problems, cancellationToken).ConfigureAwait(false);
        if (!problems.IsEmpty)
        {
            return DirectoryEdit<Community>.Invalid(problems);
        }

        if (await directory.GetCommunityAsync(id, cancellationToken).ConfigureAwait(false) is not null)
        {
            return DirectoryEdit<Community>.Refused(DirectoryWrite.Conflict, "id", $"A community with the id '{id}' exists.");
        }

        var community = new Community(id, name, request.Description, members.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList());
        return await directory.AddCommunityAsync(community, cancellationToken).ConfigureAwait(false) switch
        {
            DirectoryWrite.Done => DirectoryEdit<Community>.Made(community),
            DirectoryWrite.NotFound => DirectoryEdit<Community>.Refused(DirectoryWrite.NotFound, "members", "A member organisation is no longer in the directory."),
            _ => DirectoryEdit<Community>.Refused(DirectoryWrite.Conflict, "name", $"A community named '{name}' exists."),
        };
    }

    /// <summary>Makes an organisation a member of a community.</summary>
    /// <param name="directory">The directory.</param>
    /// <param name="communityId">The community.</param>
    /// <param name="organizationId">The organisation.</param>
    /// <param name="cancellationToken">Cancels the edit.</param>
    public static async Task<DirectoryEdit<Community>> AddMemberAsync(IDirectory directory, string communityId, string organizationId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (await directory.GetCommunityAsync(communityId, cancellationToken).ConfigureAwait(false) is null)
        {
            return DirectoryEdit<Community>.Refused(DirectoryWrite.NotFound, "community", $"No community has the id '{communityId}'.");
        }

        if (await directory.GetOrganizationAsync(organizationId, cancellationToken).ConfigureAwait(false) is null)
        {
            return DirectoryEdit<Community>.Refused(DirectoryWrite.NotFound, "organization", $"No organisation has the id '{organizationId}'.");
        }

        return await directory.AddMemberAsync(communityId, organizationId, cancellationToken).ConfigureAwait(false) == DirectoryWrite.Done
            ? DirectoryEdit<Community>.Made((await directory.GetCommunityAsync(communityId, cancellationToken).ConfigureAwait(false))!)
            : DirectoryEdit<Community>.Refused(DirectoryWrite.Conflict, "organization", $"'{organizationId}' is a member of '{communityId}' already.");
    }

    private static string? Sector(string? sector, DirectoryProblems problems)
    {
        if (sector is not null && (sector.Length is 0 or > 100 || sector.Any(c => char.IsWhiteSpace(c) || char.IsUpper(c))))
        {
            problems.Add("sector", $"'{sector}' is not a sector name (lower case, no spaces: defense, government-national, telecommunications …)");
        }

        return sector;
    }

    private static async Task UnknownOrganizationsAsync(IDirectory directory, IReadOnlyList<string> ids, string field, DirectoryProblems problems, CancellationToken cancellationToken)
    {
        for (var i = 0; i < ids.Count; i++)
        {
            if (ids[i].Length > 0 && await directory.GetOrganizationAsync(ids[i], cancellationToken).ConfigureAwait(false) is null)
            {
                problems.Add($"{field}[{i}]", $"no organisation has the id '{ids[i]}'");
            }
        }
    }

    private static async Task UnknownCommunitiesAsync(IDirectory directory, IReadOnlyList<string> ids, string field, DirectoryProblems problems, CancellationToken cancellationToken)
    {
        for (var i = 0; i < ids.Count; i++)
        {
            if (ids[i].Length > 0 && await directory.GetCommunityAsync(ids[i], cancellationToken).ConfigureAwait(false) is null)
            {
                problems.Add($"{field}[{i}]", $"no community has the id '{ids[i]}'");
            }
        }
    }
}
