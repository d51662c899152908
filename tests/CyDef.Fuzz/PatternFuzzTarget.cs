using System.Text;
using CyDef.Patterns;
using CyDef.Stix.Json;

namespace CyDef.Fuzz;

/// <summary>
/// The fuzz target for CyDef.Patterns: the input, as UTF-8, is parsed as a pattern. Parsing must never throw; a
/// valid pattern must print in a form that parses back to an equal pattern, and must evaluate against a small
/// set of observed data without an exception escaping (an evaluation error is an answer, not a fault).
/// </summary>
public static class PatternFuzzTarget
{
    private static readonly IReadOnlyList<Observation> Observations = ObservedDataReader.Read(StixJsonReader.Parse("""
        [{"type":"observed-data","first_observed":"2024-01-01T00:00:00Z","last_observed":"2024-01-01T00:00:05Z","number_observed":2,
          "objects":{"0":{"type":"ipv4-addr","value":"198.51.100.7"},"1":{"type":"network-traffic","dst_ref":"0","src_port":80,"protocols":["tcp"]},
                     "2":{"type":"file","name":"a.exe","hashes":{"MD5":"d41d8cd98f00b204e9800998ecf8427e"},"size":12,"payload_bin":"YWJj"}}},
         {"type":"observed-data","first_observed":"2024-01-01T00:01:00Z","last_observed":"2024-01-01T00:01:00Z","number_observed":1,
          "objects":{"0":{"type":"domain-name","value":"example.com"},"1":{"type":"x-test","n":1.5,"b":true,"t":"2024-01-01T00:00:00Z"}}}]
        """).GetValueOrThrow()).Observations;

    public static void Run(ReadOnlySpan<byte> input)
    {
        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(input);
        }
        catch (DecoderFallbackException)
        {
            return;
        }

        var result = StixPattern.Parse(text);
        if (!result.TryGetValue(out var pattern))
        {
            Check(result.Error!.Offset >= 0 && result.Error.Offset <= text.Length, "the error offset lies outside the text");
            return;
        }

        var again = StixPattern.Parse(pattern.ToString());
        Check(again.Success && again.Value.Equals(pattern), "the printed pattern does not parse back to the same pattern: " + pattern);
        _ = new PatternEvaluator(pattern).Evaluate(Observations);
    }

    private static void Check(bool condition, string message)
    {
        if (!condition)
        {
            throw new FuzzCheckException(message);
        }
    }
}
