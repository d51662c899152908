using System.Data.Common;

namespace CyDef.Storage.Internal;

/// <summary>The correlation index's look-up, the same SQL on both engines.</summary>
internal static class ObservableSql
{
    private const int MaxMatches = 1000;

    /// <summary>
    /// The versions that mention <paramref name="value"/> (as given and in lower case), then the observed-data
    /// versions that reference the SCOs among them.
    /// </summary>
    public static async Task<IReadOnlyList<ObservableMatch>> FindAsync(DbConnection connection, string value, CancellationToken cancellationToken)
    {
        var matches = await QueryAsync(connection, "", [value, value.ToLowerInvariant()], cancellationToken).ConfigureAwait(false);
        var scoIds = new List<string>();
        foreach (var match in matches)
        {
            if (match.Kind != ObservableKind.ObjectReference && match.Object.Type is not ("indicator" or "observed-data"))
            {
                scoIds.Add(match.Object.Id);
            }
        }

        if (scoIds.Count > 0)
        {
            var referencing = await QueryAsync(connection, $"b.kind = {(int)ObservableKind.ObjectReference} AND ", scoIds.Distinct().ToList(), cancellationToken).ConfigureAwait(false);
            matches.AddRange(referencing);
        }

        return matches;
    }

    private static async Task<List<ObservableMatch>> QueryAsync(DbConnection connection, string kindFilter, IReadOnlyList<string> values, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        var names = new string[values.Count];
        for (var i = 0; i < values.Count; i++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = names[i] = "@v" + i;
            parameter.Value = values[i];
            command.Parameters.Add(parameter);
        }

        command.CommandText = $"SELECT b.kind, b.value, {QuerySql.Columns}, o.json FROM observables b JOIN objects o ON o.seq = b.seq " +
            $"WHERE {kindFilter}b.value IN ({string.Join(", ", names)}) ORDER BY o.seq LIMIT {MaxMatches}";
        var matches = new List<ObservableMatch>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            matches.Add(new ObservableMatch((ObservableKind)reader.GetInt16(0), reader.GetString(1), Rows.Read(reader, withJson: true, first: 2)));
        }

        return matches;
    }
}
