using System.Security.Cryptography;
using CyDef.Storage.Identities;

namespace CyDef.Server.Identities;

/// <summary>Users.</summary>
public static partial class DirectoryEdits
{
    /// <summary>Adds a user.</summary>
    /// <param name="directory">The directory.</param>
    /// <param name="request">The user.</param>
    /// <param name="defaultOrganization">The organisation of a user whose request names none (the node's).</param>
    /// <param name="now">The time of creation.</param>
    /// <param name="cancellationToken">Cancels the edit.</param>
    public static async Task<DirectoryEdit<DirectoryUser>> AddUserAsync(IDirectory directory, UserRequest request, string defaultOrganization, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(request);
        var problems = new DirectoryProblems();
        var userName = DirectoryRules.UserName(request.UserName, "userName", problems);
        var organization = DirectoryRules.OrganizationId(request.Organization ?? defaultOrganization, "organization", problems);
        var roles = DirectoryRules.Roles(request.Roles, "roles", problems);
        var clearance = DirectoryRules.Clearance(request.Clearance, "clearance", problems);
        var nationality = DirectoryRules.Country(request.Nationality, "nationality", problems);
        var communities = DirectoryRules.Communities(request.Communities, "communities", problems);
        var exercises = DirectoryRules.Tokens(request.Exercises, "exercises", problems);
        var displayName = request.DisplayName is null ? userName : DirectoryRules.Name(request.DisplayName, "displayName", problems);
        var password = request.Password is null ? null : DirectoryRules.Password(request.Password, "password", problems);
        await ReferencesAsync(directory, organization, communities, problems, cancellationToken).ConfigureAwait(false);
        if (!problems.IsEmpty)
        {
            return DirectoryEdit<DirectoryUser>.Invalid(problems);
        }

        var user = new DirectoryUser(userName, displayName, organization, roles, clearance, nationality, communities, exercises,
            password is null ? null : PasswordHash.Create(password), Disabled: false, now);
        return await directory.AddUserAsync(user, cancellationToken).ConfigureAwait(false) switch
        {
            DirectoryWrite.Done => DirectoryEdit<DirectoryUser>.Made(user),
            DirectoryWrite.NotFound => DirectoryEdit<DirectoryUser>.Refused(DirectoryWrite.NotFound, "organization", $"No organisation has the id '{organization}'."),
            _ => DirectoryEdit<DirectoryUser>.Refused(DirectoryWrite.Conflict, "userName", $"A user named '{userName}' exists."),
        };
    }

    /// <summary>Changes a user: each field the change gives replaces the user's.</summary>
    /// <param name="directory">The directory.</param>
    /// <param name="userName">The user.</param>
    /// <param name="change">The change.</param>
    /// <param name="cancellationToken">Cancels the edit.</param>
    public static async Task<DirectoryEdit<DirectoryUser>> ChangeUserAsync(IDirectory directory, string userName, UserChange change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(change);
        if (await directory.GetUserAsync(userName, cancellationToken).ConfigureAwait(false) is not { } user)
        {
            return DirectoryEdit<DirectoryUser>.Refused(DirectoryWrite.NotFound, "userName", $"No user is named '{userName}'.");
        }

        var problems = new DirectoryProblems();
        var changed = user with
        {
            DisplayName = change.DisplayName is null ? user.DisplayName : DirectoryRules.Name(change.DisplayName, "displayName", problems),
            Organization = change.Organization is null ? user.Organization : DirectoryRules.OrganizationId(change.Organization, "organization", problems),
            Roles = change.Roles is null ? user.Roles : DirectoryRules.Roles(change.Roles, "roles", problems),
            Clearance = change.Clearance is null ? user.Clearance : DirectoryRules.Clearance(change.Clearance, "clearance", problems),
            Nationality = change.Nationality is null ? user.Nationality : change.Nationality.Length == 0 ? null : DirectoryRules.Country(change.Nationality, "nationality", problems),
            Communities = change.Communities is null ? user.Communities : DirectoryRules.Communities(change.Communities, "communities", problems),
            Exercises = change.Exercises is null ? user.Exercises : DirectoryRules.Tokens(change.Exercises, "exercises", problems),
            Disabled = change.Disabled ?? user.Disabled,
        };
        await ReferencesAsync(directory, changed.Organization, change.Communities is null ? [] : changed.Communities, problems, cancellationToken).ConfigureAwait(false);
        return !problems.IsEmpty ? DirectoryEdit<DirectoryUser>.Invalid(problems) : await UpdateAsync(directory, changed, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sets a user's password: the one given, or a new random one (returned as the edit's value).</summary>
    /// <param name="directory">The directory.</param>
    /// <param name="userName">The user.</param>
    /// <param name="password">The password, or null for a random one.</param>
    /// <param name="cancellationToken">Cancels the edit.</param>
    public static async Task<DirectoryEdit<PasswordResult>> SetPasswordAsync(IDirectory directory, string userName, string? password, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (await directory.GetUserAsync(userName, cancellationToken).ConfigureAwait(false) is not { } user)
        {
            return DirectoryEdit<PasswordResult>.Refused(DirectoryWrite.NotFound, "userName", $"No user is named '{userName}'.");
        }

        var problems = new DirectoryProblems();
        var made = password is null ? RandomNumberGenerator.GetString("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789", 20) : null;
        var chosen = made ?? DirectoryRules.Password(password, "password", problems);
        if (!problems.IsEmpty)
        {
            return DirectoryEdit<PasswordResult>.Invalid(problems);
        }

        var edit = await UpdateAsync(directory, user with { PasswordHash = PasswordHash.Create(chosen) }, cancellationToken).ConfigureAwait(false);
        return edit.Done ? DirectoryEdit<PasswordResult>.Made(new PasswordResult(made)) : DirectoryEdit<PasswordResult>.Refused(edit.Outcome, edit.Field!, edit.Detail!);
    }

    private static async Task<DirectoryEdit<DirectoryUser>> UpdateAsync(IDirectory directory, DirectoryUser user, CancellationToken cancellationToken) =>
        await directory.UpdateUserAsync(user, cancellationToken).ConfigureAwait(false) == DirectoryWrite.Done
            ? DirectoryEdit<DirectoryUser>.Made(user)
            : DirectoryEdit<DirectoryUser>.Refused(DirectoryWrite.NotFound, "userName", $"The user '{user.UserName}' or its organisation is no longer in the directory.");

    private static async Task ReferencesAsync(IDirectory directory, string organization, IReadOnlyList<string> communities, DirectoryProblems problems, CancellationToken cancellationToken)
    {
        if (!problems.IsEmpty)
        {
            return;
        }

        if (await directory.GetOrganizationAsync(organization, cancellationToken).ConfigureAwait(false) is null)
        {
            problems.Add("organization", $"no organisation has the id '{organization}'");
        }

        await UnknownCommunitiesAsync(directory, communities, "communities", problems, cancellationToken).ConfigureAwait(false);
    }
}
