using System.Text.RegularExpressions;

namespace CyDef.Stix.Validation;

/// <summary>How the names of custom content should look (§11): a prefix, then a source, then the name.</summary>
internal sealed partial class CustomNaming
{
    private readonly Regex _withSource;

    private CustomNaming(string prefix, Regex withSource)
    {
        Prefix = prefix;
        _withSource = withSource;
    }

    /// <summary>Custom object types: <c>x-example-com-thing</c>.</summary>
    public static CustomNaming TypeName { get; } = new("x-", TypeWithSource());

    /// <summary>Custom properties: <c>x_example_com_thing</c>.</summary>
    public static CustomNaming PropertyName { get; } = new("x_", PropertyWithSource());

    /// <summary>Custom SCO extensions: <c>x-example-com-thing-ext</c>.</summary>
    public static CustomNaming ExtensionName { get; } = new("x-", ExtensionWithSource());

    public string Prefix { get; }

    public bool HasSourcePrefix(string name) => _withSource.IsMatch(name);

    [GeneratedRegex("^x-[a-z0-9]+-[a-z0-9-]+\\z")]
    private static partial Regex TypeWithSource();

    [GeneratedRegex("^x_[a-z0-9]+_[a-z0-9_]+\\z")]
    private static partial Regex PropertyWithSource();

    [GeneratedRegex("^x-[a-z0-9]+-[a-z0-9-]+-ext\\z")]
    private static partial Regex ExtensionWithSource();
}
