namespace CyDef.Storage.Tests;

/// <summary>Text search and the correlation index.</summary>
public abstract partial class ObjectStoreTests
{
    [SkippableFact]
    public async Task Search_WordsOfNameDescriptionAndValues_FindNewestVersions()
    {
        await using var store = await OpenStoreAsync();
        await store.IngestAsync(Stix.Stream(Stix.Ndjson(
            Stix.Indicator(Stix.IndicatorId(1), Stix.Timestamp(1), "[ipv4-addr:value = '198.51.100.7']", name: "Sandworm loader", description: "Dropper seen in Kyiv"),
            Stix.Indicator(Stix.IndicatorId(2), Stix.Timestamp(1), "[domain-name:value = 'evil.example.com']", name: "Phishing domain"),
            Stix.Indicator(Stix.IndicatorId(1), Stix.Timestamp(2), "[ipv4-addr:value = '198.51.100.7']", name: "Sandworm loader v2", description: "Dropper seen in Kyiv"))));

        Assert.Equal([Stix.Timestamp(2)], (await store.SearchAsync("sandworm")).Select(o => o.Modified));
        Assert.Single(await store.SearchAsync("KYIV dropper"));
        Assert.Empty(await store.SearchAsync("kyiv phishing"));
        Assert.Equal(Stix.IndicatorId(2), Assert.Single(await store.SearchAsync("example")).Id);
        Assert.Empty(await store.SearchAsync("\"; DROP TABLE objects; --"));
        Assert.Empty(await store.SearchAsync("  "));
    }

    [SkippableFact]
    public async Task Search_WholeWords_NonAsciiRepeatedAndOverlongWords()
    {
        await using var store = await OpenStoreAsync();
        var overlong = new string('x', 3000);
        await store.IngestAsync(Stix.Stream(Stix.Ndjson(
            Stix.Indicator(Stix.IndicatorId(1), Stix.Timestamp(1), "[ipv4-addr:value = '198.51.100.1']", name: "Größe Überwachung größe", description: "Größe again, login"),
            Stix.Indicator(Stix.IndicatorId(2), Stix.Timestamp(1), "[ipv4-addr:value = '198.51.100.2']", name: "logins and logs", description: $"{overlong} beacon"),
            Stix.Indicator(Stix.IndicatorId(3), Stix.Timestamp(1), "[ipv4-addr:value = '198.51.100.3']", name: "ΑΘΗΝΑ σύνδεση", description: "log"))));

        Assert.Equal(Stix.IndicatorId(1), Assert.Single(await store.SearchAsync("größe ÜBERWACHUNG")).Id);
        Assert.Equal(Stix.IndicatorId(1), Assert.Single(await store.SearchAsync("login")).Id); // not "logins"
        Assert.Equal(Stix.IndicatorId(3), Assert.Single(await store.SearchAsync("log")).Id); // not "logs"
        Assert.Equal(Stix.IndicatorId(3), Assert.Single(await store.SearchAsync("αθηνα")).Id);
        Assert.Equal(Stix.IndicatorId(2), Assert.Single(await store.SearchAsync("beacon logs")).Id);
        Assert.Empty(await store.SearchAsync("größe beacon"));
    }

    [SkippableFact]
    public async Task Search_PagesBackwards_NewestVersionsOnly_EachOnce()
    {
        await using var store = await OpenStoreAsync();
        var lines = Enumerable.Range(1, 30).Select(n => Stix.Indicator(Stix.IndicatorId(n), Stix.Timestamp(1), $"[ipv4-addr:value = '198.51.100.{n}']", name: $"Common word {n}")).ToList();
        lines.Add(Stix.Indicator(Stix.IndicatorId(40), Stix.Timestamp(1), "[ipv4-addr:value = '198.51.100.40']", name: "Other thing"));
        lines.Add(Stix.Indicator(Stix.IndicatorId(7), Stix.Timestamp(2), "[ipv4-addr:value = '198.51.100.7']", name: "Common word 7 again"));
        await store.IngestAsync(Stix.Stream(Stix.Ndjson([.. lines])));

        var pages = new List<IReadOnlyList<StoredObject>>();
        var before = long.MaxValue;
        while (true)
        {
            var page = await store.SearchAsync("common", 4, before);
            if (page.Count == 0)
            {
                break;
            }

            pages.Add(page);
            before = page[^1].Sequence;
        }

        var all = pages.SelectMany(p => p).ToList();
        Assert.All(pages, p => Assert.InRange(p.Count, 1, 4));
        Assert.Equal(30, all.Count);
        Assert.Equal(all.Select(o => o.Sequence).OrderDescending(), all.Select(o => o.Sequence));
        Assert.Equal(30, all.Select(o => o.Id).Distinct().Count());
        Assert.Equal(Stix.IndicatorId(7), all[0].Id);
        Assert.Equal(Stix.Timestamp(2), all[0].Modified);
        Assert.Equal(all.Take(4).Select(o => o.Id), (await store.SearchAsync("common", 4)).Select(o => o.Id));
    }

    [SkippableFact]
    public async Task FindObservable_Value_FindsScoIndicatorAndObservedData()
    {
        await using var store = await OpenStoreAsync();
        var address = Stix.Observable("ipv4-addr", "203.0.113.9");
        var observed = Stix.ObservedData("observed-data--6b8a7f2e-8c4e-4a5e-9f53-1b2c3d4e5f60", Stix.IdOf(address));
        var indicator = Stix.Indicator(Stix.IndicatorId(1), Stix.Timestamp(1), "[ipv4-addr:value = '203.0.113.9'] OR [ipv4-addr:value != '203.0.113.10']");
        await store.IngestAsync(Stix.Stream(Stix.Bundle(address, observed, indicator, Stix.Observable("ipv4-addr", "203.0.113.10"))));

        var matches = await store.FindObservableAsync("203.0.113.9");
        var negated = await store.FindObservableAsync("203.0.113.10");

        Assert.Equal(["indicator", "ipv4-addr", "observed-data"], matches.Select(m => m.Object.Type).Order());
        Assert.Contains(matches, m => m.Kind == ObservableKind.ObjectReference);
        Assert.Equal("ipv4-addr", Assert.Single(negated).Object.Type);
    }

    [SkippableFact]
    public async Task FindObservable_HashesDomainsAndSets_MatchCaseInsensitively()
    {
        await using var store = await OpenStoreAsync();
        const string Sha = "E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855";
        await store.IngestAsync(Stix.Stream(Stix.Ndjson(
            Stix.File("dropper.exe", Sha),
            Stix.Indicator(Stix.IndicatorId(1), Stix.Timestamp(1), "[domain-name:value IN ('Bad.Example', 'worse.example')]"),
            Stix.Indicator(Stix.IndicatorId(2), Stix.Timestamp(1), $"[file:hashes.'SHA-256' = '{Sha.ToLowerInvariant()}']"),
            Stix.Indicator(Stix.IndicatorId(3), Stix.Timestamp(1), "[network-traffic:dst_ref.value = '2001:DB8::1']"))));

        Assert.Equal(2, (await store.FindObservableAsync(Sha)).Count);
        Assert.Equal(ObservableKind.Hash, (await store.FindObservableAsync(Sha.ToLowerInvariant()))[0].Kind);
        Assert.Equal(Stix.IndicatorId(1), Assert.Single(await store.FindObservableAsync("bad.example")).Object.Id);
        Assert.Single(await store.FindObservableAsync("WORSE.example"));
        Assert.Equal(ObservableKind.Ipv6, Assert.Single(await store.FindObservableAsync("2001:db8::1")).Kind);
        Assert.Equal(ObservableKind.FileName, Assert.Single(await store.FindObservableAsync("dropper.exe")).Kind);
        Assert.Empty(await store.FindObservableAsync("nothing.example"));
    }
}
