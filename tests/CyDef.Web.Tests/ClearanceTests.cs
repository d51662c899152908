using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace CyDef.Web.Tests;

/// <summary>A user without clearance finds a SECRET object nowhere: lists, search, counts, object page, graph, export. The same checks as a cleared user find it, so that they can fail.</summary>
[Collection(UiNodeCollection.Name)]
public sealed class ClearanceTests(UiNode node, Browser browser)
{
    [SkippableTheory]
    [InlineData("visitor", false)]
    [InlineData("admin", true)]
    public async Task SecretIndicator_SeenOnlyWithClearance(string user, bool cleared)
    {
        var who = user == "admin" ? UiNode.Administrator : UiNode.Visitor;
        var page = await BrowserTests.SignInAsync(browser, node, who);
        var expected = cleared ? 1 : 0;

        // Counts: the visitor's indicator, relationship, threat actor and sighting counts leave the SECRET ones out.
        foreach (var type in (string[])["indicator", "relationship", "threat-actor", "sighting"])
        {
            var stored = await LatestAsync(type);
            var shown = await page.Locator($"#type-counts tr[data-type={type}] td.cydef-num").InnerTextAsync();
            Assert.Equal(stored - (cleared ? 0 : 1), Count(shown));
        }

        // Recent activity: top threat actors and the map. Both see the GREEN actor and the GREEN sensor's country; only
        // the cleared user sees the SECRET actor and the country of the SECRET sighting.
        await Assertions.Expect(page.Locator($"#top-actors li[data-id='{UiNode.GreenActor}']")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator($"#top-actors li[data-id='{UiNode.SecretActor}']")).ToHaveCountAsync(expected);
        await Assertions.Expect(page.Locator($"#top-techniques li[data-id='{UiNode.Technique}']")).ToContainTextAsync("T1566.001");
        await Assertions.Expect(page.Locator($"#europe-map g[data-country={UiNode.SensorCountry}]")).ToHaveAttributeAsync("data-count", "1");
        await Assertions.Expect(page.Locator($"#europe-map g[data-country={UiNode.SecretCountry}]")).ToHaveAttributeAsync("data-count", expected.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(page.Locator($"#sensors tr[data-id='{UiNode.Sensor}']")).ToHaveCountAsync(1);
        Assert.Equal(cleared, (await page.Locator("#europe-map").InnerHTMLAsync()).Contains("Lithuania: 1 ", StringComparison.Ordinal));
        await Assertions.Expect(page.Locator("#peers")).ToHaveCountAsync(cleared ? 1 : 0);

        // Recent lists
        await Assertions.Expect(page.Locator($"#recent-indicators a[href='object/{UiNode.SecretIndicator}']")).ToHaveCountAsync(expected);

        // List of indicators
        await page.GotoAsync("/list/indicators");
        await page.WaitForSelectorAsync("#list-table");
        await Assertions.Expect(page.Locator($"#list-table tr[data-id='{UiNode.SecretIndicator}']")).ToHaveCountAsync(expected);

        // Search by word and by the pattern's value
        foreach (var q in (string[])["nightjar", "nightjar.example"])
        {
            await page.GotoAsync("/search?q=" + Uri.EscapeDataString(q));
            await page.WaitForSelectorAsync("#result-count");
            await Assertions.Expect(page.Locator($"#search-results tr[data-id='{UiNode.SecretIndicator}']")).ToHaveCountAsync(expected);
        }

        // Object page (as absent as a missing object) and the malware's graph and relationships
        await page.GotoAsync("/object/" + UiNode.SecretIndicator);
        await Assertions.Expect(page.Locator(cleared ? "#object-title" : "#not-found")).ToBeVisibleAsync();
        await page.GotoAsync("/object/" + UiNode.Malware);
        await page.WaitForSelectorAsync("#graph");
        await Assertions.Expect(page.Locator($"#graph a[data-id='{UiNode.SecretIndicator}']")).ToHaveCountAsync(expected);
        await Assertions.Expect(page.Locator($"#relationships a[href='object/{UiNode.SecretRelationship}']")).ToHaveCountAsync(expected);
        Assert.Equal(cleared, (await page.ContentAsync()).Contains("Nightjar", StringComparison.Ordinal));

        // Exports, with the browser's cookie
        foreach (var format in (string[])["stix", "csv"])
        {
            var export = await page.Context.APIRequest.GetAsync($"/ui/export?format={format}");
            Assert.Equal(200, export.Status);
            var text = await export.TextAsync();
            Assert.Contains(UiNode.Malware, text, StringComparison.Ordinal);
            Assert.Equal(cleared, text.Contains(UiNode.SecretIndicator, StringComparison.Ordinal));
            Assert.Equal(cleared, text.Contains(UiNode.SecretRelationship, StringComparison.Ordinal));
        }
    }

    private async Task<long> LatestAsync(string type) =>
        (await node.Store.QueryAsync(new CyDef.Storage.ObjectQuery { Types = [type], Limit = 10_000, IncludeContent = false })).Items.Count;

    private static long Count(string text) => long.Parse(Regex.Replace(text, "[^0-9]", ""), System.Globalization.CultureInfo.InvariantCulture);
}
