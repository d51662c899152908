using CyDef.Storage.Identities;

namespace CyDef.Server.Identities;

/// <summary>A user as the API shows it (never the password's hash).</summary>
/// <param name="UserName">The sign-in name.</param>
/// <param name="DisplayName">The name shown.</param>
/// <param name="Organization">The organisation's identity id.</param>
/// <param name="Roles">The roles.</param>
/// <param name="Clearance">The clearance.</param>
/// <param name="Nationality">The nationality set on the user.</param>
/// <param name="Communities">Communities beyond the organisation's.</param>
/// <param name="Exercises">Exercises.</param>
/// <param name="HasPassword">Whether the user can sign in with a password.</param>
/// <param name="Disabled">Whether the user is disabled.</param>
/// <param name="Created">When the user was added.</param>
public sealed record UserView(
    string UserName,
    string DisplayName,
    string Organization,
    IReadOnlyList<string> Roles,
    string Clearance,
    string? Nationality,
    IReadOnlyList<string> Communities,
    IReadOnlyList<string> Exercises,
    bool HasPassword,
    bool Disabled,
    DateTimeOffset Created)
{
    /// <summary>The view of a user.</summary>
    /// <param name="user">The user.</param>
    public static UserView Of(DirectoryUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new(user.UserName, user.DisplayName, user.Organization, user.Roles, user.Clearance, user.Nationality, user.Communities, user.Exercises,
            user.PasswordHash is not null, user.Disabled, user.Created);
    }
}

/// <summary>An API key as the API shows it (never its secret nor its hash).</summary>
/// <param name="Id">Its id.</param>
/// <param name="Prefix">The first characters of its secret.</param>
/// <param name="Name">What it is for.</param>
/// <param name="User">Its user, or null.</param>
/// <param name="Organization">Its peer organisation, or null.</param>
/// <param name="Clearance">A peer key's accreditation.</param>
/// <param name="Read">A peer key's readable collections.</param>
/// <param name="Write">A peer key's writable collections.</param>
/// <param name="Created">When it was made.</param>
/// <param name="Expires">When it expires.</param>
/// <param name="LastUsed">When it was last used (to the minute).</param>
/// <param name="Revoked">When it was revoked.</param>
public sealed record ApiKeyView(
    string Id,
    string Prefix,
    string Name,
    string? User,
    string? Organization,
    string? Clearance,
    IReadOnlyList<string> Read,
    IReadOnlyList<string> Write,
    DateTimeOffset Created,
    DateTimeOffset? Expires,
    DateTimeOffset? LastUsed,
    DateTimeOffset? Revoked)
{
    /// <summary>The view of a key.</summary>
    /// <param name="key">The key.</param>
    public static ApiKeyView Of(DirectoryApiKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return new(key.Id, key.Prefix, key.Name, key.UserName, key.Organization, key.Clearance, key.Read, key.Write, key.Created, key.Expires, key.LastUsed, key.Revoked);
    }
}

/// <summary>A key just made: its secret, shown this once.</summary>
/// <param name="Key">The key.</param>
/// <param name="Secret">The secret to send (HTTP Basic password or Bearer token); the node keeps only its hash.</param>
public sealed record CreatedApiKey(ApiKeyView Key, string Secret);

/// <summary>A password set by the node.</summary>
/// <param name="Password">The password made, shown this once; null when the request gave one.</param>
public sealed record PasswordResult(string? Password);

/// <summary>The sharing policy's viewer, as <c>/api/v1/me</c> shows it.</summary>
/// <param name="Kind">user or peer.</param>
/// <param name="Organization">The organisation's identity id.</param>
/// <param name="Clearance">The clearance.</param>
/// <param name="Nationality">The nationality.</param>
/// <param name="Communities">The communities.</param>
/// <param name="Exercises">The exercises.</param>
public sealed record ViewerView(string Kind, string Organization, string Clearance, string? Nationality, IReadOnlyList<string> Communities, IReadOnlyList<string> Exercises);

/// <summary>Who the caller is.</summary>
/// <param name="Name">The user's or key's name.</param>
/// <param name="ApiKey">The directory key used, if any.</param>
/// <param name="Roles">The roles.</param>
/// <param name="Read">Collections readable (<c>*</c>: all; administrators read all).</param>
/// <param name="Write">Collections writable.</param>
/// <param name="ReadableTypes">The object types the caller may read; null: all.</param>
/// <param name="Viewer">What the sharing policy sees.</param>
public sealed record MeView(string Name, string? ApiKey, IReadOnlyList<string> Roles, IReadOnlyList<string> Read, IReadOnlyList<string> Write, IReadOnlyList<string>? ReadableTypes, ViewerView Viewer);
