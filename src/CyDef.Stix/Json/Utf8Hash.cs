using System.Buffers.Binary;
using System.Numerics;

namespace CyDef.Stix.Json;

/// <summary>
/// A quick hash of short UTF-8 keys for the reader's lookup tables: the length and the first and last
/// eight bytes (and the eight before those of a longer key), which tell apart property names, vocabulary terms and
/// identifiers (whose UUIDs end the key); every byte of a key of fewer than eight. Equality is always checked on the
/// whole key.
/// </summary>
internal static class Utf8Hash
{
    public static uint Of(ReadOnlySpan<byte> key)
    {
        ulong h = (ulong)key.Length * 0x9E3779B97F4A7C15;
        if (key.Length >= 8)
        {
            // The words are mixed side by side, not one after the other: a lookup waits for its hash.
            h ^= (BinaryPrimitives.ReadUInt64LittleEndian(key) * 0xC2B2AE3D27D4EB4F)
                ^ BitOperations.RotateLeft(BinaryPrimitives.ReadUInt64LittleEndian(key[^8..]) * 0x165667B19E3779F9, 31);
            if (key.Length >= 24)
            {
                h ^= BitOperations.RotateLeft(BinaryPrimitives.ReadUInt64LittleEndian(key[^16..]) * 0x27D4EB2F165667C5, 17);
            }
        }
        else if (key.Length >= 4)
        {
            // The first and last four bytes, which overlap or meet: every byte, in one step.
            h = Mix(h, BinaryPrimitives.ReadUInt32LittleEndian(key) | ((ulong)BinaryPrimitives.ReadUInt32LittleEndian(key[^4..]) << 32));
        }
        else if (key.Length > 0)
        {
            h = Mix(h, key[0] | ((ulong)key[key.Length >> 1] << 8) | ((ulong)key[^1] << 16));
        }

        return (uint)(h ^ (h >> 32));
    }

    private static ulong Mix(ulong h, ulong v) => BitOperations.RotateLeft((h ^ v) * 0xC2B2AE3D27D4EB4F, 31);
}
