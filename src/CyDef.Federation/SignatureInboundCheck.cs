using CyDef.Stix.Json;

namespace CyDef.Federation;

/// <summary>
/// The signature check of what peers send (an <see cref="IInboundCheck"/>): each version is verified against the
/// trusted records (<see cref="FederationTrust"/>), and refused — not stored, counted and logged with its id, version
/// and reason — when the peer must sign (<see cref="PeerOptions.SigningRequired"/>) and the signature is missing,
/// tampered with, of another version, or made with an unknown or retired key; a signature that can be checked and
/// fails is refused from any peer.
/// </summary>
/// <param name="trust">The trusted records.</param>
public sealed class SignatureInboundCheck(FederationTrust trust) : IInboundCheck
{
    /// <inheritdoc />
    public string? Refuse(StixValue value, PeerOptions peer)
    {
        ArgumentNullException.ThrowIfNull(peer);
        return trust.Refusal(value, peer.SigningRequired);
    }
}
