namespace CyDef.Patterns.Internal.Evaluation;

/// <summary>Octets as a string of one character each (U+0000–U+00FF), for LIKE and MATCHES on binary values.</summary>
internal static class Octets
{
    public static string Widen(byte[] bytes) => string.Create(bytes.Length, bytes, static (chars, source) =>
    {
        for (var i = 0; i < source.Length; i++)
        {
            chars[i] = (char)source[i];
        }
    });
}
