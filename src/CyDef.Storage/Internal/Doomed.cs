using System.Data.Common;
using CyDef.Sharing;
using CyDef.Stix.Json;

namespace CyDef.Storage.Internal;

/// <summary>
/// The versions a deletion removes, prepared again from their stored JSON so that their correlation values and search
/// words are known (the index tables are keyed by value, not by version).
/// </summary>
internal sealed class Doomed
{
    public List<PreparedObject> Versions { get; } = [];

    /// <summary>For each of <see cref="Versions"/>, what the sharing policy decides on (see <see cref="AccessSkeleton"/>), as JSON.</summary>
    public List<byte[]> Access { get; } = [];

    public bool LatestDeleted => LatestSequence != 0;

    /// <summary>The sequence number of the newest version when it is among the doomed; 0 otherwise.</summary>
    public long LatestSequence { get; private set; }

    public static async Task<Doomed> LoadAsync(DbConnection connection, DbTransaction transaction, string id, string? modified, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT seq, latest, json FROM objects WHERE " + "id_key = @idkey AND " + "id = @id" + (modified is null ? "" : " AND modified_key = @key");
        Add(command, "@id", id);
        Add(command, "@idkey", IdKey.Of(id));
        if (modified is not null)
        {
            Add(command, "@key", TimestampKey.From(modified));
        }

        var doomed = new Doomed();
        var preparer = new ObjectPreparer();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var json = reader.GetFieldValue<byte[]>(2);
            var value = StixJsonReader.Parse(json).GetValueOrThrow();
            var version = preparer.Prepare(value, "$");
            doomed.Access.Add(StixJsonWriter.ToUtf8Bytes(AccessSkeleton.Of(value)));
            version.Sequence = reader.GetInt64(0);
            if (reader.GetBoolean(1))
            {
                doomed.LatestSequence = version.Sequence;
            }

            doomed.Versions.Add(version);
        }

        return doomed;
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
