using System.Text;
using CyDef.Stix;
using CyDef.Stix.Json;
using CyDef.Stix.Validation;

namespace CyDef.Fuzz;

/// <summary>
/// The fuzz target: every input goes through the STIX library's entry points for untrusted content, and
/// anything escaping from here is a find. Library exceptions escape as they are (bad input must never make
/// CyDef.Stix throw); broken invariants escape as <see cref="FuzzCheckException"/>.
/// </summary>
/// <remarks>
/// tests/CyDef.Stix.Tests/FuzzRegressionTests.cs replays seeds and regressions through a copy of these checks
/// (that project cannot reference this one); a change here goes there too.
/// </remarks>
public static partial class StixFuzzTarget
{
    private static readonly StixReadOptions Shallow = new() { MaxDepth = 4 };

    private static readonly ValidationOptions Strictest = new()
    {
        Strict = true,
        StrictTypes = true,
        StrictProperties = true,
        EnforceReferences = true,
    };

    /// <summary>Runs every check on one input.</summary>
    /// <param name="input">The fuzz input, meant as UTF-8 JSON or NDJSON but any bytes at all.</param>
    /// <exception cref="FuzzCheckException">An invariant broke.</exception>
    public static void Run(ReadOnlySpan<byte> input)
    {
        var parsed = StixJsonReader.Parse(input);
        CheckResult(parsed, input.Length, "StixJsonReader.Parse");
        CheckShallowParse(input, parsed);
        if (parsed.Success)
        {
            CheckValue(parsed.Value);
        }

        var bytes = input.ToArray();
        var items = ReadStream(bytes);
        if (parsed.Success)
        {
            CheckStreamMatchesParse(parsed.Value, items);
        }
        else
        {
            foreach (var item in items)
            {
                if (item.Value is { } value)
                {
                    CheckValue(value);
                }
            }
        }

        CheckStreamIgnoresBufferBoundaries(bytes, items);
    }

    /// <summary>A tree the reader gave: validation, writing, canonical form, deterministic ids.</summary>
    private static void CheckValue(StixValue value)
    {
        Validate(value);
        CheckRoundTrip(value, indented: false);
        CheckRoundTrip(value, indented: true);
        CheckCanonicalForm(value);
        foreach (var stixObject in ObjectsOf(value))
        {
            CheckObject(stixObject);
        }
    }

    private static void Validate(StixValue value)
    {
        foreach (var options in (ValidationOptions[])[ValidationOptions.Default, Strictest])
        {
            var report = StixValidator.Validate(value, options);
            Require(report.ObjectCount >= 0, "the validator counted a negative number of objects");
            foreach (var issue in report.Issues)
            {
                Require(issue.Path.StartsWith('$') && issue.Message.Length > 0, $"a validation issue without a path or message: {issue}");
            }

            _ = report.IsValid && report.HasNoErrors;
        }
    }

    private static void CheckObject(StixValue stixObject)
    {
        _ = StixValidator.ValidateObject(stixObject, Strictest, "$").IsValid;
        var id = DeterministicId.ForObservable(stixObject);
        Require(id is null || id.StartsWith(stixObject["type"]!.GetString() + "--", StringComparison.Ordinal), $"a deterministic id of the wrong type: {id}");
        _ = DeterministicId.Verify(stixObject);
        if (StixObject.TryCreate(stixObject, out var wrapped))
        {
            _ = (wrapped.Category, wrapped.SpecVersion, wrapped.Created, wrapped.Modified, wrapped.Revoked, wrapped.CreatedByRef, wrapped.VersionKey.ToString());
            _ = wrapped.ObjectMarkingRefs.Count();
            _ = StixVersions.Compare(wrapped, wrapped);
        }
    }

    /// <summary>Written and read back, the tree is the same, less its null-valued properties (§3.1: the writer drops them).</summary>
    private static void CheckRoundTrip(StixValue value, bool indented)
    {
        var written = StixJsonWriter.ToUtf8Bytes(value, indented);
        var back = StixJsonReader.Parse(written);
        Require(back.Success, $"the writer's output does not read back ({back.Error}): {Preview(written)}");
        Require(back.Value!.DeepEquals(WithoutNullProperties(value)), $"the round trip changed the tree: {Preview(written)}");
    }

    /// <summary>RFC 8785: the canonical form reads back, and canonicalizing it again changes nothing.</summary>
    private static void CheckCanonicalForm(StixValue value)
    {
        string canonical;
        try
        {
            canonical = JsonCanonicalizer.Canonicalize(value);
        }
        catch (FormatException) when (HasNonFiniteNumber(value))
        {
            return; // documented: RFC 8785 §3.2.2.3 has no form for numbers beyond double's range
        }

        var back = StixJsonReader.Parse(Encoding.UTF8.GetBytes(canonical));
        Require(back.Success, $"the canonical form does not read back ({back.Error}): {Preview(canonical)}");
        Require(JsonCanonicalizer.Canonicalize(back.Value!) == canonical, $"the canonical form is not canonical: {Preview(canonical)}");
    }

    /// <summary>A stricter depth limit never accepts more, and what it accepts reads the same.</summary>
    private static void CheckShallowParse(ReadOnlySpan<byte> input, StixReadResult parsed)
    {
        var shallow = StixJsonReader.Parse(input, Shallow);
        CheckResult(shallow, input.Length, "StixJsonReader.Parse (MaxDepth 4)");
        if (shallow.Success)
        {
            Require(parsed.Success && parsed.Value.DeepEquals(shallow.Value), "MaxDepth 4 accepted what the default limit did not, or read it differently");
        }
    }

    private static void CheckResult(StixReadResult result, int inputLength, string what)
    {
        if (!result.Success)
        {
            CheckError(result.Error, inputLength, what);
        }
    }

    private static void CheckError(StixReadError error, long inputLength, string what)
    {
        // Offsets count characters, so they never pass the byte length; lines and columns are 1-based.
        Require(error.Offset >= 0 && error.Offset <= inputLength && error.Line >= 1 && error.Column >= 1, $"{what}: an error located outside the input: {error}");
        Require(error.Path.StartsWith('$') && error.Message.Length > 0, $"{what}: an error without a path or message: {error}");
    }

    /// <summary>The objects to check one by one: a bundle's objects, an array's items, or the value itself.</summary>
    private static IEnumerable<StixValue> ObjectsOf(StixValue value)
    {
        var list = value.IsArray ? value : IsBundle(value) ? value["objects"] : null;
        if (list is null)
        {
            return value.IsObject ? [value] : [];
        }

        return list.IsArray ? list.Items.ToArray().Where(item => item.IsObject) : [];
    }

    private static bool IsBundle(StixValue value) => value.IsObject && value["type"]?.AsString() == "bundle";

    private static StixValue WithoutNullProperties(StixValue value) => value.Kind switch
    {
        StixValueKind.Object => StixValue.Object(value.Properties.ToArray()
            .Where(p => p.Value.Kind != StixValueKind.Null)
            .Select(p => new StixProperty(p.Name, WithoutNullProperties(p.Value)))
            .ToArray()),
        StixValueKind.Array => StixValue.Array(value.Items.ToArray().Select(WithoutNullProperties).ToArray()),
        _ => value,
    };

    private static bool HasNonFiniteNumber(StixValue value) => value.Kind switch
    {
        StixValueKind.Number => !value.TryGetDouble(out var number) || !double.IsFinite(number),
        StixValueKind.Object => value.Properties.ToArray().Any(p => HasNonFiniteNumber(p.Value)),
        StixValueKind.Array => value.Items.ToArray().Any(HasNonFiniteNumber),
        _ => false,
    };

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new FuzzCheckException(message);
        }
    }

    private static string Preview(ReadOnlySpan<byte> utf8) => Preview(Encoding.UTF8.GetString(utf8));

    private static string Preview(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
