using Microsoft.Playwright;

namespace CyDef.Web.Tests;

/// <summary>
/// Debian's Chromium driven by Playwright (its driver from the NuGet package; Playwright never downloads a browser).
/// Missing Chromium skips the browser tests locally and fails them when CI=true.
/// </summary>
public sealed class Browser : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public IBrowser? Chromium { get; private set; }

    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public async Task InitializeAsync()
    {
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        if (!File.Exists(ChromiumPath))
        {
            return;
        }

        _playwright = await Playwright.CreateAsync();
        Chromium = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = ChromiumPath, Headless = true, Args = ["--no-sandbox", "--disable-gpu"] });
    }

    public async Task DisposeAsync()
    {
        if (Chromium is not null)
        {
            await Chromium.DisposeAsync();
        }

        _playwright?.Dispose();
    }

    /// <summary>A new browser context (its own cookies); skips or fails when there is no Chromium.</summary>
    public async Task<IPage> NewPageAsync(string baseUrl)
    {
        if (Chromium is null)
        {
            Assert.False(InCi, $"Chromium is missing at {ChromiumPath}: ./test.sh installs it (tests/chromium.sh).");
            Skip.If(true, $"Chromium is not installed at {ChromiumPath}");
        }

        var context = await Chromium!.NewContextAsync(new() { BaseURL = baseUrl, ViewportSize = new() { Width = 1400, Height = 1000 } });
        context.SetDefaultTimeout(20_000);

        // Assertions wait as long as actions do: on a loaded two-core machine a page's circuit can take seconds.
        Assertions.SetDefaultExpectTimeout(20_000);
        return await context.NewPageAsync();
    }
}
