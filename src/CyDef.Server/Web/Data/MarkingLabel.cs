using CyDef.Sharing.Markings;

namespace CyDef.Server.Web.Data;

/// <summary>How a marking is shown: its text, and the colours of its chip.</summary>
/// <param name="Id">The marking definition's id.</param>
/// <param name="Text">The label (<c>TLP:AMBER</c>, <c>SECRET UE/EU SECRET REL TO DE</c>…).</param>
/// <param name="Classification">The EU level it sets, when it is a CyDef handling marking.</param>
/// <param name="Tlp">The TLP level, when it is a TLP marking.</param>
public sealed record MarkingLabel(string Id, string Text, ClassificationLevel? Classification, TlpLevel? Tlp)
{
    /// <summary>The chip's text colour and background (FIRST TLP 2.0 colours on black; classification colours).</summary>
    public (string Foreground, string Background) Colours => (Tlp, Classification) switch
    {
        (TlpLevel.Red, _) => ("#FF2B2B", "#000000"),
        (TlpLevel.Amber or TlpLevel.AmberStrict, _) => ("#FFC000", "#000000"),
        (TlpLevel.Green, _) => ("#33FF00", "#000000"),
        (TlpLevel.Clear, _) => ("#FFFFFF", "#000000"),
        (_, { } level) => Banner.Colours(level),
        _ => ("#FFFFFF", "#455A64"),
    };
}
