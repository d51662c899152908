namespace CyDef.Detection;

/// <summary>Why a line of sensor input was skipped (the stream goes on).</summary>
public enum SkipReason : byte
{
    /// <summary>The line ends before its JSON does.</summary>
    Truncated,
    /// <summary>The line is not well-formed JSON, or not a record of the format.</summary>
    Malformed,
    /// <summary>Nesting deeper than the reader allows.</summary>
    TooDeep,
    /// <summary>Bytes that are not UTF-8.</summary>
    InvalidUtf8,
    /// <summary>A line longer than the reader allows.</summary>
    TooLong,
    /// <summary>No timestamp, or one that cannot be read.</summary>
    BadTimestamp,
    /// <summary>A Zeek TSV line before any <c>#fields</c> header.</summary>
    NoHeader,
    /// <summary>A syslog line without a CEF record.</summary>
    NotCef,
}
