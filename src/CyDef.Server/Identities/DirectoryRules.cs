using System.Text.RegularExpressions;
using CyDef.Sharing.Markings;
using CyDef.Taxii.Security;

namespace CyDef.Server.Identities;

/// <summary>
/// What the directory's values must look like, checked the same way by the REST API and the <c>cydef</c> command;
/// each check notes a problem under the field's name and returns the normal form of a good value.
/// </summary>
public static partial class DirectoryRules
{
    /// <summary>The shortest password accepted.</summary>
    public const int MinimumPasswordLength = 12;

    private const int MaxNameLength = 200;

    /// <summary>A user name: 1–64 of lower-case letters, digits, '.', '_', '@', '-', starting with a letter or digit.</summary>
    /// <param name="value">The value.</param>
    /// <param name="field">The field's name.</param>
    /// <param name="problems">Where problems go.</param>
    public static string UserName(string? value, string field, DirectoryProblems problems) =>
        Check(value, UserNamePattern(), field, problems, "a user name is 1 to 64 of a-z, 0-9, '.', '_', '@', '-', starting with a letter or digit");

    /// <summary>An organisation's id: <c>identity--</c> and a UUID.</summary>
    /// <param name="value">The value.</param>
    /// <param name="field">The field's name.</param>
    /// <param name="problems">Where problems go.</param>
    public static string OrganizationId(string? value, string field, DirectoryProblems problems) =>
        Check(value?.ToLowerInvariant(), IdentityPattern(), field, problems, "an organisation's id is 'identity--' followed by a UUID");

    /// <summary>A community's id: <c>community--</c> and a name (a-z, 0-9, '.', '_', '-') or a UUID.</summary>
    /// <param name="value">The value.</param>
    /// <param name="field">The field's name.</param>
    /// <param name="problems">Where problems go.</param>
    public static string CommunityId(string? value, string field, DirectoryProblems problems) =>
        Check(value, CommunityPattern(), field, problems, "a community's id is 'community--' followed by a-z, 0-9, '.', '_', '-' (up to 100)");

    /// <summary>The id a community of this name gets when none is given: <c>community--</c> and the name in lower case with dashes.</summary>
    /// <param name="name">The community's name.</param>
    public static string CommunityIdFor(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var slug = NotSlug().Replace(name.Trim().ToLowerInvariant(), "-").Trim('-', '.', '_');
        return "community--" + (slug.Length is > 0 and <= 100 ? slug : Guid.NewGuid().ToString());
    }

    /// <summary>A display name: present, at most 200 characters.</summary>
    /// <param name="value">The value.</param>
    /// <param name="field">The field's name.</param>
    /// <param name="problems">Where problems go.</param>
    public static string Name(string? value, string field, DirectoryProblems problems)
    {
        var name = value?.Trim() ?? "";
        if (name.Length == 0 || name.Length > MaxNameLength || name.Any(char.IsControl))
        {
            problems.Add(field, $"a name is 1 to {MaxNameLength} characters, none of them a control character");
        }

        return name;
    }

    /// <summary>An ISO 3166-1 alpha-2 code, in upper case; null stays null.</summary>
    /// <param name="value">The value.</param>
    /// <param name="field">The field's name.</param>
    /// <param name="problems">Where problems go.</param>
    public static string? Country(string? value, string field, DirectoryProblems problems)
    {
        if (value is null)
        {
            return null;
        }

        var code = CountryCodes.Normalize(value);
        if (code is null)
        {
            problems.Add(field, $"'{value}' is not an ISO 3166-1 alpha-2 country code (such as BE, FR, DE)");
        }

        return code;
    }

    /// <summary>An EU clearance level, by its short name.</summary>
    /// <param name="value">The value; null: unclassified.</param>
    /// <param name="field">The field's name.</param>
    /// <param name="problems">Where problems go.</param>
    public static string Clearance(string? value, string field, DirectoryProblems problems)
    {
        if (value is null)
        {
            return Classifications.Name(ClassificationLevel.Unclassified);
        }

        if (!Classifications.TryParseEu(value.Trim(), out var level))
        {
            problems.Add(field, $"'{value}' is not one of unclassified, restricted, confidential, secret, top-secret");
        }

        return Classifications.Name(level);
    }

    /// <summary>Roles: at least one, each one of <see cref="NodeClaims.Roles"/>.</summary>
    /// <param name="values">The values.</param>
    /// <param name="field">The field's name.</param>
    /// <param name="problems">Where problems go.</param>
    public static IReadOnlyList<string> Roles(IReadOnlyList<string>? values, string field, DirectoryProblems problems)
    {
        if (values is null || values.Count == 0)
        {
            problems.Add(field, $"at least one role: {string.Join(", ", NodeClaims.Roles)}");
            return [];
        }

        for (var i = 0; i < values.Count; i++)
        {
            if (!NodeClaims.Roles.Contains(values[i]))
            {
                problems.Add($"{field}[{i}]", $"'{values[i]}' is not a role: {string.Join(", ", NodeClaims.Roles)}");
            }
        }

        return values.Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>A list of community ids.</summary>
    /// <param name="values">The values.</param>
    /// <param name="field">The field's name.</param>
    /// <param name="problems">Where problems go.</param>
    public static IReadOnlyList<string> Communities(IReadOnlyList<string>? values, string field, DirectoryProblems problems) =>
        (values ?? []).Select((v, i) => CommunityId(v, $"{field}[{i}]", problems)).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>A list of exercise or collection names: each present and without spaces.</summary>
    /// <param name="values">The values.</param>
    /// <param name="field">The field's name.</param>
    /// <param name="problems">Where problems go.</param>
    public static IReadOnlyList<string> Tokens(IReadOnlyList<string>? values, string field, DirectoryProblems problems)
    {
        var list = values ?? [];
        for (var i = 0; i < list.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(list[i]) || list[i].Any(c => char.IsWhiteSpace(c) || char.IsControl(c)) || list[i].Length > MaxNameLength)
            {
                problems.Add($"{field}[{i}]", "a name without spaces, 1 to 200 characters");
            }
        }

        return list.Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>A new password: at least <see cref="MinimumPasswordLength"/> characters.</summary>
    /// <param name="value">The value.</param>
    /// <param name="field">The field's name.</param>
    /// <param name="problems">Where problems go.</param>
    public static string Password(string? value, string field, DirectoryProblems problems)
    {
        if (value is null || value.Length < MinimumPasswordLength)
        {
            problems.Add(field, $"a password has at least {MinimumPasswordLength} characters");
        }

        return value ?? "";
    }

    private static string Check(string? value, Regex pattern, string field, DirectoryProblems problems, string rule)
    {
        if (value is null || !pattern.IsMatch(value))
        {
            problems.Add(field, value is null ? $"required: {rule}" : $"'{value}': {rule}");
        }

        return value ?? "";
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9._@-]{0,63}$")]
    private static partial Regex UserNamePattern();

    [GeneratedRegex("^identity--[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")]
    private static partial Regex IdentityPattern();

    [GeneratedRegex("^community--[a-z0-9][a-z0-9._-]{0,99}$")]
    private static partial Regex CommunityPattern();

    [GeneratedRegex("[^a-z0-9._-]+")]
    private static partial Regex NotSlug();
}
