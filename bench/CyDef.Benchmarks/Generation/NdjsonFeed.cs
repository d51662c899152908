using System.Text.Encodings.Web;
using System.Text.Json;
using CyDef.Stix.Json;

namespace CyDef.Benchmarks.Generation;

/// <summary>Writes a generated feed as NDJSON (one compact object per line) until it reaches a size.</summary>
internal static class NdjsonFeed
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    /// <summary>Writes objects to <paramref name="output"/> until at least <paramref name="targetBytes"/> are written.</summary>
    /// <returns>The generator, whose <see cref="StixFeedGenerator.Counts"/> tell what was written.</returns>
    public static StixFeedGenerator Write(Stream output, long targetBytes, int seed, Action<long>? progress = null)
    {
        var generator = new StixFeedGenerator(seed);
        using var writer = new Utf8JsonWriter(output, WriterOptions);
        long written = 0;
        long nextProgress = 64L << 20;
        while (written < targetBytes)
        {
            StixJsonWriter.WriteTo(writer, generator.Next());
            writer.Flush();
            written += writer.BytesCommitted + 1;
            writer.Reset();
            output.WriteByte((byte)'\n');
            if (progress is not null && written >= nextProgress)
            {
                progress(written);
                nextProgress += 64L << 20;
            }
        }

        return generator;
    }

    /// <summary>A feed of about <paramref name="targetBytes"/> bytes, in memory.</summary>
    public static byte[] Generate(long targetBytes, int seed)
    {
        using var buffer = new MemoryStream();
        Write(buffer, targetBytes, seed);
        return buffer.ToArray();
    }
}
