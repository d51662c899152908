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
    private Word[] _words = new Word[64];

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

                _words[count++] = new Word(text.Slice(start, end - start), start);
            }

            start = end + 1;
        }

        var sorted = _words.AsSpan(0, count);
        sorted.Sort(new WordOrder(_text));

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
            if (i > 0 && sorted[i].Prefix == sorted[i - 1].Prefix && sorted[i].Length == sorted[i - 1].Length
                && (word.Length <= sizeof(ulong) || word.SequenceEqual(text.Slice(sorted[i - 1].Start, sorted[i - 1].Length))))
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

    /// <summary>
    /// A word of the text, with its first eight bytes as a big-endian number (zeros after a shorter word), which
    /// orders most pairs of words without reading them again: no word holds a NUL byte.
    /// </summary>
    private readonly struct Word(ReadOnlySpan<byte> bytes, int start)
    {
        public readonly ulong Prefix = PrefixOf(bytes);
        public readonly int Start = start;
        public readonly int Length = bytes.Length;

        private static ulong PrefixOf(ReadOnlySpan<byte> bytes)
        {
            if (bytes.Length >= sizeof(ulong))
            {
                return BinaryPrimitives.ReadUInt64BigEndian(bytes);
            }

            Span<byte> padded = stackalloc byte[sizeof(ulong)];
            padded.Clear();
            bytes.CopyTo(padded);
            return BinaryPrimitives.ReadUInt64BigEndian(padded);
        }
    }

    /// <summary>PostgreSQL's order of lexemes: bytes compared as unsigned, a word before the longer ones it begins.</summary>
    private readonly struct WordOrder(byte[] text) : IComparer<Word>
    {
        public int Compare(Word x, Word y)
        {
            if (x.Prefix != y.Prefix)
            {
                return x.Prefix < y.Prefix ? -1 : 1;
            }

            return x.Length <= sizeof(ulong) && y.Length <= sizeof(ulong)
                ? x.Length.CompareTo(y.Length)
                : text.AsSpan(x.Start, x.Length).SequenceCompareTo(text.AsSpan(y.Start, y.Length));
        }
    }
}
