using System.Globalization;
using CyDef.Detection.Exports;
using CyDef.Sharing;
using CyDef.Sharing.Markings;
using CyDef.Storage;
using CyDef.Storage.Sharing;
using CyDef.Taxii.Server;
using Microsoft.AspNetCore.Http;

namespace CyDef.Server.Detection;

/// <summary>
/// <c>GET /api/v1/sensors/{sensor}/export?format=suricata-rules|suricata-dataset|zeek-intel|blocklist[&amp;type=…]</c>:
/// the node's currently valid indicators that the caller may see — read through its <see cref="PolicyView"/>, page by
/// page, and written as they are read — in a sensor's format. The PAP of each indicator's pattern decides whether a
/// format may carry it (<see cref="Permits"/>).
/// </summary>
internal static class SensorExportEndpoint
{
    private const int PageSize = 1000;

    public static async Task<IResult> GetAsync(string sensor, string? format, string? type, HttpContext http, DetectionOptions options, IObjectStore store,
        SharingGate sharing, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (SensorProblems.Check(sensor, options) is { } problem)
        {
            return problem;
        }

        if (format is null || !SensorExport.TryParseFormat(format, out var exportFormat))
        {
            return Bad("Unknown format", $"format must be one of suricata-rules, suricata-dataset, zeek-intel, blocklist (was '{format}').");
        }

        IndicatorValueType? valueType = null;
        if (type is not null)
        {
            if (!SensorExport.TryParseType(type, out var parsed))
            {
                return Bad("Unknown type", $"type must be one of {string.Join(", ", Enum.GetValues<IndicatorValueType>().Select(SensorExport.Name))} (was '{type}').");
            }

            valueType = parsed;
        }

        if (valueType is { } t && !ExportWriter.Supports(exportFormat, t) || exportFormat == ExportFormat.SuricataDataset && valueType is null)
        {
            return Bad("Unsupported type", valueType is null ? "A Suricata dataset holds one type: give type." : $"{format} cannot hold {type} values.");
        }

        var now = clock.GetUtcNow();
        return Results.Stream(
            output => WriteAsync(output, sharing.View(store, http), sharing.Policy, exportFormat, valueType, $"sensor {sensor}, {now.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)}", now, http.RequestAborted),
            "text/plain; charset=utf-8",
            FileName(sensor, exportFormat, valueType));
    }

    /// <summary>
    /// Whether a sensor format may carry an indicator whose pattern has the PAP level <paramref name="pap"/> (null: none).
    /// A blocklist is an active measure the adversary can notice, which PAP:GREEN or CLEAR allows; rules, datasets and
    /// intel files only watch traffic on the recipient's own sensors, a passive use PAP:AMBER allows too; PAP:RED
    /// information is not used on the network at all (FIRST's and CIRCL's PAP) — it stays with the node, whose
    /// matching of sensor logs is not seen from outside.
    /// </summary>
    /// <param name="format">The export's format.</param>
    /// <param name="pap">The indicator's PAP level for its pattern.</param>
    public static bool Permits(ExportFormat format, PapLevel? pap) => format == ExportFormat.Blocklist
        ? pap is null or PapLevel.Clear or PapLevel.Green
        : pap is not PapLevel.Red;

    /// <summary>Writes the export of what <paramref name="view"/> shows, as far as the PAP of each indicator permits.</summary>
    public static async Task WriteAsync(Stream output, PolicyView view, SharingPolicy policy, ExportFormat format, IndicatorValueType? type, string title, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var text = new StreamWriter(output, new System.Text.UTF8Encoding(false), 64 * 1024, leaveOpen: true) { NewLine = "\n" };
        var writer = ExportWriter.For(format, text, type, title);
        writer.Start();
        var query = new ObjectQuery { Types = ["indicator"], Versions = VersionFilter.Last, Limit = PageSize };
        SharedPage page;
        do
        {
            page = await view.QueryAsync(query, cancellationToken).ConfigureAwait(false);
            foreach (var shared in page.Items)
            {
                if (!Permits(format, policy.PermittedActions(shared.Value, "pattern")))
                {
                    continue;
                }

                foreach (var entry in SensorExport.Entries(shared.Value, now))
                {
                    writer.Write(entry);
                }
            }

            await text.FlushAsync(cancellationToken).ConfigureAwait(false);
            query = query with { After = page.Next };
        }
        while (page.More);
    }

    private static string FileName(string sensor, ExportFormat format, IndicatorValueType? type)
    {
        var suffix = type is { } t ? "-" + SensorExport.Name(t) : "";
        return format switch
        {
            ExportFormat.SuricataRules => $"cydef-{sensor}{suffix}.rules",
            ExportFormat.SuricataDataset => $"cydef-{sensor}{suffix}.lst",
            ExportFormat.ZeekIntel => $"cydef-{sensor}{suffix}.intel",
            _ => $"cydef-{sensor}{suffix}.txt",
        };
    }

    private static IResult Bad(string title, string detail) => Results.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: title);
}
