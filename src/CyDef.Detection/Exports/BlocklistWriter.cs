namespace CyDef.Detection.Exports;

/// <summary>A plain list: each distinct value on its own line, nothing else.</summary>
internal sealed class BlocklistWriter(TextWriter output, IndicatorValueType? type) : ExportWriter(output, type)
{
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);

    private protected override bool WriteEntry(ExportEntry entry)
    {
        if (!_seen.Add(entry.Value))
        {
            return false;
        }

        Output.Write(entry.Value);
        Output.Write('\n');
        return true;
    }
}
