using System.Text;
using CyDef.Stix.Json;
using CyDef.Stix.Validation;

namespace CyDef.Stix.Tests.Validation;

public sealed class StixValidatorTests
{
    private const string Indicator = """{"type":"indicator","spec_version":"2.1","id":"indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f","created":"2016-04-06T20:03:48.000Z","modified":"2016-04-06T20:03:48.000Z","pattern":"[ipv4-addr:value = '198.51.100.1']","pattern_type":"stix","valid_from":"2016-01-01T00:00:00Z"}""";

    private static ValidationReport Validate(string json, ValidationOptions? options = null) =>
        StixValidator.Validate(StixJsonReader.Parse(json).GetValueOrThrow(), options);

    private static string With(string json, string property, string value) =>
        json[..^1] + $",\"{property}\":{value}}}";

    private static string Without(string json, string property)
    {
        var value = StixJsonReader.Parse(json).GetValueOrThrow();
        return StixJsonWriter.ToJsonString(StixValue.Object(value.Properties.ToArray().Where(p => p.Name != property).ToArray()));
    }

    [Fact]
    public void ValidateObject_SameBadListInManyObjects_IsReportedForEach()
    {
        // Lists of repeating values (markings, labels) may be one shared instance for many objects; a list found
        // clean once is not checked again, a list with a bad item is reported every time.
        var json = With(Indicator, "object_marking_refs", "[\"indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f\"]");

        for (var i = 0; i < 3; i++)
        {
            var value = StixJsonReader.Parse(json).GetValueOrThrow();

            Assert.Contains(StixValidator.ValidateObject(value).Errors, e => e.Path == "$.object_marking_refs[0]");
            Assert.True(StixValidator.ValidateObject(StixJsonReader.Parse(With(Indicator, "labels", "[\"a\",\"b\"]")).GetValueOrThrow()).IsValid);
        }
    }

    [Fact]
    public void ValidateObject_StreamItems_FindingsAtEachItemsPathAsWithTheItemsOwnPath()
    {
        // A stream item's path is written out only for an object with findings: the findings are those found when
        // the path is passed, at the same places.
        var bad = With(Indicator, "valid_until", "\"2015-01-01T00:00:00Z\"");
        var ndjson = string.Join('\n', Indicator, bad, With(Indicator, "labels", "[\"a\"]"), bad);
        var bundle = $$"""{"type":"bundle","id":"bundle--5d0092c5-5f74-4287-9642-33f4c354e56d","objects":[{{Indicator}},{{bad}}]}""";

        // Over more than one line, a bundle's objects are read one by one, each with its index for a path.
        var warned = With(Indicator, "external_references", "[{\"source_name\":\"x\",\"url\":\"https://example.org/\"}]");
        var streamed = $$"""
            {"type":"bundle","id":"bundle--5d0092c5-5f74-4287-9642-33f4c354e56d","objects":[
              {{Indicator}},
              {{bad}},
              {{warned}}
            ]}
            """;
        foreach (var input in new[] { ndjson, bundle, streamed })
        {
            using var reader = new StixStreamReader(new MemoryStream(Encoding.UTF8.GetBytes(input)));
            var items = reader.ReadObjects().ToList();
            Assert.All(items, item => Assert.Null(item.Error));
            foreach (var item in items)
            {
                var expected = StixValidator.ValidateObject(item.Value!, null, item.Path);
                var report = StixValidator.ValidateObject(item);
                Assert.Equal(expected.Issues, report.Issues);
            }

            var paths = items.SelectMany(item => StixValidator.ValidateObject(item).Errors.Select(e => e.Path)).ToList();
            Assert.Equal(input == ndjson ? ["$[1].valid_until", "$[3].valid_until"] : ["$.objects[1].valid_until"], paths);
            if (input == streamed)
            {
                Assert.Equal(["$.objects[0]", "$.objects[1]", "$.objects[2]"], items.Select(item => item.Path));
                Assert.Contains(StixValidator.ValidateObject(items[2]).Warnings, w => w.Path == "$.objects[2].external_references[0]");
            }
        }
    }

    [Fact]
    public void ValidationIssue_OfAStreamItem_IsAValueLikeAnyOther()
    {
        // A finding about a stream's object writes its path out when asked: it compares, hashes, copies and takes
        // apart as a finding made with its path.
        var bad = With(Indicator, "valid_until", "\"2015-01-01T00:00:00Z\"");
        using var reader = new StixStreamReader(new MemoryStream(Encoding.UTF8.GetBytes($"{Indicator}\n{bad}\n")));
        var item = reader.ReadObjects().Last();
        var found = Assert.Single(StixValidator.ValidateObject(item).Errors);
        var made = new ValidationIssue(found.Severity, "$[1].valid_until", found.Message, found.Section, found.Check);

        Assert.Equal(made, found);
        Assert.Equal(made.GetHashCode(), found.GetHashCode());
        Assert.Equal(made.ToString(), found.ToString());
        Assert.Equal(made, found with { });
        Assert.Equal("$[1].valid_until", (found with { Message = "other" }).Path);
        Assert.Equal("$.elsewhere", (found with { Path = "$.elsewhere" }).Path);
        var (severity, path, message, section, check) = found;
        Assert.Equal((made.Severity, made.Path, made.Message, made.Section, made.Check), (severity, path, message, section, check));
    }

    [Fact]
    public void ValidateObject_StreamItemWithAReadError_IsRefused()
    {
        using var reader = new StixStreamReader(new MemoryStream("{\"type\":"u8.ToArray()));
        var item = Assert.Single(reader.ReadObjects());

        Assert.Throws<ArgumentException>(() => StixValidator.ValidateObject(item));
    }

    [Theory]
    [InlineData("indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f")]
    [InlineData("x-custom--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f")]
    [InlineData("indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3")]
    [InlineData("indicator--8e2e2d2b-17d4-0cbf-938f-98ee46b3cd3f")]
    [InlineData("indicator--8e2e2d2b-17d4-4cbf-c38f-98ee46b3cd3f")]
    [InlineData("Indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f")]
    [InlineData("indicator---8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3")]
    [InlineData("indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cdxf")]
    [InlineData("indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd-f")]
    [InlineData("indicätor--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f")]
    [InlineData("in--dicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f")]
    [InlineData("ab--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f")]
    public void IsIdentifier_Utf8_AgreesWithText(string id)
    {
        // The validator checks identifiers the reader has not decoded on their UTF-8.
        var expected = Formats.IsIdentifier(id, out var length);

        Assert.Equal(expected, Formats.IsIdentifier(Encoding.UTF8.GetBytes(id), out var utf8Length));
        Assert.True(!expected || length == utf8Length);
    }

    [Fact]
    public void IsIdentifier_RandomIds_AsTheFirstDoubleHyphenDefinesThem()
    {
        // §2.9 read literally: the type is what comes before the first "--", and the rest is the UUID. The check looks
        // for the "--" 38 characters from the end instead of searching for it; over types with hyphens and damaged
        // UUIDs it must agree with the literal reading.
        var random = new Random(5);
        var typeCharacters = "ab1-".ToCharArray();
        var uuidCharacters = "0123456789abcdefA-g".ToCharArray();
        for (var n = 0; n < 50_000; n++)
        {
            var type = new string(Enumerable.Range(0, random.Next(0, 7)).Select(_ => typeCharacters[random.Next(typeCharacters.Length)]).ToArray());
            var separator = random.Next(6) switch { 0 => "-", 1 => "---", _ => "--" };
            var uuid = RandomUuid(random);
            for (var changes = random.Next(-2, 2); changes > 0; changes--)
            {
                uuid[random.Next(uuid.Length)] = uuidCharacters[random.Next(uuidCharacters.Length)];
            }

            var id = type + separator + new string(uuid)[random.Next(2)..];
            var first = id.IndexOf("--", StringComparison.Ordinal);
            var expected = first > 0 && id.Length - first - 2 == 36 && Formats.IsTypeName(id.AsSpan(0, first)) && Formats.IsRfc4122(id.AsSpan(first + 2));

            Assert.True(expected == Formats.IsIdentifier(id, out var length), id);
            Assert.True(expected == Formats.IsIdentifier(Encoding.UTF8.GetBytes(id), out var utf8Length), id);
            Assert.True(!expected || (length == first && utf8Length == first), id);
        }
    }

    // A version 4 UUID in the usual form, from the test's own random source.
    private static char[] RandomUuid(Random random)
    {
        var hex = Enumerable.Range(0, 32).Select(_ => "0123456789abcdef"[random.Next(16)]).ToArray();
        hex[12] = '4';
        hex[16] = "89ab"[random.Next(4)];
        var text = new string(hex);
        return $"{text[..8]}-{text[8..12]}-{text[12..16]}-{text[16..20]}-{text[20..]}".ToCharArray();
    }

    [Fact]
    public void Validate_ValidIndicator_HasNoErrors()
    {
        var report = Validate(Indicator);

        Assert.True(report.IsValid, string.Join("\n", report.Issues));
    }

    [Theory]
    [InlineData("\"indicator--8e2e2d2b\"", "does not match the id format")]
    [InlineData("\"malware--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f\"", "does not start with 'indicator--'")]
    public void Validate_BadId_IsReportedOnce(string id, string message)
    {
        var json = With(Without(Indicator, "id"), "id", id);

        var issue = Assert.Single(Validate(json).Errors);

        Assert.Equal("$.id", issue.Path);
        Assert.Contains(message, issue.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("pattern", "$", "4.")]
    [InlineData("created", "$", "3.2")]
    [InlineData("spec_version", "$", "3.2")]
    public void Validate_MissingRequiredProperty_IsAnErrorWithPathAndSection(string property, string path, string sectionPrefix)
    {
        var issue = Assert.Single(Validate(Without(Indicator, property)).Errors);

        Assert.Equal(path, issue.Path);
        Assert.StartsWith(sectionPrefix, issue.Section, StringComparison.Ordinal);
        Assert.Contains(property, issue.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("confidence", "101", "$.confidence")]
    [InlineData("confidence", "\"high\"", "$.confidence")]
    [InlineData("labels", "[]", "$.labels")]
    [InlineData("labels", "[1]", "$.labels[0]")]
    [InlineData("object_marking_refs", "[\"indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f\"]", "$.object_marking_refs[0]")]
    [InlineData("created_by_ref", "\"identity--bad\"", "$.created_by_ref")]
    [InlineData("external_references", "[{\"source_name\":\"x\"}]", "$.external_references[0]")]
    [InlineData("defanged", "true", "$.defanged")]
    [InlineData("severity", "\"high\"", "$.severity")]
    [InlineData("lang", "\"not a language\"", "$.lang")]
    [InlineData("x_acme_score", "null", "$.x_acme_score")]
    [InlineData("Bad-Name", "1", "$.Bad-Name")]
    public void Validate_BrokenMust_IsReportedAtItsPath(string property, string value, string path)
    {
        var report = Validate(With(Indicator, property, value));

        Assert.False(report.IsValid);
        Assert.Contains(report.Errors, e => e.Path == path);
    }

    [Fact]
    public void Validate_ModifiedBeforeCreated_IsAnError()
    {
        var json = Indicator.Replace("\"modified\":\"2016-04-06T20:03:48.000Z\"", "\"modified\":\"2016-04-06T20:03:47.999Z\"", StringComparison.Ordinal);

        Assert.Contains(Validate(json).Errors, e => e.Path == "$.modified" && e.Section == "3.2");
    }

    [Fact]
    public void Validate_CustomPropertyWithoutPrefix_IsAWarningThatStrictModeCounts()
    {
        var json = With(Indicator, "acme_score", "10");

        Assert.True(Validate(json).IsValid);
        Assert.Contains(Validate(json).Warnings, w => w.Check == "extensions-use");
        Assert.Contains(Validate(json, new ValidationOptions { DisabledChecks = BestPracticeChecks.Expand(["extensions-use"]) }).Warnings, w => w.Check == "custom-prefix");
        Assert.False(Validate(json, new ValidationOptions { Strict = true }).IsValid);
        Assert.True(Validate(json, new ValidationOptions { Strict = true, DisabledChecks = BestPracticeChecks.Expand(["custom-prefix", "custom-prefix-lax", "extensions-use", "indicator-properties"]) }).IsValid);
    }

    [Fact]
    public void Validate_BundleWithAnInvalidObject_PointsIntoTheBundle()
    {
        var bad = Without(Indicator, "pattern");
        var report = Validate($$"""{"type":"bundle","id":"bundle--5d0092c5-5f74-4287-9642-33f4c354e56d","objects":[{{Indicator}},{{bad}}]}""");

        Assert.Equal("$.objects[1]", Assert.Single(report.Errors).Path);
    }

    [Fact]
    public void Validate_EnforceReferences_ReportsDanglingReference()
    {
        var json = With(Indicator, "created_by_ref", "\"identity--311b2d2d-f010-4473-83ec-1edf84858f4c\"");

        Assert.True(Validate($"[{json}]").IsValid);
        Assert.False(Validate($"[{json}]", new ValidationOptions { EnforceReferences = true }).IsValid);
    }
}
