using CyDef.Stix.Json;

namespace CyDef.Stix.Validation;

/// <summary>
/// Validates STIX 2.1 content against every MUST of the specification that content alone can decide
/// (errors) and its SHOULDs (warnings), each finding with its JSON path and section.
/// </summary>
public static class StixValidator
{
    private static readonly ValidationReport Clean = new([], strict: false, objectCount: 1);
    private static readonly ValidationReport CleanStrict = new([], strict: true, objectCount: 1);

    [ThreadStatic]
    private static Reused? _reused;

    /// <summary>Validates a bundle, a JSON array of objects, or one object.</summary>
    /// <param name="input">The content.</param>
    /// <param name="options">How strict to be; <see cref="ValidationOptions.Default"/> when omitted.</param>
    public static ValidationReport Validate(StixValue input, ValidationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        options ??= ValidationOptions.Default;
        var issues = new List<ValidationIssue>();
        var count = 0;
        if (input.IsArray)
        {
            var validator = new ObjectValidator(options, issues, options.EnforceReferences ? IndexIds(input.Items) : null);
            var items = input.Items;
            for (var i = 0; i < items.Length; i++)
            {
                validator.ValidateObject(items[i], JsonPath.Index("$", i));
            }

            count = items.Length;
        }
        else if (input.IsObject && input["type"]?.AsString() == "bundle")
        {
            count = ValidateBundle(input, options, issues);
        }
        else
        {
            new ObjectValidator(options, issues, null).ValidateObject(input, "$");
            count = 1;
        }

        return new ValidationReport(issues, options.Strict, count);
    }

    /// <summary>Validates one STIX object (not a bundle) found at <paramref name="path"/> of a larger input.</summary>
    /// <param name="value">The object.</param>
    /// <param name="options">How strict to be.</param>
    /// <param name="path">Its JSON path, for the findings (e.g. <c>$.objects[12]</c>).</param>
    public static ValidationReport ValidateObject(StixValue value, ValidationOptions? options = null, string path = "$")
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(path);
        return ValidateObject(value, options ?? ValidationOptions.Default, path, placedAt: null);
    }

    // placedAt: the stream's item that value is, whose path is put ahead of the findings' paths (see ValidationContext.Issue).
    private static ValidationReport ValidateObject(StixValue value, ValidationOptions options, string path, StixReadItem? placedAt)
    {
        // A stream validates millions of objects one by one: the validator and its scratch space are kept per
        // thread, and a clean object shares one empty report.
        var reused = _reused is { } cached && ReferenceEquals(cached.Options, options) ? cached : new Reused(options);
        _reused = null;
        try
        {
            reused.Issues.Clear();
            reused.Validator.Context.PlaceAt(placedAt);
            reused.Validator.ValidateObject(value, path);
            return reused.Issues.Count == 0
                ? options.Strict ? CleanStrict : Clean
                : new ValidationReport(reused.Issues.ToArray(), options.Strict, 1);
        }
        finally
        {
            _reused = reused;
        }
    }

    /// <summary>
    /// Validates one STIX object read from a stream (<see cref="StixStreamReader"/>). The item's path (a line of NDJSON
    /// or an object of a bundle has one) is written out only when the path of one of its findings is asked for: the
    /// object is validated at <c>$</c>, and the item's path is put ahead of the paths of its findings, which all start
    /// there.
    /// </summary>
    /// <param name="item">An item that holds an object (<see cref="StixReadItem.Value"/>).</param>
    /// <param name="options">How strict to be.</param>
    /// <exception cref="ArgumentException">The item holds a read error, not an object.</exception>
    public static ValidationReport ValidateObject(StixReadItem item, ValidationOptions? options = null)
    {
        var value = item.Value ?? throw new ArgumentException("The item holds a read error, not an object.", nameof(item));
        return item.PathIsWritten
            ? ValidateObject(value, options, item.Path)
            : ValidateObject(value, options ?? ValidationOptions.Default, "$", item);
    }

    // §8: a bundle is a container, not a STIX object; it has no spec_version, and its objects are checked one by one.
    private static int ValidateBundle(StixValue bundle, ValidationOptions options, List<ValidationIssue> issues)
    {
        var context = new ValidationContext(options, issues);
        if (bundle["id"]?.AsString() is not { } id)
        {
            context.Error("$", "'id' is a required property", "8.1", absolute: true);
        }
        else if (!Formats.IsIdentifierOf(id, "bundle"))
        {
            context.Error("$.id", $"'{id}' does not match the id format (bundle--[UUID])", "8.1", absolute: true);
        }

        var bundleChecks = new ObjectValidator(options, issues, null);
        bundleChecks.CheckRandomId(bundle["id"]?.AsString(), "$.id");
        bundleChecks.CheckBundleProperties(bundle);
        if (bundle["objects"] is not { } objects)
        {
            return 0;
        }

        if (!objects.IsArray || objects.Count == 0)
        {
            context.Error("$.objects", "'objects' must be a non-empty list of STIX objects", "8.1", absolute: true);
            return 0;
        }

        var validator = new ObjectValidator(options, issues, options.EnforceReferences ? IndexIds(objects.Items) : null);
        var items = objects.Items;
        for (var i = 0; i < items.Length; i++)
        {
            validator.ValidateObject(items[i], JsonPath.Index("$.objects", i));
        }

        DuplicateVersions(items, context);
        return items.Length;
    }

    // §3.6: a version (id + modified) appears once; two copies with the same modified are either the same
    // version twice or a producer's mistake.
    private static void DuplicateVersions(ReadOnlySpan<StixValue> objects, ValidationContext context)
    {
        var seen = new HashSet<(string, string?)>();
        for (var i = 0; i < objects.Length; i++)
        {
            if (objects[i]["id"]?.AsString() is { } id && !seen.Add((id, objects[i]["modified"]?.AsString())))
            {
                context.Warning("duplicate-ids", JsonPath.Index("$.objects", i), $"'{id}' appears twice with the same 'modified': different versions need different timestamps", "3.6", absolute: true);
            }
        }
    }

    private static Dictionary<string, string> IndexIds(ReadOnlySpan<StixValue> objects)
    {
        var index = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var value in objects)
        {
            if (value["id"]?.AsString() is { } id && value["type"]?.AsString() is { } type)
            {
                index[id] = type;
            }
        }

        return index;
    }

    private sealed class Reused
    {
        public Reused(ValidationOptions options)
        {
            Options = options;
            Validator = new ObjectValidator(options, Issues, null);
        }

        public ValidationOptions Options { get; }

        public List<ValidationIssue> Issues { get; } = [];

        public ObjectValidator Validator { get; }
    }
}
