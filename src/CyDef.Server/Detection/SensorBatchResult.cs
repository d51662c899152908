namespace CyDef.Server.Detection;

/// <summary>What a batch of sensor events gave (the answer of <c>POST /api/v1/sensors/{sensor}/events</c>).</summary>
/// <param name="Sensor">The sensor's name.</param>
/// <param name="Identity">The sensor's STIX identity (<c>where_sighted_refs</c> of its sightings).</param>
/// <param name="Format">The format read: eve, zeek or cef.</param>
/// <param name="Lines">Lines read (records, skipped lines, headers and blank lines).</param>
/// <param name="Events">Records read and matched.</param>
/// <param name="Hits">Matches of indicators the caller may see (an event that matches two counts two).</param>
/// <param name="Skipped">Lines skipped.</param>
/// <param name="SkippedBy">Lines skipped by reason (truncated, malformed, too-deep, invalid-utf8, too-long, bad-timestamp, no-header, not-cef).</param>
/// <param name="FirstSkipped">The first skipped lines (line number from 1, reason).</param>
public sealed record SensorBatchResult(
    string Sensor,
    string Identity,
    string Format,
    long Lines,
    long Events,
    long Hits,
    long Skipped,
    IReadOnlyDictionary<string, long> SkippedBy,
    IReadOnlyList<SkippedLine> FirstSkipped);
