namespace CyDef.Storage.Identities;

/// <summary>A person (or a machine account) of an organisation, who signs in with a password or uses API keys.</summary>
/// <param name="UserName">The unique sign-in name.</param>
/// <param name="DisplayName">The name shown.</param>
/// <param name="Organization">The identity id of the user's organisation.</param>
/// <param name="Roles">The roles held: <c>administrator</c>, <c>analyst</c>, <c>reader</c>, <c>sensor</c>, <c>peer</c>.</param>
/// <param name="Clearance">The EU level the user is cleared for, by its short name (<c>unclassified</c> … <c>top-secret</c>).</param>
/// <param name="Nationality">The user's ISO 3166-1 alpha-2 nationality; unset: the organisation's country.</param>
/// <param name="Communities">Communities the user belongs to beyond those of the organisation.</param>
/// <param name="Exercises">The exercises the user takes part in.</param>
/// <param name="PasswordHash">The password's hash (<see cref="PasswordHash"/>), or null when the user cannot sign in with one.</param>
/// <param name="Disabled">A disabled user can neither sign in nor use a key.</param>
/// <param name="Created">When the user was added.</param>
public sealed record DirectoryUser(
    string UserName,
    string DisplayName,
    string Organization,
    IReadOnlyList<string> Roles,
    string Clearance,
    string? Nationality,
    IReadOnlyList<string> Communities,
    IReadOnlyList<string> Exercises,
    string? PasswordHash,
    bool Disabled,
    DateTimeOffset Created);
