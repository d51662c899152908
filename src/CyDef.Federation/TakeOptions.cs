namespace CyDef.Federation;

/// <summary>What this node takes from a peer (configuration <c>CyDef:Peers:N:Take</c>); empty lists take everything.</summary>
public sealed class TakeOptions
{
    /// <summary>Only objects of these STIX types (marking definitions are always taken: they are needed to read markings).</summary>
    public IList<string> Types { get; set; } = [];

    /// <summary>Only objects whose every object-level marking is one of these marking-definition ids (unmarked objects pass).</summary>
    public IList<string> Markings { get; set; } = [];
}
