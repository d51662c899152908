using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace CyDef.Benchmarks;

/// <summary>A column computed from the mean time or the allocations and the size of the benchmark's input.</summary>
internal sealed class ThroughputColumn(ThroughputKind kind) : IColumn
{
    private const double Megabyte = 1 << 20;

    public string Id => $"{nameof(ThroughputColumn)}.{kind}";

    public string ColumnName => kind switch
    {
        ThroughputKind.MegabytesPerSecond => "MB/s",
        ThroughputKind.ObjectsPerSecond => "Objects/s",
        ThroughputKind.BytesAllocatedPerObject => "B/object",
        ThroughputKind.RelativeToBare => "vs bare",
        _ => throw new InvalidOperationException($"unknown column {kind}"),
    };

    public string Legend => kind switch
    {
        ThroughputKind.MegabytesPerSecond => "Input megabytes (2^20 bytes) read per second (mean time)",
        ThroughputKind.ObjectsPerSecond => "Input STIX objects per second (mean time)",
        ThroughputKind.BytesAllocatedPerObject => "Managed bytes allocated per operation / objects in the input",
        ThroughputKind.RelativeToBare => "Throughput / throughput of BareUtf8JsonReader on the same input (goal for ReadAndValidate: >= 0.3)",
        _ => throw new InvalidOperationException($"unknown column {kind}"),
    };

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => (int)kind;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var report = summary[benchmarkCase];
        var meanNanoseconds = report?.ResultStatistics?.Mean;
        if (report is null || meanNanoseconds is not > 0 || benchmarkCase.Parameters["Input"] is not string input)
        {
            return "NA";
        }

        var seconds = meanNanoseconds.Value / 1e9;
        return kind switch
        {
            ThroughputKind.MegabytesPerSecond => (BenchmarkInputs.Bytes(input).Length / Megabyte / seconds).ToString("N1", CultureInfo.InvariantCulture),
            ThroughputKind.ObjectsPerSecond => (BenchmarkInputs.ObjectCount(input) / seconds).ToString("N0", CultureInfo.InvariantCulture),
            ThroughputKind.BytesAllocatedPerObject => AllocatedPerObject(report, benchmarkCase, input),
            ThroughputKind.RelativeToBare => RelativeToBare(summary, benchmarkCase, meanNanoseconds.Value),
            _ => "NA",
        };
    }

    public override string ToString() => ColumnName;

    private static string AllocatedPerObject(BenchmarkReport report, BenchmarkCase benchmarkCase, string input) =>
        report.GcStats.GetBytesAllocatedPerOperation(benchmarkCase) is { } bytes
            ? ((double)bytes / BenchmarkInputs.ObjectCount(input)).ToString("N0", CultureInfo.InvariantCulture)
            : "NA";

    private static string RelativeToBare(Summary summary, BenchmarkCase benchmarkCase, double meanNanoseconds)
    {
        foreach (var other in summary.BenchmarksCases)
        {
            if (other.Descriptor.WorkloadMethod.Name == nameof(StixReadBenchmarks.BareUtf8JsonReader)
                && Equals(other.Parameters["Input"], benchmarkCase.Parameters["Input"])
                && summary[other]?.ResultStatistics?.Mean is > 0 and var bare)
            {
                return (bare / meanNanoseconds).ToString("N3", CultureInfo.InvariantCulture);
            }
        }

        return "NA";
    }
}
