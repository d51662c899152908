using System.Text.Json.Nodes;
using CyDef.Tests;

namespace CyDef.Taxii.Tests.Replay;

/// <summary>One recorded request and medallion's response (tests/data/taxii/medallion-http.jsonl).</summary>
internal sealed record Exchange(string Test, int Index, JsonObject Request, JsonObject Response)
{
    public string Method => (string)Request["method"]!;

    public string Path => (string)Request["path"]!;

    public string Query => (string?)Request["query_string"] ?? "";

    public int Status => (int)Response["status"]!;

    public JsonObject RequestHeaders => Request["headers"]!.AsObject();

    public JsonObject ResponseHeaders => Response["headers"]!.AsObject();

    public override string ToString() => $"{ShortTest} #{Index}: {Method} {Path}{(Query.Length > 0 ? "?" + Query : "")}";

    public string ShortTest => Test[(Test.LastIndexOf("::", StringComparison.Ordinal) + 2)..].Replace("[memory]", "", StringComparison.Ordinal);

    /// <summary>The exchanges, grouped by test in file order.</summary>
    public static IReadOnlyList<IReadOnlyList<Exchange>> LoadByTest()
    {
        var tests = new List<List<Exchange>>();
        foreach (var line in File.ReadLines(RepositoryFiles.Path("tests", "data", "taxii", "medallion-http.jsonl")))
        {
            var record = JsonNode.Parse(line)!.AsObject();
            if ((string)record["kind"]! != "http-exchange")
            {
                continue;
            }

            var test = (string)record["test"]!;
            if (tests.Count == 0 || tests[^1][0].Test != test)
            {
                tests.Add([]);
            }

            tests[^1].Add(new Exchange(test, tests[^1].Count, record["request"]!.AsObject(), record["response"]!.AsObject()));
        }

        return tests;
    }
}
