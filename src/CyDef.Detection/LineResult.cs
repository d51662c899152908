namespace CyDef.Detection;

/// <summary>What a reader made of one line.</summary>
public enum LineResult
{
    /// <summary>A record: the event holds it.</summary>
    Event,
    /// <summary>A record that could not be read; the reason says why.</summary>
    Skipped,
    /// <summary>Not a record and not an error: a blank line, a header or comment.</summary>
    Ignored,
}
