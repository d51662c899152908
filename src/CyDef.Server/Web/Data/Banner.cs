using CyDef.Sharing.Markings;

namespace CyDef.Server.Web.Data;

/// <summary>The classification banner's text and colours, as on classified systems (contrast at least 4.5:1).</summary>
public static class Banner
{
    /// <summary>The text and background colours of a level.</summary>
    /// <param name="level">The EU level.</param>
    public static (string Foreground, string Background) Colours(ClassificationLevel level) => level switch
    {
        ClassificationLevel.Restricted => ("#FFFFFF", "#8A4B00"),
        ClassificationLevel.Confidential => ("#FFFFFF", "#0033A0"),
        ClassificationLevel.Secret => ("#FFFFFF", "#A50E26"),
        ClassificationLevel.TopSecret => ("#000000", "#FF8C00"),
        _ => ("#FFFFFF", "#006B2D"),
    };

    /// <summary>The banner's text for the highest level among an object's markings.</summary>
    /// <param name="markings">The object's markings.</param>
    public static (string Text, ClassificationLevel Level) Of(IEnumerable<MarkingLabel> markings)
    {
        ArgumentNullException.ThrowIfNull(markings);
        var level = markings.Select(m => m.Classification ?? ClassificationLevel.Unclassified).DefaultIfEmpty(ClassificationLevel.Unclassified).Max();
        return (Classifications.Banner(level), level);
    }
}
