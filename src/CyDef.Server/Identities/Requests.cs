namespace CyDef.Server.Identities;

/// <summary>An organisation to add or change.</summary>
/// <param name="Id">Its identity id (<c>identity--UUID</c>); a new one when absent.</param>
/// <param name="Name">Its name, unique in the directory.</param>
/// <param name="Country">Its ISO 3166-1 alpha-2 country code.</param>
/// <param name="Sector">Its sector (STIX industry-sector vocabulary).</param>
public sealed record OrganizationRequest(string? Id, string? Name, string? Country, string? Sector);

/// <summary>A community to add.</summary>
/// <param name="Id">Its id (<c>community--NAME</c>); made from the name when absent.</param>
/// <param name="Name">Its name, unique in the directory.</param>
/// <param name="Description">What it is.</param>
/// <param name="Members">The identity ids of its member organisations.</param>
public sealed record CommunityRequest(string? Id, string? Name, string? Description, IReadOnlyList<string>? Members);

/// <summary>A user to add.</summary>
/// <param name="UserName">The sign-in name.</param>
/// <param name="DisplayName">The name shown; the user name when absent.</param>
/// <param name="Organization">The organisation's identity id; the node's when absent.</param>
/// <param name="Roles">administrator, analyst, reader, sensor, peer.</param>
/// <param name="Clearance">unclassified (default), restricted, confidential, secret, top-secret.</param>
/// <param name="Nationality">ISO 3166-1 alpha-2; the organisation's country when absent.</param>
/// <param name="Communities">Communities beyond the organisation's.</param>
/// <param name="Exercises">Exercises the user takes part in.</param>
/// <param name="Password">A password (at least 12 characters); none: the user signs in with keys only.</param>
public sealed record UserRequest(
    string? UserName,
    string? DisplayName,
    string? Organization,
    IReadOnlyList<string>? Roles,
    string? Clearance,
    string? Nationality,
    IReadOnlyList<string>? Communities,
    IReadOnlyList<string>? Exercises,
    string? Password);

/// <summary>A change to a user: each field given replaces the user's.</summary>
/// <param name="DisplayName">The name shown.</param>
/// <param name="Organization">The organisation's identity id.</param>
/// <param name="Roles">The roles.</param>
/// <param name="Clearance">The clearance.</param>
/// <param name="Nationality">The nationality; an empty string removes it.</param>
/// <param name="Communities">Communities beyond the organisation's.</param>
/// <param name="Exercises">Exercises.</param>
/// <param name="Disabled">Whether the user may no longer sign in nor use a key.</param>
public sealed record UserChange(
    string? DisplayName,
    string? Organization,
    IReadOnlyList<string>? Roles,
    string? Clearance,
    string? Nationality,
    IReadOnlyList<string>? Communities,
    IReadOnlyList<string>? Exercises,
    bool? Disabled);

/// <summary>A new password for a user.</summary>
/// <param name="Password">The password; absent: the node makes one and answers it once.</param>
public sealed record PasswordRequest(string? Password);

/// <summary>An API key to make: for a user, or for a peer organisation.</summary>
/// <param name="Name">What it is for.</param>
/// <param name="User">The user it belongs to (reads as that user).</param>
/// <param name="Organization">The peer organisation it belongs to (a node of that organisation syncing with this one).</param>
/// <param name="Clearance">A peer key: the level the peer is accredited for (default unclassified).</param>
/// <param name="Read">A peer key: collections it may read (default <c>*</c>).</param>
/// <param name="Write">A peer key: collections it may write (default none).</param>
/// <param name="Expires">When it stops working; never when absent.</param>
public sealed record ApiKeyRequest(
    string? Name,
    string? User,
    string? Organization,
    string? Clearance,
    IReadOnlyList<string>? Read,
    IReadOnlyList<string>? Write,
    DateTimeOffset? Expires);
