using System.Buffers.Binary;

namespace CyDef.Detection.Index;

/// <summary>A fast 32-bit hash of a path id and a UTF-8 value, eight bytes at a time (not persisted, not exposed).</summary>
internal static class ValueHash
{
    public static uint Of(byte path, ReadOnlySpan<byte> value)
    {
        var hash = 0x9E3779B97F4A7C15UL ^ ((ulong)path << 56) ^ (ulong)value.Length;
        while (value.Length >= 8)
        {
            hash = Mix(hash ^ BinaryPrimitives.ReadUInt64LittleEndian(value));
            value = value[8..];
        }

        ulong tail = 0;
        for (var i = 0; i < value.Length; i++)
        {
            tail |= (ulong)value[i] << (8 * i);
        }

        hash = Mix(hash ^ tail);
        return (uint)(hash ^ (hash >> 32));
    }

    private static ulong Mix(ulong x)
    {
        x *= 0xff51afd7ed558ccdUL;
        return x ^ (x >> 29);
    }
}
