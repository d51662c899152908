using System.Text.RegularExpressions;
using CyDef.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CyDef.Web.Tests;

/// <summary>The UI in a real browser against a real node: sign-in, search, object pages and their graph, creation, live updates.</summary>
[Collection(UiNodeCollection.Name)]
public sealed partial class BrowserTests(UiNode node, Browser browser)
{
    [GeneratedRegex("/signin")]
    private static partial Regex SignInUrl();

    internal static async Task<IPage> SignInAsync(Browser browser, UiNode node, (string Name, string Key) user)
    {
        var page = await browser.NewPageAsync(node.Url);
        await page.GotoAsync("/");
        await Assertions.Expect(page).ToHaveURLAsync(SignInUrl());
        await page.FillAsync("#username", user.Name);
        await page.FillAsync("#password", user.Key);
        await page.ClickAsync("#signin-button");
        await page.WaitForSelectorAsync("#total-count");
        return page;
    }

    [SkippableFact]
    public async Task SignIn_WrongPassword_StaysOutWithMessage()
    {
        var page = await browser.NewPageAsync(node.Url);
        await page.GotoAsync("/list/indicators");
        await page.FillAsync("#username", UiNode.Administrator.Name);
        await page.FillAsync("#password", "not-the-key");
        await page.ClickAsync("#signin-button");

        await Assertions.Expect(page.Locator("#signin-error")).ToBeVisibleAsync();
        Assert.Contains("/signin", page.Url, StringComparison.Ordinal);
        var response = await page.GotoAsync("/");
        Assert.Contains("/signin", page.Url, StringComparison.Ordinal);
        Assert.NotNull(response);
    }

    [SkippableFact]
    public async Task SignIn_ThenSignOut_DashboardThenSignInPage()
    {
        var page = await SignInAsync(browser, node, UiNode.Administrator);

        await Assertions.Expect(page.Locator("#user-name")).ToHaveTextAsync(UiNode.Administrator.Name);
        await Assertions.Expect(page.Locator("#type-counts tr[data-type=indicator]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#theme-toggle")).ToBeVisibleAsync();
        await page.ClickAsync("#sign-out");

        // The URL and the form, not the load event: under load, Playwright's wait for "load" after the POST's redirect
        // has been seen to miss the event that had already fired.
        await Assertions.Expect(page).ToHaveURLAsync(SignInUrl());
        await Assertions.Expect(page.Locator("#username")).ToBeVisibleAsync();
        await page.GotoAsync("/list/indicators");
        Assert.Contains("/signin", page.Url, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Search_ObservableValueAndWords_ResultsWithFacets()
    {
        var page = await SignInAsync(browser, node, UiNode.Administrator);

        await page.GotoAsync("/search?q=" + Uri.EscapeDataString("203.0.113.9"));
        await Assertions.Expect(page.Locator($"#search-results tr[data-id='{UiNode.GreenIndicator}']")).ToBeVisibleAsync();
        await page.FillAsync("#search-text", "blackcap");
        await page.ClickAsync("#search-button");
        await Assertions.Expect(page.Locator($"#search-results tr[data-id='{UiNode.Malware}']")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#facet-types [data-facet=malware]")).ToBeVisibleAsync();

        // The producer by its identity's name (the node's own organisation here), not by its id.
        await Assertions.Expect(page.Locator($"#facet-sources [data-facet='{UiNode.Organization}']")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator($"#facet-sources [data-facet='{UiNode.Organization}']")).Not.ToContainTextAsync("identity--");
        await Assertions.Expect(page.Locator("#facet-origins [data-facet='this node']")).ToBeVisibleAsync();

        await page.ClickAsync("#facet-types [data-facet=malware]");
        await Assertions.Expect(page.Locator($"#search-results tr[data-id='{UiNode.GreenIndicator}']")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator($"#search-results tr[data-id='{UiNode.Malware}']")).ToBeVisibleAsync();
    }

    [SkippableFact]
    public async Task Search_SourceAndOriginFacets_FilterTheResults()
    {
        const string Producer = "identity--0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c11", Peer = "identity--0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c12";
        var green = CyDef.Sharing.Markings.CyDefMarkings.TlpGreen;
        var fromPeer = UiNode.Parse($$"""
            {"type":"indicator","spec_version":"2.1","id":"indicator--0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c13","created":"2026-03-02T10:00:00.000Z","modified":"2026-03-02T10:00:00.000Z","created_by_ref":"{{Producer}}","name":"Wryneck relay","pattern":"[domain-name:value = 'wryneck-a.example']","pattern_type":"stix","valid_from":"2026-03-02T10:00:00Z","object_marking_refs":["{{green}}"],
             "extensions":{"{{CyDef.Sharing.Provenance.Extension}}":{"extension_type":"property-extension","origin":"{{Peer}}","path":["{{Peer}}"]} } }
            """);
        var local = UiNode.Parse($$"""
            {"type":"indicator","spec_version":"2.1","id":"indicator--0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c14","created":"2026-03-02T10:00:00.000Z","modified":"2026-03-02T10:00:00.000Z","name":"Wryneck local","pattern":"[domain-name:value = 'wryneck-b.example']","pattern_type":"stix","valid_from":"2026-03-02T10:00:00Z","object_marking_refs":["{{green}}"]}
            """);
        var producer = UiNode.Parse($$"""{"type":"identity","spec_version":"2.1","id":"{{Producer}}","created":"2026-03-02T10:00:00.000Z","modified":"2026-03-02T10:00:00.000Z","name":"Kite research team","identity_class":"organization","object_marking_refs":["{{green}}"]}""");
        await node.IngestAsync(producer, fromPeer, local);
        var page = await SignInAsync(browser, node, UiNode.Administrator);

        await page.GotoAsync("/search?q=wryneck");
        await Assertions.Expect(page.Locator("#search-results tbody tr")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator($"#facet-sources [data-facet='{Producer}']")).ToHaveTextAsync("Kite research team (1)");
        await Assertions.Expect(page.Locator("#facet-sources [data-facet='unattributed']")).ToHaveTextAsync("unattributed (1)");
        await Assertions.Expect(page.Locator($"#facet-origins [data-facet='{Peer}']")).ToHaveTextAsync($"{Peer} (1)");

        await page.ClickAsync($"#facet-origins [data-facet='{Peer}']");
        await Assertions.Expect(page.Locator("#search-results tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator($"#search-results tr[data-id='{fromPeer["id"]!.GetString()}']")).ToHaveCountAsync(1);
        await page.ClickAsync($"#facet-origins [data-facet='{Peer}']");
        await page.ClickAsync("#facet-sources [data-facet='unattributed']");
        await Assertions.Expect(page.Locator("#search-results tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator($"#search-results tr[data-id='{local["id"]!.GetString()}']")).ToHaveCountAsync(1);
    }

    [SkippableFact]
    public async Task ObjectPage_Malware_MarkingsBannersGraphAndVersions()
    {
        var page = await SignInAsync(browser, node, UiNode.Administrator);

        await page.GotoAsync("/object/" + UiNode.Malware);
        await Assertions.Expect(page.Locator("#object-title")).ToHaveTextAsync("Blackcap loader");
        await Assertions.Expect(page.Locator(".cydef-banner")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator(".cydef-marking", new() { HasText = "TLP:GREEN" }).First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#versions tbody tr")).ToHaveCountAsync(1);
        var node1 = page.Locator($"#graph a[data-id='{UiNode.GreenIndicator}']");
        await Assertions.Expect(node1).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator($"#graph a[data-id='{UiNode.SecretIndicator}']")).ToHaveCountAsync(1);

        await node1.ClickAsync();
        await Assertions.Expect(page.Locator("#object-title")).ToHaveTextAsync("Blackcap C2 address");
        Assert.EndsWith("/object/" + UiNode.GreenIndicator, page.Url, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task CreateIndicator_Valid_StoredAndInList()
    {
        var page = await SignInAsync(browser, node, UiNode.Analyst);
        var name = "Kestrel phishing domain " + Guid.NewGuid().ToString("N")[..6];

        await page.GotoAsync("/edit/indicator");
        await page.FillAsync("#field-name", name);
        await page.FillAsync("#field-pattern", "[domain-name:value = 'kestrel-phish.example']");
        await page.ClickAsync("#save");
        await Assertions.Expect(page.Locator("#object-title")).ToHaveTextAsync(name);

        // Created here: no path, and signed with the node's key for its organisation, which the page verifies.
        await Assertions.Expect(page.Locator("#provenance")).ToHaveTextAsync(new Regex("^this node \\(created"));
        await Assertions.Expect(page.Locator("#signature")).ToHaveAttributeAsync("data-status", "Valid");
        var organization = node.Services.GetRequiredService<CyDef.Server.Signing.NodePublishing>().Organization;
        await Assertions.Expect(page.Locator($"#signature a[href='object/{organization}']")).ToHaveCountAsync(1);

        await page.GotoAsync("/list/indicators");
        await Assertions.Expect(page.Locator("#list-table tr", new() { HasText = name })).ToHaveCountAsync(1);
    }

    [SkippableFact]
    public async Task ObjectPage_RelayedAndTamperedVersions_ShowTheirPathAndSignatureStatus()
    {
        const string Origin = "identity--0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c01", Relay = "identity--0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c02";
        var relayed = UiNode.Parse($$"""
            {"type":"indicator","spec_version":"2.1","id":"indicator--0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c03","created":"2026-03-01T10:00:00.000Z","modified":"2026-03-01T10:00:00.000Z","name":"Relayed C2","pattern":"[ipv4-addr:value = '198.51.100.77']","pattern_type":"stix","valid_from":"2026-03-01T10:00:00Z","object_marking_refs":["{{CyDef.Sharing.Markings.CyDefMarkings.TlpGreen}}"],
             "extensions":{"{{CyDef.Sharing.Provenance.Extension}}":{"extension_type":"property-extension","origin":"{{Origin}}","path":["{{Origin}}","{{Relay}}"]} } }
            """);
        var signer = node.Services.GetRequiredService<CyDef.Sharing.Signatures.ObjectSigner>();
        var signed = signer.Sign(UiNode.Parse("""
            {"type":"indicator","spec_version":"2.1","id":"indicator--0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c04","created":"2026-03-01T10:00:00.000Z","modified":"2026-03-01T10:00:00.000Z","name":"Signed C2","pattern":"[ipv4-addr:value = '198.51.100.78']","pattern_type":"stix","valid_from":"2026-03-01T10:00:00Z"}
            """));
        var tampered = UiNode.Parse(CyDef.Stix.Json.StixJsonWriter.ToJsonString(signed).Replace("Signed C2", "Changed C2", StringComparison.Ordinal));
        await node.IngestAsync(relayed, tampered);
        var page = await SignInAsync(browser, node, UiNode.Administrator);

        await page.GotoAsync("/object/" + relayed["id"]!.GetString());
        await Assertions.Expect(page.Locator("#provenance a")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("#provenance a").Nth(0)).ToHaveAttributeAsync("href", "object/" + Origin);
        await Assertions.Expect(page.Locator("#provenance a").Nth(1)).ToHaveAttributeAsync("href", "object/" + Relay);
        await Assertions.Expect(page.Locator("#signature")).ToHaveAttributeAsync("data-status", "Unsigned");

        await page.GotoAsync("/object/" + tampered["id"]!.GetString());
        await Assertions.Expect(page.Locator("#object-title")).ToHaveTextAsync("Changed C2");
        await Assertions.Expect(page.Locator("#signature")).ToHaveAttributeAsync("data-status", "BadSignature");
        await Assertions.Expect(page.Locator("#signature-reason")).ToContainTextAsync("changed, or signed for other content");
    }

    [SkippableFact]
    public async Task CreateIndicator_BadPattern_LocatedErrorAndNothingStored()
    {
        var page = await SignInAsync(browser, node, UiNode.Analyst);
        var before = await node.Store.GetLastSequenceAsync();

        await page.GotoAsync("/edit/indicator");
        await page.FillAsync("#field-name", "broken");
        await page.FillAsync("#field-pattern", "[domain-name:value = ");
        await page.ClickAsync("#save");

        await Assertions.Expect(page.Locator("#edit-errors")).ToContainTextAsync("$.pattern");
        Assert.Equal(before, await node.Store.GetLastSequenceAsync());
    }

    [SkippableFact]
    public async Task Dashboard_SightingArrives_UpdatesWithoutReload()
    {
        var page = await SignInAsync(browser, node, UiNode.Administrator);
        await page.EvaluateAsync("() => window.cydefMarker = 'same page'");
        var id = "sighting--" + Guid.NewGuid();

        await node.IngestAsync(UiNode.Parse($$"""{"type":"sighting","spec_version":"2.1","id":"{{id}}","created":"2026-03-02T08:00:00.000Z","modified":"2026-03-02T08:00:00.000Z","created_by_ref":"{{UiNode.Organization}}","sighting_of_ref":"{{UiNode.GreenIndicator}}","first_seen":"2026-03-02T07:59:00Z","count":3,"object_marking_refs":["{{CyDef.Sharing.Markings.CyDefMarkings.TlpGreen}}"]}"""));

        await Assertions.Expect(page.Locator($"#recent-sightings a[href='object/{Uri.EscapeDataString(id)}']")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#type-counts tr[data-type=sighting]")).ToBeVisibleAsync();
        Assert.Equal("same page", await page.EvaluateAsync<string>("() => window.cydefMarker"));
    }

    [SkippableFact]
    public async Task Import_Bundle_ReportAndObjectStored()
    {
        var page = await SignInAsync(browser, node, UiNode.Analyst);
        var id = "malware--" + Guid.NewGuid();
        var bundle = $$"""{"type":"bundle","id":"bundle--{{Guid.NewGuid()}}","objects":[{"type":"malware","spec_version":"2.1","id":"{{id}}","created":"2026-03-03T00:00:00.000Z","modified":"2026-03-03T00:00:00.000Z","name":"Imported wren","is_family":false},{"type":"malware","spec_version":"2.1","id":"malware--bad","created":"2026-03-03T00:00:00.000Z","modified":"2026-03-03T00:00:00.000Z","name":"broken","is_family":false}]}""";

        await page.GotoAsync("/import");

        // The file input takes files only once Blazor has bound its change listener, just after the first render.
        await page.WaitForFunctionAsync("() => document.querySelector('#import-file')?._blazorInputFileNextFileId !== undefined");
        await page.SetInputFilesAsync("#import-file", new FilePayload { Name = "bundle.json", MimeType = "application/json", Buffer = System.Text.Encoding.UTF8.GetBytes(bundle) });

        await Assertions.Expect(page.Locator("#import-report")).ToContainTextAsync("1 stored");
        await Assertions.Expect(page.Locator("#import-report")).ToContainTextAsync("1 rejected");
        await Assertions.Expect(page.Locator("#import-rejections")).ToContainTextAsync("malware--bad");
        Assert.NotNull(await node.Store.GetAsync(id));
    }
}
