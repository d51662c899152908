using System.Collections.Frozen;

namespace CyDef.Sharing.Markings;

/// <summary>
/// The names of the EU classification levels and the national levels that map onto them. The national table
/// holds common equivalences; a node's operator can add the ones its community agreed on.
/// </summary>
public static class Classifications
{
    private static readonly FrozenDictionary<string, ClassificationLevel> EuNames =
        new Dictionary<string, ClassificationLevel>(StringComparer.OrdinalIgnoreCase)
        {
            ["unclassified"] = ClassificationLevel.Unclassified,
            ["restricted"] = ClassificationLevel.Restricted,
            ["confidential"] = ClassificationLevel.Confidential,
            ["secret"] = ClassificationLevel.Secret,
            ["top-secret"] = ClassificationLevel.TopSecret,
            ["RESTREINT UE/EU RESTRICTED"] = ClassificationLevel.Restricted,
            ["CONFIDENTIEL UE/EU CONFIDENTIAL"] = ClassificationLevel.Confidential,
            ["SECRET UE/EU SECRET"] = ClassificationLevel.Secret,
            ["TRÈS SECRET UE/EU TOP SECRET"] = ClassificationLevel.TopSecret,
        }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    private static readonly Dictionary<(string Country, string Label), ClassificationLevel> National = new()
    {
        [("DE", "VS-NUR FÜR DEN DIENSTGEBRAUCH")] = ClassificationLevel.Restricted,
        [("DE", "VS-VERTRAULICH")] = ClassificationLevel.Confidential,
        [("DE", "GEHEIM")] = ClassificationLevel.Secret,
        [("DE", "STRENG GEHEIM")] = ClassificationLevel.TopSecret,
        [("IT", "RISERVATO")] = ClassificationLevel.Restricted,
        [("IT", "RISERVATISSIMO")] = ClassificationLevel.Confidential,
        [("IT", "SEGRETO")] = ClassificationLevel.Secret,
        [("IT", "SEGRETISSIMO")] = ClassificationLevel.TopSecret,
        [("ES", "DIFUSIÓN LIMITADA")] = ClassificationLevel.Restricted,
        [("ES", "CONFIDENCIAL")] = ClassificationLevel.Confidential,
        [("ES", "RESERVADO")] = ClassificationLevel.Secret,
        [("ES", "SECRETO")] = ClassificationLevel.TopSecret,
        [("NL", "DEPARTEMENTAAL VERTROUWELIJK")] = ClassificationLevel.Restricted,
        [("NL", "CONFIDENTIEEL")] = ClassificationLevel.Confidential,
        [("NL", "GEHEIM")] = ClassificationLevel.Secret,
        [("NL", "ZEER GEHEIM")] = ClassificationLevel.TopSecret,
        [("PL", "ZASTRZEŻONE")] = ClassificationLevel.Restricted,
        [("PL", "POUFNE")] = ClassificationLevel.Confidential,
        [("PL", "TAJNE")] = ClassificationLevel.Secret,
        [("PL", "ŚCIŚLE TAJNE")] = ClassificationLevel.TopSecret,
    };

    private static readonly Lock NationalLock = new();

    /// <summary>The marking text of an EU level, e.g. <c>SECRET UE/EU SECRET</c>.</summary>
    /// <param name="level">The level.</param>
    public static string Banner(ClassificationLevel level) => level switch
    {
        ClassificationLevel.Restricted => "RESTREINT UE/EU RESTRICTED",
        ClassificationLevel.Confidential => "CONFIDENTIEL UE/EU CONFIDENTIAL",
        ClassificationLevel.Secret => "SECRET UE/EU SECRET",
        ClassificationLevel.TopSecret => "TRÈS SECRET UE/EU TOP SECRET",
        _ => "UNCLASSIFIED",
    };

    /// <summary>The short name used in CyDef's marking extension, e.g. <c>secret</c>.</summary>
    /// <param name="level">The level.</param>
    public static string Name(ClassificationLevel level) => level switch
    {
        ClassificationLevel.Restricted => "restricted",
        ClassificationLevel.Confidential => "confidential",
        ClassificationLevel.Secret => "secret",
        ClassificationLevel.TopSecret => "top-secret",
        _ => "unclassified",
    };

    /// <summary>Reads an EU level by its short name or its full marking text.</summary>
    /// <param name="text">The name.</param>
    /// <param name="level">The level.</param>
    public static bool TryParseEu(string text, out ClassificationLevel level) => EuNames.TryGetValue(text, out level);

    /// <summary>Maps a national level onto the EU level it is equivalent to.</summary>
    /// <param name="country">The ISO 3166-1 alpha-2 code of the country.</param>
    /// <param name="label">The national marking, e.g. <c>GEHEIM</c>.</param>
    /// <param name="level">The EU level.</param>
    public static bool TryMapNational(string country, string label, out ClassificationLevel level)
    {
        lock (NationalLock)
        {
            return National.TryGetValue((country.ToUpperInvariant(), label.ToUpperInvariant()), out level);
        }
    }

    /// <summary>Adds or replaces a national equivalence.</summary>
    /// <param name="country">The ISO 3166-1 alpha-2 code of the country.</param>
    /// <param name="label">The national marking.</param>
    /// <param name="level">The EU level it is equivalent to.</param>
    public static void AddNational(string country, string label, ClassificationLevel level)
    {
        lock (NationalLock)
        {
            National[(country.ToUpperInvariant(), label.ToUpperInvariant())] = level;
        }
    }
}
