namespace CyDef.Storage.Identities;

/// <summary>The settings the directory keeps.</summary>
public static class DirectorySettings
{
    /// <summary>The identity id of the node's owning organisation (set at the node's first start).</summary>
    public const string NodeOrganization = "node-organization";
}
