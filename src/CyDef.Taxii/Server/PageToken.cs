using System.Buffers.Binary;
using System.Buffers.Text;

namespace CyDef.Taxii.Server;

/// <summary>
/// The opaque <c>next</c> token (TAXII 2.1 §3.5): the keyset cursor (the last sequence number of the page served)
/// and a fingerprint of the query it continues. Stateless: any token stays valid, and a token sent with a changed
/// query is refused.
/// </summary>
internal static class PageToken
{
    private const int Length = 12;

    public static string Create(long after, uint fingerprint)
    {
        Span<byte> bytes = stackalloc byte[Length];
        BinaryPrimitives.WriteInt64BigEndian(bytes, after);
        BinaryPrimitives.WriteUInt32BigEndian(bytes[8..], fingerprint);
        return Base64Url.EncodeToString(bytes);
    }

    public static bool TryRead(string token, out long after, out uint fingerprint)
    {
        Span<byte> bytes = stackalloc byte[Length];
        after = 0;
        fingerprint = 0;
        if (token.Length != 16 || !Base64Url.TryDecodeFromChars(token, bytes, out var written) || written != Length)
        {
            return false;
        }

        after = BinaryPrimitives.ReadInt64BigEndian(bytes);
        fingerprint = BinaryPrimitives.ReadUInt32BigEndian(bytes[8..]);
        return after >= 0;
    }
}
