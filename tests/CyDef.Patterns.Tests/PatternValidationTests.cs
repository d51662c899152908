using CyDef.Stix.Json;
using CyDef.Stix.Validation;

namespace CyDef.Patterns.Tests;

/// <summary>
/// <see cref="PatternValidation"/>: a pattern as STIX content, with the naming rules of §3.1 and §11, real
/// timestamps (§2.16) and the validator's options.
/// </summary>
public sealed class PatternValidationTests
{
    [Theory]
    [InlineData("[file:hashes.MD5 = 'cead3f77f6cda6ec00f57d76c9a6879f']")]
    [InlineData("[x-acme-widget:size = 1]")]
    [InlineData("[foo:name = 'something']")]
    [InlineData("[file:foo = 'something']")]
    [InlineData("[x-foo:id = 'x-foo--0f1a1cbb-6a8e-4b2b-8b4c-2f5a3f9a3e1d']")]
    [InlineData("[windows-registry-key:values[*].data = 'badstuff']")]
    [InlineData("[file:created = t'2024-02-29T12:00:00Z']")]
    public void Validator_ValidContent_ReturnsNull(string pattern)
    {
        Assert.Null(PatternValidation.Validator(pattern));
    }

    [Theory]
    [InlineData("[file:size = ]", "unexpected ']'")]
    [InlineData("[ab:yz = 'something']", "'ab' is not a valid observable type name")]
    [InlineData("[f:name = 'something']", "'f' is not a valid observable type name")]
    [InlineData("[File:name = 'something']", "'File' is not a valid observable type name")]
    [InlineData("[file:n = 'something']", "'n' is not a valid observable property name")]
    [InlineData("[x_whatever:detected = 1]", "'x_whatever' is not a valid observable type name")]
    [InlineData("[indicator:name = 'x']", "'indicator' is not a cyber-observable type")]
    [InlineData("[file:created = t'2024-02-30T12:00:00Z']", "t'2024-02-30T12:00:00Z' is not a valid timestamp")]
    [InlineData("[file:name = 'a'] START t'2023-02-29T00:00:00Z' STOP t'2024-01-01T00:00:00Z'", "t'2023-02-29T00:00:00Z' is not a valid timestamp")]
    public void Validator_InvalidContent_ReturnsTheFirstError(string pattern, string message)
    {
        Assert.StartsWith(message, PatternValidation.Validator(pattern), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_InvalidNames_ReportsEachWithItsSection()
    {
        var issues = PatternValidation.Validate("[ab:yz = 'something']");

        Assert.Equal(["'ab' is not a valid observable type name", "'yz' is not a valid observable property name"],
            issues.Select(i => i.Message[..i.Message.IndexOf(':', StringComparison.Ordinal)]));
        Assert.All(issues, i => Assert.Equal(("3.1", ValidationSeverity.Error), (i.Section, i.Severity)));
    }

    [Fact]
    public void Validate_SyntaxError_CarriesTheOffset()
    {
        var issue = Assert.Single(PatternValidation.Validate("[file:size = ]"));

        Assert.Equal(13, issue.Offset);
        Assert.Equal(ValidationSeverity.Error, issue.Severity);
    }

    [Fact]
    public void CreateValidator_StrictTypesAndProperties_RejectCustomContent()
    {
        var strictTypes = PatternValidation.CreateValidator(ValidationOptions.Default with { StrictTypes = true });
        var strictProperties = PatternValidation.CreateValidator(ValidationOptions.Default with { StrictProperties = true });

        Assert.StartsWith("'x-x-foo' is not a cyber-observable type defined", strictTypes("[x-x-foo:x_x_name = 'a']"), StringComparison.Ordinal);
        Assert.StartsWith("'x_x_name' is not a property of 'file' objects", strictProperties("[file:x_x_name = 'a']"), StringComparison.Ordinal);
        Assert.Null(strictProperties("[x-foo-bar:bizz MATCHES 'buzz']"));
        Assert.Null(strictProperties("[file:parent_directory_ref.path = 'C:\\\\']"));
    }

    [Fact]
    public void Validate_CustomPrefix_IsAWarningOnlyWhenExtensionsUseIsOff()
    {
        var withExtensions = PatternValidation.Validate("[foo:name = 'a']");
        var withoutExtensions = PatternValidation.Validate("[foo:name = 'a' AND foo:x_y = 1] AND [file:foo = 1]",
            ValidationOptions.Default with { DisabledChecks = new HashSet<string> { "extensions-use" } });

        Assert.Empty(withExtensions);
        Assert.Equal(["custom-prefix", "custom-prefix"], withoutExtensions.Select(i => i.Check));
        Assert.All(withoutExtensions, i => Assert.Equal(ValidationSeverity.Warning, i.Severity));
        Assert.Null(PatternValidation.CreateValidator(ValidationOptions.Default with { DisabledChecks = new HashSet<string> { "extensions-use" } })("[foo:name = 'a']"));
    }

    [Theory]
    [InlineData("[file:hashes.MD5 = 'cead3f77f6cda6ec00f57d76c9a6879f']", true)]
    [InlineData("[file:hashes.MD5 = ]", false)]
    public void StixValidator_WithThePatternValidator_ChecksIndicatorPatterns(string pattern, bool valid)
    {
        var indicator = $$"""
            {"type": "indicator", "spec_version": "2.1", "id": "indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f",
             "created": "2016-04-06T20:03:48.000Z", "modified": "2016-04-06T20:03:48.000Z", "indicator_types": ["malicious-activity"],
             "pattern_type": "stix", "pattern": "{{pattern}}", "valid_from": "2016-04-06T20:03:48Z"}
            """;

        var report = StixValidator.Validate(StixJsonReader.Parse(indicator).GetValueOrThrow(),
            ValidationOptions.Default with { PatternValidator = PatternValidation.Validator });

        Assert.Equal(valid, report.HasNoErrors);
        Assert.Equal(valid, !report.Errors.Any(e => e.Message.Contains("not valid STIX patterning", StringComparison.Ordinal)));
    }
}
