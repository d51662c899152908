namespace CyDef.Storage.Tests;

/// <summary>Revocation and deletion.</summary>
public abstract partial class ObjectStoreTests
{
    [SkippableFact]
    public async Task Revoke_VersionedObject_AddsARevokedNewestVersion()
    {
        await using var store = await OpenStoreAsync();
        await IngestVersionsAsync(store, 3);

        var revoked = await store.RevokeAsync(VersionedId);

        Assert.NotNull(revoked);
        Assert.True(revoked.Revoked);
        Assert.True(string.CompareOrdinal(revoked.Modified, Stix.Timestamp(3)) > 0);
        Assert.True((await store.GetAsync(VersionedId))!.Revoked);
        Assert.Equal(2, (await store.GetVersionsAsync(VersionedId)).Count);
    }

    [SkippableFact]
    public async Task Ingest_NewerVersionOfRevokedObject_Rejected()
    {
        await using var store = await OpenStoreAsync();
        await store.IngestAsync(Stix.Stream(Stix.Indicator(VersionedId, Stix.Timestamp(3), "[ipv4-addr:value = '192.0.2.1']", revoked: true)));

        var report = await store.IngestAsync(Stix.Stream(Stix.Indicator(VersionedId, Stix.Timestamp(4), "[ipv4-addr:value = '192.0.2.1']")));
        var older = await store.IngestAsync(Stix.Stream(Stix.Indicator(VersionedId, Stix.Timestamp(2), "[ipv4-addr:value = '192.0.2.1']")));

        Assert.Equal(1, report.Rejected);
        Assert.Contains("revoked", report.Rejections[0].Reasons[0].Message, StringComparison.Ordinal);
        Assert.Equal(1, older.Accepted);
        Assert.Equal(Stix.Timestamp(3), (await store.GetAsync(VersionedId))!.Modified);
    }

    [SkippableFact]
    public async Task Revoke_UnknownOrUnversionedObject_ReturnsNull()
    {
        await using var store = await OpenStoreAsync();
        var sco = Stix.Observable("domain-name", "a.example");
        await store.IngestAsync(Stix.Stream(sco));

        Assert.Null(await store.RevokeAsync(Stix.IndicatorId(99)));
        Assert.Null(await store.RevokeAsync(Stix.IdOf(sco)));
    }

    [SkippableFact]
    public async Task Delete_AllVersions_RemovesThemFromQueriesSearchAndIndex()
    {
        await using var store = await OpenStoreAsync();
        await store.IngestAsync(Stix.Stream(Stix.Indicator(VersionedId, Stix.Timestamp(1), "[domain-name:value = 'gone.example']", name: "vanishing act")));
        await IngestVersionsAsync(store, 2);

        var deleted = await store.DeleteAsync(VersionedId);

        Assert.Equal(2, deleted);
        Assert.Null(await store.GetAsync(VersionedId));
        Assert.Empty(await store.SearchAsync("vanishing"));
        Assert.Empty(await store.FindObservableAsync("gone.example"));
        Assert.Empty(await store.FindObservableAsync("192.0.2.1"));
    }

    [SkippableFact]
    public async Task Delete_NewestVersion_PreviousBecomesLatest_SequencesNotReused()
    {
        await using var store = await OpenStoreAsync();
        await IngestVersionsAsync(store, 1, 2);

        Assert.Equal(1, await store.DeleteAsync(VersionedId, Stix.Timestamp(2)));
        var after = await store.IngestAsync(Stix.Stream(Stix.Observable("domain-name", "next.example")));

        Assert.Equal(Stix.Timestamp(1), (await store.GetAsync(VersionedId))!.Modified);
        Assert.Equal(3L, after.FirstSequence);
        Assert.Equal(0, await store.DeleteAsync(Stix.IndicatorId(1234)));
    }

    [SkippableFact]
    public async Task Delete_Versions_WrittenToTheDeletionLogInOrder_AndToldOfOnce()
    {
        await using var store = await OpenStoreAsync();
        await IngestVersionsAsync(store, 1, 2, 3);
        var older = await store.GetVersionsAsync(VersionedId);
        var told = new List<long>();
        store.VersionsDeleted += told.Add;
        Assert.Equal(0L, await store.GetLastDeletionAsync());
        Assert.Empty(await store.ReadDeletionsAsync(0, 10));

        Assert.Equal(1, await store.DeleteAsync(VersionedId, Stix.Timestamp(1)));
        Assert.Equal(2, await store.DeleteAsync(VersionedId));
        Assert.Equal(0, await store.DeleteAsync(VersionedId));

        var log = await store.ReadDeletionsAsync(0, 10);
        Assert.Equal(3, log.Count);
        Assert.All(log, d => Assert.Equal(VersionedId, d.Id));
        Assert.All(log, d => Assert.Equal("indicator", d.Type));
        Assert.Equal(older.Select(v => v.Sequence).Order(), log.Select(d => d.Sequence).Order());
        Assert.Equal(older.Single(v => v.IsLatest).Sequence, Assert.Single(log, d => d.WasLatest).Sequence);
        Assert.Equal(log.Select(d => d.Position).Order(), log.Select(d => d.Position));
        Assert.Equal(3, log.Select(d => d.Position).Distinct().Count());
        Assert.Equal(Stix.Timestamp(1), log[0].Modified);
        Assert.All(log, d =>
        {
            // What the policy decides on, without the content.
            var access = CyDef.Stix.Json.StixJsonReader.Parse(d.Access.Span).GetValueOrThrow();
            Assert.Equal(VersionedId, access["id"]!.GetString());
            Assert.Equal(d.Modified, access["modified"]!.GetString());
            Assert.Null(access["pattern"]);
        });
        Assert.Equal(log[^1].Position, await store.GetLastDeletionAsync());
        Assert.Equal([log[0].Position, log[^1].Position], told);
        Assert.Equal(log.Skip(1).Select(d => d.Position), (await store.ReadDeletionsAsync(log[0].Position, 10)).Select(d => d.Position));
        Assert.Single(await store.ReadDeletionsAsync(0, 1));
    }
}
