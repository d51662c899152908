using CyDef.Storage.Sharing;

namespace CyDef.Server.Web.Data;

/// <summary>An object and what it is linked to, as one viewer may see them: only nodes and edges the policy allows.</summary>
/// <param name="Center">The object.</param>
/// <param name="Nodes">The linked objects the viewer may see.</param>
/// <param name="Edges">The links: from, to, and the label (relationship type or property name).</param>
/// <param name="Relationships">The relationships and sightings that touch the object.</param>
public sealed record Neighbourhood(SharedObject Center, IReadOnlyList<SharedObject> Nodes, IReadOnlyList<(string From, string To, string Label)> Edges, IReadOnlyList<SharedObject> Relationships);
