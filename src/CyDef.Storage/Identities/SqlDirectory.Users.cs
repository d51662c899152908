using System.Data.Common;

namespace CyDef.Storage.Identities;

/// <summary>Users.</summary>
public abstract partial class SqlDirectory
{
    private const string UserColumns = "user_name, display_name, organization, roles, clearance, nationality, communities, exercises, password_hash, disabled, created";

    /// <inheritdoc />
    public Task<DirectoryWrite> AddUserAsync(DirectoryUser user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        return WriteAsync(
            async (connection, transaction) =>
            {
                if (!await ExistsAsync(connection, transaction, OrganizationExists, user.Organization, cancellationToken).ConfigureAwait(false))
                {
                    return DirectoryWrite.NotFound;
                }

                return await RunAsync(
                    connection, transaction,
                    $"INSERT INTO directory_users ({UserColumns}) VALUES (@user, @display, @organization, @roles, @clearance, @nationality, @communities, @exercises, @hash, @disabled, @created) ON CONFLICT DO NOTHING",
                    cancellationToken, UserParameters(user)).ConfigureAwait(false) == 1 ? DirectoryWrite.Done : DirectoryWrite.Conflict;
            },
            DirectoryWrite.Conflict,
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<DirectoryWrite> UpdateUserAsync(DirectoryUser user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        return WriteAsync(
            async (connection, transaction) =>
            {
                if (!await ExistsAsync(connection, transaction, OrganizationExists, user.Organization, cancellationToken).ConfigureAwait(false))
                {
                    return DirectoryWrite.NotFound;
                }

                return await RunAsync(
                    connection, transaction,
                    """
                    UPDATE directory_users SET display_name = @display, organization = @organization, roles = @roles, clearance = @clearance,
                        nationality = @nationality, communities = @communities, exercises = @exercises, password_hash = @hash, disabled = @disabled
                    WHERE user_name = @user
                    """,
                    cancellationToken, UserParameters(user)).ConfigureAwait(false) == 1 ? DirectoryWrite.Done : DirectoryWrite.NotFound;
            },
            DirectoryWrite.NotFound,
            cancellationToken);
    }

    /// <inheritdoc />
    public async Task<DirectoryUser?> GetUserAsync(string userName, CancellationToken cancellationToken = default) =>
        (await ReadAsync($"SELECT {UserColumns} FROM directory_users WHERE user_name = @user", ReadUser, cancellationToken, ("user", userName)).ConfigureAwait(false)).FirstOrDefault();

    /// <inheritdoc />
    public async Task<IReadOnlyList<DirectoryUser>> ListUsersAsync(CancellationToken cancellationToken = default) =>
        await ReadAsync($"SELECT {UserColumns} FROM directory_users ORDER BY user_name", ReadUser, cancellationToken).ConfigureAwait(false);

    private static (string, object?)[] UserParameters(DirectoryUser user) =>
    [
        ("user", user.UserName), ("display", user.DisplayName), ("organization", user.Organization), ("roles", Json(user.Roles)),
        ("clearance", user.Clearance), ("nationality", user.Nationality), ("communities", Json(user.Communities)), ("exercises", Json(user.Exercises)),
        ("hash", user.PasswordHash), ("disabled", user.Disabled ? 1 : 0), ("created", Millis(user.Created)),
    ];

    private static DirectoryUser ReadUser(DbDataReader reader) => new(
        reader.GetString(0), reader.GetString(1), reader.GetString(2), List(reader, 3), reader.GetString(4), MaybeString(reader, 5),
        List(reader, 6), List(reader, 7), MaybeString(reader, 8), reader.GetInt32(9) != 0, Time(reader, 10));
}
