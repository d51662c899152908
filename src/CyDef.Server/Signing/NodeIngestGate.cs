using System.Security.Claims;
using CyDef.Federation;
using CyDef.Stix.Json;
using CyDef.Storage;
using CyDef.Taxii.Security;
using CyDef.Taxii.Server;
using Microsoft.Extensions.Logging;

namespace CyDef.Server.Signing;

/// <summary>
/// What happens to objects added over TAXII: from a peer (an API key with <c>Peer=true</c>, pushing), each version's
/// signature is checked as a pulled one is (<see cref="FederationTrust"/>; the key's organisation says whether the
/// peer must sign) and a refused one is not stored — it is a failure in the TAXII status, with the reason, and a
/// warning in the log; from anyone else, the version is this node's publication and is signed.
/// </summary>
internal sealed partial class NodeIngestGate(NodePublishing publishing, FederationTrust trust, ILogger<NodeIngestGate> logger) : IIngestGate
{
    public IngestOptions For(ClaimsPrincipal poster, IngestOptions options)
    {
        ArgumentNullException.ThrowIfNull(poster);
        if (poster.FindFirst(ViewerClaims.Peer)?.Value != "true")
        {
            return publishing.For(options);
        }

        var name = poster.Identity?.Name ?? "(peer)";
        var organization = poster.FindFirst(ViewerClaims.Organization)?.Value;
        var mustSign = trust.MustSignFrom(organization);
        return options with
        {
            Admit = value =>
            {
                if (trust.Refusal(value, mustSign) is not { } reason)
                {
                    return IngestAdmission.Store(value);
                }

                Refused(logger, name, value["id"]?.AsString() ?? "(no id)", VersionOf(value), reason);
                return IngestAdmission.Refuse(reason);
            },
        };
    }

    private static string VersionOf(StixValue value) => value["modified"]?.AsString() ?? value["created"]?.AsString() ?? "(unversioned)";

    [LoggerMessage(EventId = 5101, Level = LogLevel.Warning, Message = "Peer {Peer}: refused pushed {Id} version {Version}: {Reason}")]
    private static partial void Refused(ILogger logger, string peer, string id, string version, string reason);
}
