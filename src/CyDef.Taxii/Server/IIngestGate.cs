using System.Security.Claims;
using CyDef.Storage;

namespace CyDef.Taxii.Server;

/// <summary>
/// How the objects that a principal adds (TAXII Add Objects) are ingested — the seam where a node signs what its
/// users publish and checks the signatures of what its peers push. Optional: without one, objects are stored as they
/// come. Register one implementation in the host's services.
/// </summary>
public interface IIngestGate
{
    /// <summary>The ingest options for what <paramref name="poster"/> adds to a collection.</summary>
    /// <param name="poster">The authenticated principal who posted the objects.</param>
    /// <param name="options">The options the endpoint would use.</param>
    IngestOptions For(ClaimsPrincipal poster, IngestOptions options);
}
