namespace CyDef.Stix.Validation;

/// <summary>How strict the validator is. The defaults check every MUST and report SHOULDs as warnings.</summary>
public sealed record ValidationOptions
{
    /// <summary>The defaults: MUSTs are errors, SHOULDs are warnings, custom content is allowed.</summary>
    public static ValidationOptions Default { get; } = new();

    /// <summary>SHOULD findings make the content invalid too.</summary>
    public bool Strict { get; init; }

    /// <summary>Object types the specification does not define are errors.</summary>
    public bool StrictTypes { get; init; }

    /// <summary>Properties the specification does not define are errors.</summary>
    public bool StrictProperties { get; init; }

    /// <summary>Also apply the STIX 2.1 Interoperability profile (creators, per-type required properties, one TLP marking).</summary>
    public bool Interop { get; init; }

    /// <summary>Every reference must resolve to an object in the same bundle or list.</summary>
    public bool EnforceReferences { get; init; }

    /// <summary>
    /// Checks the text of a STIX pattern (§9) and returns why it is invalid, or <see langword="null"/> when it
    /// is valid. The patterning library (CyDef.Patterns) provides one; without it patterns are not checked.
    /// </summary>
    public Func<string, string?>? PatternValidator { get; init; }

    /// <summary>Best-practice checks to run; <see langword="null"/> for all of them.</summary>
    public IReadOnlySet<string>? EnabledChecks { get; init; }

    /// <summary>Best-practice checks not to run.</summary>
    public IReadOnlySet<string>? DisabledChecks { get; init; }

    /// <summary>Whether the best-practice check <paramref name="check"/> runs under these options.</summary>
    /// <param name="check">The check's name, e.g. <c>custom-prefix</c>.</param>
    public bool IsCheckEnabled(string check) =>
        (EnabledChecks is null || EnabledChecks.Contains(check)) && (DisabledChecks is null || !DisabledChecks.Contains(check));
}
