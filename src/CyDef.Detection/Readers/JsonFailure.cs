namespace CyDef.Detection.Readers;

/// <summary>Why a line of JSON failed: too deep, cut short, or malformed.</summary>
internal static class JsonFailure
{
    public static SkipReason Reason(ReadOnlySpan<byte> line, int depth)
    {
        if (depth >= SensorRecordReader.MaxDepth - 1)
        {
            return SkipReason.TooDeep;
        }

        var trimmed = line.TrimEnd(" \t\r"u8);
        return trimmed.IsEmpty || (trimmed[^1] != (byte)'}' && trimmed[^1] != (byte)']') ? SkipReason.Truncated : SkipReason.Malformed;
    }
}
