using System.Text.Json.Nodes;

namespace CyDef.Taxii.Tests.Replay;

/// <summary>
/// Compares CyDef's response with medallion's by the rules of tests/data/taxii/README.md: status exactly; TAXII
/// Content-Type exactly; the date headers exactly unless they come from objects added during the test; bodies as JSON
/// (list order kept), leaving out status ids, request timestamps, dynamic dates and next tokens (presence only);
/// error bodies only as error resources; 401 only by status and challenge.
/// </summary>
internal static class ExchangeComparer
{
    public static List<string> Compare(Exchange exchange, int status, string? contentType, IReadOnlyDictionary<string, string> headers, JsonNode? body)
    {
        var differences = new List<string>();
        if (status != exchange.Status)
        {
            differences.Add($"status {status}, medallion {exchange.Status}");
            return differences;
        }

        if (status == 401)
        {
            if (!headers.ContainsKey("WWW-Authenticate"))
            {
                differences.Add("no WWW-Authenticate challenge");
            }

            return differences;
        }

        var expectedType = (string?)exchange.ResponseHeaders["Content-Type"];
        if (expectedType is not null && expectedType.StartsWith("application/taxii+json", StringComparison.Ordinal) && contentType != expectedType)
        {
            differences.Add($"Content-Type {contentType}, medallion {expectedType}");
        }

        CompareHeaders(exchange, headers, differences);
        if (status >= 400)
        {
            if (body is not JsonObject error || error["title"] is null || error["http_status"]?.GetValueKind() != System.Text.Json.JsonValueKind.String)
            {
                differences.Add("the body is not a TAXII error resource");
            }

            return differences;
        }

        CompareBody(exchange.Response["body"], body, "$", differences);
        return differences;
    }

    private static void CompareHeaders(Exchange exchange, IReadOnlyDictionary<string, string> headers, List<string> differences)
    {
        foreach (var name in new[] { "X-TAXII-Date-Added-First", "X-TAXII-Date-Added-Last" })
        {
            var expected = (string?)exchange.ResponseHeaders[name];
            headers.TryGetValue(name, out var actual);
            if (expected is null != actual is null)
            {
                differences.Add($"{name}: {actual ?? "absent"}, medallion {expected ?? "absent"}");
            }
            else if (expected is not null && !IsDynamic(expected) && expected != actual)
            {
                differences.Add($"{name}: {actual}, medallion {expected}");
            }
        }
    }

    private static void CompareBody(JsonNode? expected, JsonNode? actual, string path, List<string> differences)
    {
        if (expected is JsonValue e && e.GetValueKind() == System.Text.Json.JsonValueKind.String && (string)e! == "")
        {
            expected = null; // medallion's empty DELETE body
        }

        switch (expected)
        {
            case null:
                if (actual is not null)
                {
                    differences.Add($"{path}: {actual.ToJsonString()}, medallion no body");
                }

                break;
            case JsonObject o:
                CompareObject(o, actual as JsonObject, path, differences);
                break;
            case JsonArray a:
                CompareArray(a, actual as JsonArray, path, differences);
                break;
            default:
                var text = expected.ToJsonString();
                if (actual?.ToJsonString() != text && !(IsDynamicValue(expected) && actual is not null))
                {
                    differences.Add($"{path}: {actual?.ToJsonString() ?? "absent"}, medallion {text}");
                }

                break;
        }
    }

    private static void CompareObject(JsonObject expected, JsonObject? actual, string path, List<string> differences)
    {
        if (actual is null)
        {
            differences.Add($"{path}: not an object");
            return;
        }

        foreach (var name in expected.Select(p => p.Key).Union(actual.Select(p => p.Key)))
        {
            var inExpected = expected.TryGetPropertyValue(name, out var e);
            var inActual = actual.TryGetPropertyValue(name, out var a);
            if (inExpected != inActual)
            {
                differences.Add($"{path}.{name}: {(inActual ? a!.ToJsonString() : "absent")}, medallion {(inExpected ? e!.ToJsonString() : "absent")}");
            }
            else if (!(path == "$" && (name == "next" || (expected.ContainsKey("total_count") && name is "id" or "request_timestamp"))))
            {
                CompareBody(e, a, path + "." + name, differences);
            }
        }
    }

    private static void CompareArray(JsonArray expected, JsonArray? actual, string path, List<string> differences)
    {
        if (actual is null || actual.Count != expected.Count)
        {
            differences.Add($"{path}: {actual?.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "no"} items, medallion {expected.Count}");
            return;
        }

        for (var i = 0; i < expected.Count; i++)
        {
            CompareBody(expected[i], actual[i], $"{path}[{i}]", differences);
        }
    }

    // Dates from the recording run (objects added during a test, their SCO versions) are not comparable.
    private static bool IsDynamic(string value) => string.CompareOrdinal(value, "2025") >= 0 && value.Length >= 20 && value[4] == '-';

    private static bool IsDynamicValue(JsonNode value) =>
        value is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.String && IsDynamic((string)v!);
}
