namespace CyDef.Storage.Identities;

/// <summary>
/// A named set of organisations that share under common rules — a network of military CERTs, the civilian CSIRTs
/// network, a SOC platform. Markings scope content to communities by this id.
/// </summary>
/// <param name="Id">Its id, <c>community--NAME</c> or <c>community--UUID</c>.</param>
/// <param name="Name">Its name, unique in the directory (compared without case).</param>
/// <param name="Description">What it is, if said.</param>
/// <param name="Members">The identity ids of its member organisations, in order.</param>
public sealed record Community(string Id, string Name, string? Description, IReadOnlyList<string> Members);
