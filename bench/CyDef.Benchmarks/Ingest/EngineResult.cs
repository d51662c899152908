using System.Text.Json;

namespace CyDef.Benchmarks.Ingest;

/// <summary>The end-to-end ingest of the feed into an empty store.</summary>
internal sealed record IngestResult(long Accepted, long Duplicates, long Rejected, double Seconds, double CpuSeconds, long StoreBytes)
{
    public double ObjectsPerSecond => Accepted / Seconds;
}

/// <summary>The same rows inserted in one transaction, prepared beforehand, with no look-up.</summary>
internal sealed record RawResult(long Rows, double Seconds)
{
    public double RowsPerSecond => Rows / Seconds;
}

/// <summary>One engine's figures.</summary>
internal sealed record EngineResult(string Engine, IngestResult Ingest, RawResult? Raw)
{
    public void Write(Utf8JsonWriter json)
    {
        json.WriteStartObject(Engine);
        json.WriteStartObject("ingest");
        json.WriteNumber("accepted", Ingest.Accepted);
        json.WriteNumber("duplicates", Ingest.Duplicates);
        json.WriteNumber("rejected", Ingest.Rejected);
        json.WriteNumber("seconds", Math.Round(Ingest.Seconds, 2));
        json.WriteNumber("objects_per_s", Math.Round(Ingest.ObjectsPerSecond));
        json.WriteNumber("client_cpu_seconds", Math.Round(Ingest.CpuSeconds, 2));
        json.WriteNumber("store_bytes", Ingest.StoreBytes);
        json.WriteEndObject();
        if (Raw is not null)
        {
            json.WriteStartObject("raw_insert_one_transaction");
            json.WriteNumber("rows", Raw.Rows);
            json.WriteNumber("seconds", Math.Round(Raw.Seconds, 2));
            json.WriteNumber("rows_per_s", Math.Round(Raw.RowsPerSecond));
            json.WriteEndObject();
            json.WriteNumber("ratio_ingest_to_raw", Math.Round(Ingest.ObjectsPerSecond / Raw.RowsPerSecond, 3));
        }

        json.WriteEndObject();
    }
}
