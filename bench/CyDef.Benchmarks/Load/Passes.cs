using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using CyDef.Stix.Json;
using CyDef.Stix.Validation;

namespace CyDef.Benchmarks.Load;

/// <summary>
/// The passes the load tool times over one NDJSON file, each from a fresh <see cref="FileStream"/>. A timed pass
/// method is called once, so it is compiled fully optimised at once rather than run at tier 0 and then OSR.
/// </summary>
internal static class Passes
{
    // StixStreamReader starts with a 64 KB buffer; the bare pass reads in blocks of the same size.
    private const int BlockSize = 64 * 1024;
    private const int ProgressEvery = 4096;
    private const int MaxReportedProblems = 5;

    /// <summary>The file's bytes and nothing else: the I/O ceiling (the page cache, once the file is warm).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static PassCounts ReadFile(string path)
    {
        using var stream = Open(path);
        var buffer = ArrayPool<byte>.Shared.Rent(BlockSize);
        while (stream.Read(buffer, 0, BlockSize) > 0)
        {
        }

        ArrayPool<byte>.Shared.Return(buffer);
        return default;
    }

    /// <summary>Every token of the file through <see cref="Utf8JsonReader"/>, block by block, and nothing else.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static PassCounts Bare(string path)
    {
        using var stream = Open(path);
        var buffer = ArrayPool<byte>.Shared.Rent(BlockSize);
        var state = new JsonReaderState(new JsonReaderOptions { AllowMultipleValues = true });
        var (kept, tokens, values) = (0, 0L, 0L);
        while (true)
        {
            var read = stream.Read(buffer, kept, buffer.Length - kept);
            var reader = new Utf8JsonReader(buffer.AsSpan(0, kept + read), isFinalBlock: read == 0, state);
            while (reader.Read())
            {
                tokens++;
                values += reader.CurrentDepth == 0 && reader.TokenType == JsonTokenType.EndObject ? 1 : 0;
            }

            if (read == 0)
            {
                break;
            }

            state = reader.CurrentState;
            kept = kept + read - (int)reader.BytesConsumed;
            buffer.AsSpan((int)reader.BytesConsumed, kept).CopyTo(buffer);
            buffer = kept == buffer.Length ? Grow(buffer) : buffer;
        }

        ArrayPool<byte>.Shared.Return(buffer);
        return new PassCounts(tokens, values, 0, 0, 0);
    }

    /// <summary>Every object through <see cref="StixStreamReader"/>, without validation.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static PassCounts Read(string path, ProgressReporter progress)
    {
        using var stream = Open(path);
        using var reader = new StixStreamReader(stream);
        var (objects, errors) = (0L, 0L);
        foreach (var item in reader.ReadObjects())
        {
            if (item.Value is null)
            {
                ReportReadError(item, errors++);
                continue;
            }

            if (++objects % ProgressEvery == 0)
            {
                progress.Report(reader.BytesConsumed);
            }
        }

        return new PassCounts(0, objects, errors, 0, 0);
    }

    /// <summary>Every object read and validated with <paramref name="options"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static PassCounts ReadAndValidate(string path, ValidationOptions options, ProgressReporter progress)
    {
        using var stream = Open(path);
        using var reader = new StixStreamReader(stream);
        var (objects, errors, invalid, warnings) = (0L, 0L, 0L, 0L);
        foreach (var item in reader.ReadObjects())
        {
            if (item.Value is null)
            {
                ReportReadError(item, errors++);
                continue;
            }

            var report = StixValidator.ValidateObject(item, options);
            var (objectErrors, objectWarnings) = Count(report, invalid + warnings);
            invalid += objectErrors > 0 ? 1 : 0;
            warnings += objectWarnings;
            if (++objects % ProgressEvery == 0)
            {
                progress.Report(reader.BytesConsumed);
            }
        }

        return new PassCounts(0, objects, errors, invalid, warnings);
    }

    private static (int Errors, int Warnings) Count(ValidationReport report, long problemsSoFar)
    {
        var issues = report.Issues;
        var errors = 0;
        for (var i = 0; i < issues.Count; i++)
        {
            errors += issues[i].Severity == ValidationSeverity.Error ? 1 : 0;
            if (problemsSoFar + i < MaxReportedProblems)
            {
                // A generated object that does not validate is a generator bug: show the first few.
                Console.Error.WriteLine($"  finding: {issues[i]}");
            }
        }

        return (errors, issues.Count - errors);
    }

    private static void ReportReadError(StixReadItem item, long errorsSoFar)
    {
        if (errorsSoFar < MaxReportedProblems)
        {
            Console.Error.WriteLine($"  read error: {item.Error}");
        }
    }

    private static byte[] Grow(byte[] buffer)
    {
        var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
        buffer.CopyTo(larger, 0);
        ArrayPool<byte>.Shared.Return(buffer);
        return larger;
    }

    private static FileStream Open(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
}
