using System.Data.Common;

namespace CyDef.Storage.Identities;

/// <summary>API keys.</summary>
public abstract partial class SqlDirectory
{
    private const string KeyColumns = "id, prefix, hash, name, user_name, organization, clearance, read_collections, write_collections, created, expires, last_used, revoked";

    /// <inheritdoc />
    public Task<DirectoryWrite> AddApiKeyAsync(DirectoryApiKey key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        return WriteAsync(
            async (connection, transaction) =>
            {
                var owner = key.UserName is { } user
                    ? await ExistsAsync(connection, transaction, "SELECT 1 FROM directory_users WHERE user_name = @value", user, cancellationToken).ConfigureAwait(false)
                    : key.Organization is { } organization && await ExistsAsync(connection, transaction, OrganizationExists, organization, cancellationToken).ConfigureAwait(false);
                if (!owner || (key.UserName is not null && key.Organization is not null))
                {
                    return DirectoryWrite.NotFound;
                }

                return await RunAsync(
                    connection, transaction,
                    $"INSERT INTO directory_api_keys ({KeyColumns}) VALUES (@id, @prefix, @hash, @name, @user, @organization, @clearance, @read, @write, @created, @expires, @used, @revoked) ON CONFLICT DO NOTHING",
                    cancellationToken,
                    ("id", key.Id), ("prefix", key.Prefix), ("hash", key.Hash), ("name", key.Name), ("user", key.UserName), ("organization", key.Organization),
                    ("clearance", key.Clearance), ("read", Json(key.Read)), ("write", Json(key.Write)), ("created", Millis(key.Created)),
                    ("expires", Millis(key.Expires)), ("used", Millis(key.LastUsed)), ("revoked", Millis(key.Revoked))).ConfigureAwait(false) == 1 ? DirectoryWrite.Done : DirectoryWrite.Conflict;
            },
            DirectoryWrite.Conflict,
            cancellationToken);
    }

    /// <inheritdoc />
    public async Task<DirectoryApiKey?> GetApiKeyAsync(string id, CancellationToken cancellationToken = default) =>
        (await ReadAsync($"SELECT {KeyColumns} FROM directory_api_keys WHERE id = @id", ReadKey, cancellationToken, ("id", id)).ConfigureAwait(false)).FirstOrDefault();

    /// <inheritdoc />
    public async Task<DirectoryApiKey?> FindApiKeyAsync(string hash, CancellationToken cancellationToken = default)
    {
        var found = (await ReadAsync($"SELECT {KeyColumns} FROM directory_api_keys WHERE hash = @hash", ReadKey, cancellationToken, ("hash", hash)).ConfigureAwait(false)).FirstOrDefault();

        // The index found the row; the comparison that decides is the constant-time one.
        return found is not null && ApiKeySecret.HashesEqual(found.Hash, hash) ? found : null;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<DirectoryApiKey>> ListApiKeysAsync(CancellationToken cancellationToken = default) =>
        await ReadAsync($"SELECT {KeyColumns} FROM directory_api_keys ORDER BY created DESC, id", ReadKey, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public Task<DirectoryWrite> RevokeApiKeyAsync(string id, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        WriteAsync(
            async (connection, transaction) =>
            {
                if (!await ExistsAsync(connection, transaction, "SELECT 1 FROM directory_api_keys WHERE id = @value", id, cancellationToken).ConfigureAwait(false))
                {
                    return DirectoryWrite.NotFound;
                }

                return await RunAsync(connection, transaction, "UPDATE directory_api_keys SET revoked = @at WHERE id = @id AND revoked IS NULL", cancellationToken, ("id", id), ("at", Millis(at))).ConfigureAwait(false) == 1
                    ? DirectoryWrite.Done
                    : DirectoryWrite.Conflict;
            },
            DirectoryWrite.Conflict,
            cancellationToken);

    /// <inheritdoc />
    public async Task TouchApiKeyAsync(string id, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        await ExecuteAsync("UPDATE directory_api_keys SET last_used = @at WHERE id = @id", cancellationToken, ("id", id), ("at", Millis(at))).ConfigureAwait(false);

    private static DirectoryApiKey ReadKey(DbDataReader reader) => new(
        reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), MaybeString(reader, 4), MaybeString(reader, 5),
        MaybeString(reader, 6), List(reader, 7), List(reader, 8), Time(reader, 9), MaybeTime(reader, 10), MaybeTime(reader, 11), MaybeTime(reader, 12));
}
