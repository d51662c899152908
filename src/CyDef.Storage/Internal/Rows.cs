using System.Data.Common;

namespace CyDef.Storage.Internal;

/// <summary>Reads stored versions from the rows of <see cref="QuerySql.Columns"/> (plus <c>json</c> when asked).</summary>
internal static class Rows
{
    public static long ToMicros(DateTimeOffset instant) => (instant.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;

    public static DateTimeOffset FromMicros(long micros) => DateTimeOffset.UnixEpoch.AddTicks(micros * 10);

    public static StoredObject Read(DbDataReader reader, bool withJson, int first = 0) => new(
        reader.GetInt64(first),
        reader.GetString(first + 1),
        reader.GetString(first + 2),
        reader.IsDBNull(first + 3) ? null : reader.GetString(first + 3),
        reader.GetString(first + 4),
        FromMicros(reader.GetInt64(first + 5)),
        reader.GetBoolean(first + 6),
        reader.GetBoolean(first + 7),
        withJson ? reader.GetFieldValue<byte[]>(first + 8) : ReadOnlyMemory<byte>.Empty);

    /// <summary>Reads a page: up to <paramref name="limit"/> rows, and whether another followed.</summary>
    public static async Task<ObjectPage> ReadPageAsync(DbDataReader reader, int limit, bool withJson, CancellationToken cancellationToken)
    {
        var items = new List<StoredObject>(Math.Min(limit, 1024));
        var more = false;
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            if (items.Count == limit)
            {
                more = true;
                break;
            }

            items.Add(Read(reader, withJson));
        }

        return new ObjectPage(items, more, items.Count > 0 ? items[^1].Sequence : null);
    }

    public static async Task<List<StoredObject>> ReadAllAsync(DbDataReader reader, bool withJson, CancellationToken cancellationToken)
    {
        var items = new List<StoredObject>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            items.Add(Read(reader, withJson));
        }

        return items;
    }
}
