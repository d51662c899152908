namespace CyDef.Storage.Internal;

/// <summary>
/// A compact, stable 64-bit key of an object id (FNV-1a over the UTF-16 code units, then a 64-bit finaliser): the
/// SQLite store indexes this integer instead of the id's text, an index a fifth the size whose pages a batch of random
/// ids rewrites far less of. Different ids may share a key: every look-up compares the id text too. Persisted, so it
/// must never change.
/// </summary>
internal static class IdKey
{
    public static long Of(string id)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in id)
        {
            hash = unchecked((hash ^ c) * 1099511628211UL);
        }

        // SplitMix64's finaliser spreads the bits (FNV's low bits are weak).
        hash = unchecked((hash ^ (hash >> 30)) * 0xbf58476d1ce4e5b9UL);
        hash = unchecked((hash ^ (hash >> 27)) * 0x94d049bb133111ebUL);
        return unchecked((long)(hash ^ (hash >> 31)));
    }
}
