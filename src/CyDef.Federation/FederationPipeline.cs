using CyDef.Sharing;
using CyDef.Stix.Json;
using Microsoft.Extensions.Logging;

namespace CyDef.Federation;

/// <summary>
/// What happens to objects between this node and a peer, besides the sharing policy (which decides what leaves):
/// inbound, what this node takes (<see cref="TakeOptions"/>), the loop check (a version that already passed through
/// this node is dropped), the <see cref="IInboundCheck"/>s, and the provenance hop; outbound (push), the provenance
/// hop and the <see cref="IOutboundTransform"/>s.
/// </summary>
internal sealed class FederationPipeline(string self, IEnumerable<IInboundCheck> checks, IEnumerable<IOutboundTransform> transforms, ILogger logger)
{
    private readonly IInboundCheck[] _checks = [.. checks];
    private readonly IOutboundTransform[] _transforms = [.. transforms];

    /// <summary>This node's organisation, as provenance names it.</summary>
    public string Self => self;

    public InboundBatch Receive(IReadOnlyList<StixValue> objects, PeerOptions peer)
    {
        var accepted = new List<StixValue>(objects.Count);
        int refused = 0, looped = 0;
        string? lastRefusal = null;
        foreach (var value in objects)
        {
            if (Provenance.Of(value) is { } provenance && (provenance.Origin == self || provenance.Path.Contains(self)))
            {
                looped++;
                continue;
            }

            if (Refusal(value, peer) is { } reason)
            {
                var id = value["id"]?.AsString() ?? "(no id)";
                var version = VersionOf(value);
                FederationLog.Refused(logger, peer.Name, id, version, reason);
                lastRefusal = $"{id} version {version}: {reason}";
                refused++;
                continue;
            }

            accepted.Add(IsMarkingDefinition(value) ? value : Provenance.AddHop(value, peer.Organization));
        }

        return new InboundBatch(accepted, refused, looped, lastRefusal);
    }

    public StixValue Send(StixValue value, PeerOptions peer)
    {
        var sent = IsMarkingDefinition(value) ? value : Provenance.AddHop(value, self);
        foreach (var transform in _transforms)
        {
            sent = transform.Transform(sent, peer);
        }

        return sent;
    }

    private string? Refusal(StixValue value, PeerOptions peer)
    {
        if (IsMarkingDefinition(value))
        {
            return Checks(value, peer);
        }

        if (peer.Take.Types.Count > 0 && !peer.Take.Types.Contains(value["type"]?.AsString() ?? ""))
        {
            return "its type is not taken from this peer";
        }

        if (peer.Take.Markings.Count > 0 && value["object_marking_refs"] is { IsArray: true } markings)
        {
            foreach (var marking in markings.Items)
            {
                if (!peer.Take.Markings.Contains(marking.AsString() ?? ""))
                {
                    return $"marking {marking.AsString()} is not taken from this peer";
                }
            }
        }

        return Checks(value, peer);
    }

    private string? Checks(StixValue value, PeerOptions peer)
    {
        foreach (var check in _checks)
        {
            if (check.Refuse(value, peer) is { } reason)
            {
                return reason;
            }
        }

        return null;
    }

    /// <summary>A version's name in logs: its <c>modified</c>, or <c>created</c> for an object without one.</summary>
    public static string VersionOf(StixValue value) => value["modified"]?.AsString() ?? value["created"]?.AsString() ?? "(unversioned)";

    // Marking definitions are reference data, the same on every node (their ids are derived from their content):
    // they carry no provenance.
    private static bool IsMarkingDefinition(StixValue value) => value["type"]?.AsString() == "marking-definition";
}

/// <summary>What the pipeline made of a page from a peer.</summary>
/// <param name="Accepted">The objects to store, with this hop in their provenance.</param>
/// <param name="Refused">Objects not taken or refused by a check.</param>
/// <param name="Looped">Objects that had already passed through this node.</param>
/// <param name="LastRefusal">The last refused object, its version and the reason, or null.</param>
internal sealed record InboundBatch(List<StixValue> Accepted, int Refused, int Looped, string? LastRefusal = null);
