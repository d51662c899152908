using CyDef.Sharing;
using CyDef.Stix.Json;

namespace CyDef.Storage.Sharing;

/// <summary>A stored object version as one viewer may have it: whole, or with the parts denied to it removed.</summary>
public sealed class SharedObject
{
    private StixValue? _value;

    /// <summary>Creates the policy's answer for one version.</summary>
    /// <param name="stored">The stored version.</param>
    /// <param name="value">What the viewer may have.</param>
    /// <param name="outcome"><see cref="SharingOutcome.Allow"/> or <see cref="SharingOutcome.AllowRedacted"/>.</param>
    public SharedObject(StoredObject stored, StixValue value, SharingOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(value);
        Stored = stored;
        _value = value;
        Outcome = outcome;
    }

    // A version allowed whole, decided from its markings alone: its tree is read only if someone asks for it.
    internal SharedObject(StoredObject stored)
    {
        Stored = stored;
        Outcome = SharingOutcome.Allow;
    }

    /// <summary>
    /// The stored version. When <see cref="Outcome"/> is <see cref="SharingOutcome.Allow"/> its JSON is what the
    /// viewer may have; when redacted, the JSON is the original: never hand it out, hand out <see cref="Value"/>.
    /// </summary>
    public StoredObject Stored { get; }

    /// <summary>What the viewer may have.</summary>
    public StixValue Value => _value ??= StixJsonReader.ParseInPlace(Stored.Json).Value
        ?? throw new InvalidOperationException($"The stored version of {Stored.Id} is not JSON.");

    /// <summary><see cref="SharingOutcome.Allow"/> or <see cref="SharingOutcome.AllowRedacted"/>.</summary>
    public SharingOutcome Outcome { get; }
}

/// <summary>A page of objects a viewer may have.</summary>
/// <param name="Items">The objects, in feed order.</param>
/// <param name="More">Whether more may follow (some pages hold fewer items than asked when many objects are denied).</param>
/// <param name="Next">The cursor for the next page: the last sequence number looked at, allowed or not.</param>
public sealed record SharedPage(IReadOnlyList<SharedObject> Items, bool More, long? Next)
{
    /// <summary>When the first object of the page was added (TAXII's X-TAXII-Date-Added-First).</summary>
    public DateTimeOffset? DateAddedFirst => Items.Count > 0 ? Items[0].Stored.DateAdded : null;

    /// <summary>When the last object of the page was added (TAXII's X-TAXII-Date-Added-Last).</summary>
    public DateTimeOffset? DateAddedLast => Items.Count > 0 ? Items[^1].Stored.DateAdded : null;
}
