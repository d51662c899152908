using MudBlazor;

namespace CyDef.Server.Web.Components.Layout;

/// <summary>The UI's light and dark palettes (text contrast at least 4.5:1 on both).</summary>
internal static class CyDefTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1A4F8B",
            Secondary = "#5C3D99",
            AppbarBackground = "#0F2A4A",
            AppbarText = "#FFFFFF",
            TextPrimary = "#1B1B1F",
            TextSecondary = "#44474F",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#8CB8FF",
            Secondary = "#C7B3FF",
            AppbarBackground = "#0B1626",
            TextPrimary = "#E6E6EA",
            TextSecondary = "#C4C6D0",
        },
    };
}
