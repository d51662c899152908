using System.Buffers.Binary;

namespace CyDef.Detection.Index;

/// <summary>
/// A fast 32-bit hash of a UTF-8 value, eight bytes at a time, and from it the hash of the value on one path (not
/// persisted, not exposed). The value's own hash is what the <see cref="BucketFilter"/> holds, so that a value an event
/// reports on two paths (a destination address: <c>ipv4-addr:value</c> and <c>network-traffic:dst_ref.value</c>) is
/// asked of it once; the hash on the path places the entry in the table.
/// </summary>
internal static class ValueHash
{
    /// <summary>The hash of a value, whatever its path.</summary>
    public static uint Of(ReadOnlySpan<byte> value)
    {
        var length = value.Length;
        var hash = 0x9E3779B97F4A7C15UL ^ (ulong)length;
        var i = 0;
        for (; i <= length - 8; i += 8)
        {
            hash = Mix(hash ^ BinaryPrimitives.ReadUInt64LittleEndian(value[i..]));
        }

        // The bytes left (fewer than eight) in one or two reads rather than one at a time: the last eight bytes of a
        // longer value, shifted past those already mixed; two overlapping halves or three bytes of a short one.
        var left = length - i;
        if (left > 0)
        {
            var tail = length >= 8 ? BinaryPrimitives.ReadUInt64LittleEndian(value[(length - 8)..]) >> (8 * (8 - left))
                : length >= 4 ? BinaryPrimitives.ReadUInt32LittleEndian(value) | ((ulong)BinaryPrimitives.ReadUInt32LittleEndian(value[(length - 4)..]) << 32)
                : value[0] | ((ulong)value[length >> 1] << 8) | ((ulong)value[length - 1] << 16);
            hash = Mix(hash ^ tail);
        }

        return (uint)(hash ^ (hash >> 32));
    }

    /// <summary>The hash of a value on a path, from the value's <see cref="Of(ReadOnlySpan{byte})"/> (one-to-one for a given path).</summary>
    public static uint OnPath(uint value, byte path)
    {
        var x = (value ^ (path * 0x9E3779B9u)) * 0x85EBCA6Bu;
        return x ^ (x >> 16);
    }

    /// <summary>The hash of a value on a path.</summary>
    public static uint Of(byte path, ReadOnlySpan<byte> value) => OnPath(Of(value), path);

    private static ulong Mix(ulong x)
    {
        x *= 0xff51afd7ed558ccdUL;
        return x ^ (x >> 29);
    }
}
