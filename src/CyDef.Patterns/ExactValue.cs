namespace CyDef.Patterns;

/// <summary>
/// One value an exact-value pattern looks for: an SCO of <paramref name="ObjectType"/> whose object path
/// <paramref name="Path"/> selects a string equal to <paramref name="Value"/> (§9.6.1 <c>=</c>, code point by code point).
/// </summary>
/// <param name="ObjectType">The SCO type, e.g. <c>ipv4-addr</c>.</param>
/// <param name="Path">The object path in canonical pattern syntax, e.g. <c>network-traffic:dst_ref.value</c>.</param>
/// <param name="Value">The string the path must select.</param>
public readonly record struct ExactValue(string ObjectType, string Path, string Value);
