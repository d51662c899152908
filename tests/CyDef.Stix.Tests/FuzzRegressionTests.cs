using System.Text;
using CyDef.Stix.Json;
using CyDef.Stix.Validation;

namespace CyDef.Stix.Tests;

/// <summary>
/// Replays the fuzzing seeds and every input the fuzzer found (tests/data/fuzz/stix/seeds and regressions)
/// through the checks of the fuzz target, tests/CyDef.Fuzz/StixFuzzTarget.cs: no exception may escape the
/// library, and written, canonical and streamed forms must agree with the parsed tree. <see cref="Checks"/> is a
/// copy of that target (this project cannot reference the fuzz executable); a change to one goes to the other.
/// </summary>
public sealed class FuzzRegressionTests
{
    private static readonly TimeSpan HangTimeout = TimeSpan.FromSeconds(30);

    public static TheoryData<string> Inputs()
    {
        var data = new TheoryData<string>();
        foreach (var folder in (string[])["seeds", "regressions"])
        {
            var path = Path.Combine(FuzzData, folder);
            foreach (var file in Directory.EnumerateFiles(path).Order(StringComparer.Ordinal))
            {
                data.Add(folder + "/" + Path.GetFileName(file));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public async Task StixLibrary_FuzzInput_ReadsWritesValidatesAndCanonicalizesWithoutFault(string file)
    {
        var input = await File.ReadAllBytesAsync(Path.Combine(FuzzData, file));

        // A hang is a find too: the library must answer every input.
        await Task.Run(() => Checks.Run(input)).WaitAsync(HangTimeout);
    }

    [Fact]
    public void Inputs_SeedCorpus_IsThere()
    {
        Assert.Contains(Inputs(), row => ((string)row[0]).StartsWith("seeds/", StringComparison.Ordinal));
    }

    private static string FuzzData { get; } = Path.Combine(RepositoryRoot(), "tests", "data", "fuzz", "stix");

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "CyDef.slnx")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} holds CyDef.slnx.");
    }

    /// <summary>The checks of tests/CyDef.Fuzz/StixFuzzTarget.cs, kept the same.</summary>
    private static class Checks
    {
        private const int StreamBufferSize = 64 * 1024;

        private static readonly StixReadOptions Shallow = new() { MaxDepth = 4 };

        private static readonly ValidationOptions Strictest = new()
        {
            Strict = true,
            StrictTypes = true,
            StrictProperties = true,
            EnforceReferences = true,
        };

        public static void Run(byte[] input)
        {
            var parsed = StixJsonReader.Parse(input);
            CheckResult(parsed, input.Length, "StixJsonReader.Parse");
            CheckShallowParse(input, parsed);
            if (parsed.Success)
            {
                CheckValue(parsed.Value);
            }

            var items = ReadStream(input);
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

            CheckStreamIgnoresBufferBoundaries(input, items);
        }

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

        private static void CheckRoundTrip(StixValue value, bool indented)
        {
            var written = StixJsonWriter.ToUtf8Bytes(value, indented);
            var back = StixJsonReader.Parse(written);
            Require(back.Success, $"the writer's output does not read back ({back.Error}): {Preview(written)}");
            Require(back.Value!.DeepEquals(WithoutNullProperties(value)), $"the round trip changed the tree: {Preview(written)}");
        }

        private static void CheckCanonicalForm(StixValue value)
        {
            string canonical;
            try
            {
                canonical = JsonCanonicalizer.Canonicalize(value);
            }
            catch (FormatException) when (HasNonFiniteNumber(value))
            {
                return;
            }

            var back = StixJsonReader.Parse(Encoding.UTF8.GetBytes(canonical));
            Require(back.Success, $"the canonical form does not read back ({back.Error}): {Preview(canonical)}");
            Require(JsonCanonicalizer.Canonicalize(back.Value!) == canonical, $"the canonical form is not canonical: {Preview(canonical)}");
        }

        private static void CheckShallowParse(byte[] input, StixReadResult parsed)
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
            Require(error.Offset >= 0 && error.Offset <= inputLength && error.Line >= 1 && error.Column >= 1, $"{what}: an error located outside the input: {error}");
            Require(error.Path.StartsWith('$') && error.Message.Length > 0, $"{what}: an error without a path or message: {error}");
        }

        private static List<StixReadItem> ReadStream(byte[] bytes)
        {
            using var stream = new MemoryStream(bytes, writable: false);
            using var reader = new StixStreamReader(stream);
            var items = new List<StixReadItem>();
            foreach (var item in reader.ReadObjects())
            {
                Require(items.Count <= bytes.Length, "StixStreamReader yields more items than the input has bytes: it loops");
                Require((item.Value is null) != (item.Error is null), $"StixStreamReader: an item must hold a value or an error: {item}");
                if (item.Error is { } error)
                {
                    CheckError(error, bytes.Length, "StixStreamReader");
                }

                items.Add(item);
            }

            return items;
        }

        private static void CheckStreamMatchesParse(StixValue value, List<StixReadItem> items)
        {
            if (!value.IsObject && !value.IsArray)
            {
                Require(items is [{ Error: not null }], $"StixStreamReader yielded {Describe(items)} for a JSON {value.Kind}, not one error");
                return;
            }

            if (ObjectsBeforeType(value) is { } objects && Matches(items, objects.Items.ToArray()))
            {
                return;
            }

            var expected = ExpectedStreamValues(value);
            Require(Matches(items, expected), $"StixStreamReader yielded {Describe(items)} where StixJsonReader.Parse gives {expected.Length} values");
        }

        private static bool Matches(List<StixReadItem> items, StixValue[] expected)
        {
            if (items.Count != expected.Length)
            {
                return false;
            }

            for (var i = 0; i < expected.Length; i++)
            {
                if (items[i].Value is not { } streamed || !streamed.DeepEquals(expected[i]))
                {
                    return false;
                }
            }

            return true;
        }

        private static StixValue? ObjectsBeforeType(StixValue value)
        {
            foreach (var property in value.Properties)
            {
                switch (property.Name)
                {
                    case "type":
                        return null;
                    case "objects":
                        return property.Value.IsArray ? property.Value : null;
                }
            }

            return null;
        }

        private static StixValue[] ExpectedStreamValues(StixValue value)
        {
            if (IsBundle(value))
            {
                return value["objects"] is { IsArray: true } objects ? objects.Items.ToArray() : [];
            }

            return value.IsArray ? value.Items.ToArray() : [value];
        }

        private static void CheckStreamIgnoresBufferBoundaries(byte[] bytes, List<StixReadItem> unpadded)
        {
            if (bytes.Length is 0 or >= StreamBufferSize)
            {
                return;
            }

            var bom = bytes.AsSpan().StartsWith("\uFEFF"u8) ? 3 : 0;
            var split = bom + ((bytes.Length - bom) / 2);
            var padded = new byte[StreamBufferSize - split + bytes.Length];
            bytes.AsSpan(0, bom).CopyTo(padded);
            padded.AsSpan(bom, StreamBufferSize - split).Fill((byte)' ');
            bytes.AsSpan(bom).CopyTo(padded.AsSpan(bom + StreamBufferSize - split));

            var items = ReadStream(padded);
            Require(items.Count == unpadded.Count, $"StixStreamReader yielded {items.Count} items with the buffer's end at byte {split}, {unpadded.Count} without: {Describe(items)} vs {Describe(unpadded)}");
            for (var i = 0; i < items.Count; i++)
            {
                var same = items[i].Value is { } value ? value.DeepEquals(unpadded[i].Value) : unpadded[i].Value is null;
                Require(same, $"StixStreamReader's item {i} changed with the buffer's end at byte {split}: {Describe(items)} vs {Describe(unpadded)}");
            }
        }

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

        private static void Require(bool condition, string message) => Assert.True(condition, message);

        private static string Describe(List<StixReadItem> items) =>
            "[" + string.Join(", ", items.Take(5).Select(i => i.Error is { } e ? $"error {e}" : Preview(i.Value!.ToString()))) + (items.Count > 5 ? ", …]" : "]");

        private static string Preview(ReadOnlySpan<byte> utf8) => Preview(Encoding.UTF8.GetString(utf8));

        private static string Preview(string text) => text.Length <= 300 ? text : text[..300] + "…";
    }
}
