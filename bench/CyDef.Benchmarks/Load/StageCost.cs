using System.Globalization;
using System.Text.Json;

namespace CyDef.Benchmarks.Load;

/// <summary>
/// What one stage costs per unit (an object, or a call): wall-clock time, and CPU time of the process (less
/// disturbed by other work).
/// </summary>
internal readonly record struct StageCost(double WallNanoseconds, double CpuNanoseconds, string Unit)
{
    public void WriteTo(Utf8JsonWriter json)
    {
        json.WriteNumber($"wall_ns_per_{Unit}", Math.Round(WallNanoseconds, 1));
        json.WriteNumber($"cpu_ns_per_{Unit}", Math.Round(CpuNanoseconds, 1));
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{WallNanoseconds:N1} ns/{Unit} wall, {CpuNanoseconds:N1} ns/{Unit} CPU");
}
