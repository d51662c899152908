using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace CyDef.Detection;

/// <summary>The normal form of each field's values, computed in place (the result may be shorter, never longer).</summary>
internal static class ValueNormalizer
{
    /// <summary>The normalised value as a range of <paramref name="value"/>; length 0 drops it.</summary>
    public static (int Start, int Length) Normalize(EventField field, Span<byte> value)
    {
        var start = 0;
        var end = value.Length;
        Trim(value, ref start, ref end);
        switch (field)
        {
            case EventField.Domain:
                if (end > start && value[end - 1] == (byte)'.')
                {
                    end--;
                }

                LowerAscii(value[start..end]);
                break;
            case EventField.Md5 or EventField.Sha1 or EventField.Sha256 or EventField.Ja3 or EventField.Ja3s or EventField.Protocol:
                LowerAscii(value[start..end]);
                break;
            case EventField.CertificateSha1 or EventField.CertificateSha256:
                end = start + RemoveColons(value[start..end]);
                LowerAscii(value[start..end]);
                break;
            case EventField.Email:
                Address(value, ref start, ref end);
                break;
        }

        var length = end - start;
        return length <= 0 || (length == 1 && value[start] == (byte)'-') ? (0, 0) : (start, length);
    }

    private static void Trim(Span<byte> value, ref int start, ref int end)
    {
        while (start < end && value[start] == (byte)' ')
        {
            start++;
        }

        while (end > start && value[end - 1] == (byte)' ')
        {
            end--;
        }
    }

    /// <summary>The address inside <c>Name &lt;a@b&gt;</c>, or the value itself.</summary>
    private static void Address(Span<byte> value, ref int start, ref int end)
    {
        var open = value[start..end].LastIndexOf((byte)'<');
        if (open >= 0)
        {
            var close = value[(start + open)..end].IndexOf((byte)'>');
            end = close > 0 ? start + open + close : end;
            start += open + 1;
        }

        Trim(value, ref start, ref end);
    }

    /// <summary>A–Z to a–z; other bytes (a UTF-8 sequence's included) as they are.</summary>
    private static void LowerAscii(Span<byte> value)
    {
        var i = 0;
        if (Vector128.IsHardwareAccelerated)
        {
            // Sixteen bytes at a time: a byte is a capital when it less 'A' is at most 25 (unsigned); those gain 0x20.
            ref var start = ref MemoryMarshal.GetReference(value);
            var a = Vector128.Create((byte)'A');
            var span = Vector128.Create((byte)('Z' - 'A'));
            var bit = Vector128.Create((byte)0x20);
            for (; i <= value.Length - 16; i += 16)
            {
                var v = Vector128.LoadUnsafe(ref start, (nuint)i);
                var capital = Vector128.LessThanOrEqual(v - a, span);
                (v | (capital & bit)).StoreUnsafe(ref start, (nuint)i);
            }
        }

        for (; i < value.Length; i++)
        {
            if ((uint)(value[i] - 'A') <= 'Z' - 'A')
            {
                value[i] |= 0x20;
            }
        }
    }

    private static int RemoveColons(Span<byte> value)
    {
        var length = 0;
        foreach (var b in value)
        {
            if (b != (byte)':')
            {
                value[length++] = b;
            }
        }

        return length;
    }
}
