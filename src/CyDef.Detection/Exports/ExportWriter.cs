namespace CyDef.Detection.Exports;

/// <summary>
/// Writes the values of indicators in one sensor format as they come (nothing is held but what removes duplicates),
/// leaving out the values the format cannot carry and, when a type is given, those of other types.
/// </summary>
public abstract class ExportWriter
{
    private readonly IndicatorValueType? _type;

    /// <summary>Creates a writer.</summary>
    /// <param name="output">Where the file goes.</param>
    /// <param name="type">Only values of this type, or all.</param>
    private protected ExportWriter(TextWriter output, IndicatorValueType? type)
    {
        ArgumentNullException.ThrowIfNull(output);
        Output = output;
        _type = type;
    }

    /// <summary>Values written so far.</summary>
    public long Written { get; private set; }

    /// <summary>Where the file goes.</summary>
    private protected TextWriter Output { get; }

    /// <summary>A writer for a format.</summary>
    /// <param name="format">The format.</param>
    /// <param name="output">Where the file goes.</param>
    /// <param name="type">Only values of this type (required for a dataset, which holds one type), or all.</param>
    /// <param name="title">A line for the file's header, where the format has comments (the sensor and the time).</param>
    public static ExportWriter For(ExportFormat format, TextWriter output, IndicatorValueType? type, string title) => format switch
    {
        ExportFormat.SuricataRules => new SuricataRuleWriter(output, type, title),
        ExportFormat.SuricataDataset => new SuricataDatasetWriter(output, type ?? throw new ArgumentException("A dataset holds one type.", nameof(type))),
        ExportFormat.ZeekIntel => new ZeekIntelWriter(output, type),
        ExportFormat.Blocklist => new BlocklistWriter(output, type),
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };

    /// <summary>Whether a format can hold values of a type (a Suricata dataset has no SHA-1 type, say).</summary>
    /// <param name="format">The format.</param>
    /// <param name="type">The type.</param>
    public static bool Supports(ExportFormat format, IndicatorValueType type) => format switch
    {
        ExportFormat.SuricataRules => type is IndicatorValueType.Ipv4 or IndicatorValueType.Ipv6 or IndicatorValueType.Domain or IndicatorValueType.Url,
        ExportFormat.SuricataDataset => type is not IndicatorValueType.Sha1,
        _ => true,
    };

    /// <summary>Writes what the format holds before any value.</summary>
    public virtual void Start()
    {
    }

    /// <summary>Writes one value, unless the format cannot carry it or it is of another type.</summary>
    /// <param name="entry">The value.</param>
    public void Write(ExportEntry entry)
    {
        if ((_type is null || entry.Type == _type) && WriteEntry(entry))
        {
            Written++;
        }
    }

    /// <summary>Writes one value; false when it was left out.</summary>
    /// <param name="entry">The value.</param>
    private protected abstract bool WriteEntry(ExportEntry entry);
}
