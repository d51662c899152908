namespace CyDef.Taxii.Security;

/// <summary>An API key and what it may do (configuration section <c>CyDef:ApiKeys</c>).</summary>
public sealed class ApiKeyGrant
{
    /// <summary>Who holds the key (logs and audit).</summary>
    public string Name { get; set; } = "api-key";

    /// <summary>The secret: the password of HTTP Basic (any user name) or the token of <c>Authorization: Bearer</c>.</summary>
    public string Key { get; set; } = "";

    /// <summary>An administrator may read and write every collection that allows it, and delete objects.</summary>
    public bool Administrator { get; set; }

    /// <summary>Collections (ids or aliases) the key may read; <c>*</c> for all.</summary>
    public IList<string> Read { get; set; } = [];

    /// <summary>Collections (ids or aliases) the key may write; <c>*</c> for all.</summary>
    public IList<string> Write { get; set; } = [];
}
