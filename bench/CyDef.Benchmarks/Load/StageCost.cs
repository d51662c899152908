using System.Globalization;
using System.Text.Json;

namespace CyDef.Benchmarks.Load;

/// <summary>What one stage costs per object: wall-clock time, and CPU time of the process (less disturbed by other work).</summary>
internal readonly record struct StageCost(double WallNanoseconds, double CpuNanoseconds)
{
    public void WriteTo(Utf8JsonWriter json)
    {
        json.WriteNumber("wall_ns_per_object", Math.Round(WallNanoseconds));
        json.WriteNumber("cpu_ns_per_object", Math.Round(CpuNanoseconds));
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{WallNanoseconds:N0} ns/object wall, {CpuNanoseconds:N0} ns/object CPU");
}
