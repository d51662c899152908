using CyDef.Stix.Json;

namespace CyDef.Storage.Tests;

/// <summary>IngestOptions.Admit (per object) and AdmitBatch (a batch together), as the node signs and checks with them.</summary>
public abstract partial class ObjectStoreTests
{
    [SkippableFact]
    public async Task Ingest_AdmitBatch_SeesEachTransactionsAdmittedObjectsTogetherAndStoresWhatItGives()
    {
        await using var store = await OpenStoreAsync();
        var batches = new List<int>();
        var options = IngestOptions.Default with
        {
            BatchSize = 4,
            Admit = value => value["id"]!.GetString() == Stix.IndicatorId(2) ? IngestAdmission.Refuse("not this one") : IngestAdmission.Store(value),
            AdmitBatch = values =>
            {
                lock (batches)
                {
                    batches.Add(values.Count);
                }

                return values.Select(v => v["id"]!.GetString() == Stix.IndicatorId(5)
                    ? IngestAdmission.Refuse("nor this one")
                    : IngestAdmission.Store(Named(v, $"admitted with {values.Count}"))).ToArray();
            },
        };
        var indicators = Enumerable.Range(1, 8).Select(i => Stix.Indicator(Stix.IndicatorId(i), Stix.Timestamp(i), $"[domain-name:value = '{i}.example']")).ToArray();

        var report = await store.IngestAsync(Stix.Stream(Stix.Ndjson(indicators)), options);

        Assert.Equal((6, 2), (report.Accepted, report.Rejected));
        Assert.Equal(["not this one", "nor this one"], report.Rejections.SelectMany(r => r.Reasons).Select(p => p.Message));
        Assert.Equal([3, 4], batches);
        Assert.Equal("admitted with 3", Stix.Value(System.Text.Encoding.UTF8.GetString((await store.GetAsync(Stix.IndicatorId(1)))!.Json.Span))["name"]!.GetString());
        Assert.Null(await store.GetAsync(Stix.IndicatorId(5)));
    }

    [SkippableFact]
    public async Task Ingest_AdmitBatchGivingTooFewAdmissions_Throws()
    {
        await using var store = await OpenStoreAsync();
        var options = IngestOptions.Default with { AdmitBatch = values => values.Skip(1).Select(IngestAdmission.Store).ToArray() };

        await Assert.ThrowsAsync<InvalidOperationException>(() => store.IngestAsync(Stix.Stream(Feed.Objects(3)), options));
    }

    private static StixValue Named(StixValue value, string name) =>
        StixValue.Object([.. value.Properties.ToArray().Where(p => p.Name != "name"), new StixProperty("name", StixValue.String(name))]);
}
