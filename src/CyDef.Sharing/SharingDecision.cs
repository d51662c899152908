using CyDef.Stix.Json;

namespace CyDef.Sharing;

/// <summary>What a viewer may have of an object.</summary>
public enum SharingOutcome
{
    /// <summary>Nothing: not the object, not its existence.</summary>
    Deny,

    /// <summary>The whole object.</summary>
    Allow,

    /// <summary>The object with the parts its granular markings deny the viewer removed.</summary>
    AllowRedacted,
}

/// <summary>The policy's answer for one object and one viewer.</summary>
public sealed class SharingDecision
{
    private SharingDecision(SharingOutcome outcome, StixValue? value, string? reason, IReadOnlyList<string> removed)
    {
        Outcome = outcome;
        Value = value;
        Reason = reason;
        Removed = removed;
    }

    /// <summary>Deny, allow, or allow with parts removed.</summary>
    public SharingOutcome Outcome { get; }

    /// <summary>What the viewer may have: the object, or its redacted form; null when denied.</summary>
    public StixValue? Value { get; }

    /// <summary>Why the object is denied, for logs and administrators (never shown to the viewer).</summary>
    public string? Reason { get; }

    /// <summary>The granular-marking selectors whose content was removed.</summary>
    public IReadOnlyList<string> Removed { get; }

    /// <summary>Whether the viewer may have anything of the object.</summary>
    public bool IsAllowed => Outcome != SharingOutcome.Deny;

    internal static SharingDecision Deny(string reason) => new(SharingOutcome.Deny, null, reason, []);

    internal static SharingDecision Allow(StixValue value) => new(SharingOutcome.Allow, value, null, []);

    internal static SharingDecision Redacted(StixValue value, IReadOnlyList<string> removed) =>
        new(SharingOutcome.AllowRedacted, value, null, removed);
}
