using System.Buffers.Binary;
using System.Text;
using CyDef.Storage.Internal;
using NpgsqlTypes;

namespace CyDef.Storage.Postgres;

/// <summary>
/// An object's search words (<see cref="SearchText"/>) as a <c>tsvector</c> in PostgreSQL's binary format, which
/// COPY hands to the server's <c>tsvectorrecv</c>: each distinct word one lexeme, as it is, without positions. The
/// words are already split and lower case, so the server has no parser or dictionary to run (<c>to_tsvector</c> was a
/// tenth of the server's time in a bulk import), and a query matches exactly the words the store indexed, on both
/// engines.
/// </summary>
/// <remarks>
/// Lexemes go in PostgreSQL's order (bytes compared as unsigned, a prefix first), distinct, so the server need not sort
/// them. Words of <see cref="MaxWordBytes"/> or more bytes are left out, as <c>to_tsvector</c> leaves them out (a
/// lexeme is at most 2,047 bytes).
/// </remarks>
internal sealed class PostgresSearchVector
{
    /// <summary>The shortest word, in UTF-8 bytes, that PostgreSQL does not index.</summary>
    public const int MaxWordBytes = 2047;

    private byte[] _text = new byte[4096];
    private byte[] _vector = new byte[4096];
    private (int Start, int Length)[] _words = new (int, int)[64];

    /// <summary>The <c>tsvector</c> of <paramref name="words"/>, valid until the next call.</summary>
    public ReadOnlyMemory<byte> Encode(string words)
    {
        var length = Encoding.UTF8.GetMaxByteCount(words.Length);
        if (_text.Length < length)
        {
            _text = new byte[Math.Max(length, _text.Length * 2)];
        }

        length = Encoding.UTF8.GetBytes(words, _text);
        var text = _text.AsSpan(0, length);

        // Space is one byte in UTF-8 and no byte of a longer sequence: the words split on it as bytes.
        var count = 0;
        for (var start = 0; start < text.Length;)
        {
            var end = text[start..].IndexOf((byte)' ');
            end = end < 0 ? text.Length : start + end;
            if (end > start && end - start < MaxWordBytes)
            {
                if (count == _words.Length)
                {
                    Array.Resize(ref _words, count * 2);
                }

                _words[count++] = (start, end - start);
            }

            start = end + 1;
        }

        var sorted = _words.AsSpan(0, count);
        sorted.Sort(new ByBytes(_text));

        // The count, then each lexeme: its bytes, a NUL and a 16-bit count of positions (none).
        if (_vector.Length < 4 + length + (3 * count))
        {
            _vector = new byte[Math.Max(4 + length + (3 * count), _vector.Length * 2)];
        }

        var written = 4;
        var distinct = 0;
        for (var i = 0; i < sorted.Length; i++)
        {
            var word = text.Slice(sorted[i].Start, sorted[i].Length);
            if (i > 0 && word.SequenceEqual(text.Slice(sorted[i - 1].Start, sorted[i - 1].Length)))
            {
                continue;
            }

            word.CopyTo(_vector.AsSpan(written));
            written += word.Length;
            _vector[written] = 0;
            BinaryPrimitives.WriteUInt16BigEndian(_vector.AsSpan(written + 1), 0);
            written += 3;
            distinct++;
        }

        BinaryPrimitives.WriteInt32BigEndian(_vector, distinct);
        return _vector.AsMemory(0, written);
    }

    /// <summary>
    /// The query for objects that have every one of <paramref name="words"/>; null when one of them is too long to be
    /// indexed, so that no object can match.
    /// </summary>
    public static NpgsqlTsQuery? Query(IReadOnlyList<string> words)
    {
        NpgsqlTsQuery? query = null;
        foreach (var word in words)
        {
            if (Encoding.UTF8.GetByteCount(word) >= MaxWordBytes)
            {
                return null;
            }

            var lexeme = new NpgsqlTsQueryLexeme(word);
            query = query is null ? lexeme : new NpgsqlTsQueryAnd(query, lexeme);
        }

        return query;
    }

    private readonly struct ByBytes(byte[] text) : IComparer<(int Start, int Length)>
    {
        public int Compare((int Start, int Length) x, (int Start, int Length) y) =>
            text.AsSpan(x.Start, x.Length).SequenceCompareTo(text.AsSpan(y.Start, y.Length));
    }
}
