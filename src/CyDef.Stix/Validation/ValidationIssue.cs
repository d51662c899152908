using CyDef.Stix.Json;

namespace CyDef.Stix.Validation;

/// <summary>One finding of the validator.</summary>
/// <remarks>
/// The path of a finding about an object of a stream (<see cref="StixValidator.ValidateObject(StixReadItem, ValidationOptions?)"/>)
/// is written out when first asked for: a feed's objects may each carry warnings whose paths nobody reads.
/// </remarks>
public sealed record ValidationIssue
{
    private readonly ItemPath? _item;
    private readonly string? _relative;
    private string? _path;

    /// <summary>Creates a finding.</summary>
    /// <param name="severity">Error for a MUST, warning for a SHOULD.</param>
    /// <param name="path">The JSON path of the offending value, e.g. <c>$.objects[3].created</c>.</param>
    /// <param name="message">What is wrong, in words.</param>
    /// <param name="section">The section of STIX 2.1 that states the rule, e.g. <c>3.2</c>.</param>
    /// <param name="check">For SHOULD findings, the name of the best-practice check (as the OASIS validator names it), else <see langword="null"/>.</param>
    public ValidationIssue(ValidationSeverity severity, string path, string message, string section, string? check = null)
    {
        Severity = severity;
        _path = path;
        Message = message;
        Section = section;
        Check = check;
    }

    // A finding about an object of a stream: its path is the item's path with 'relative' (which starts at '$') under it.
    internal ValidationIssue(ValidationSeverity severity, ItemPath item, string relative, string message, string section, string? check)
        : this(severity, null!, message, section, check)
    {
        _item = item;
        _relative = relative;
    }

    /// <summary>Error for a MUST, warning for a SHOULD.</summary>
    public ValidationSeverity Severity { get; init; }

    /// <summary>The JSON path of the offending value, e.g. <c>$.objects[3].created</c>.</summary>
    public string Path
    {
        get => _path ??= _item!.Under(_relative!);
        init
        {
            _path = value;
            _item = null;
            _relative = null;
        }
    }

    /// <summary>What is wrong, in words.</summary>
    public string Message { get; init; }

    /// <summary>The section of STIX 2.1 that states the rule, e.g. <c>3.2</c>.</summary>
    public string Section { get; init; }

    /// <summary>For SHOULD findings, the name of the best-practice check (as the OASIS validator names it), else <see langword="null"/>.</summary>
    public string? Check { get; init; }

    /// <summary>Takes the finding apart, as its constructor takes it.</summary>
    /// <param name="severity">Error or warning.</param>
    /// <param name="path">The JSON path.</param>
    /// <param name="message">What is wrong.</param>
    /// <param name="section">The section of STIX 2.1.</param>
    /// <param name="check">The best-practice check, for a warning.</param>
    public void Deconstruct(out ValidationSeverity severity, out string path, out string message, out string section, out string? check)
    {
        severity = Severity;
        path = Path;
        message = Message;
        section = Section;
        check = Check;
    }

    /// <summary>Whether two findings say the same of the same place.</summary>
    /// <param name="other">The other finding.</param>
    public bool Equals(ValidationIssue? other) =>
        other is not null && Severity == other.Severity && Path == other.Path && Message == other.Message && Section == other.Section
        && Check == other.Check;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Severity, Path, Message, Section, Check);

    /// <summary>The finding as one line: <c>path: message (STIX 2.1 §section)</c>.</summary>
    public override string ToString() =>
        $"{Path}: {(Severity == ValidationSeverity.Warning ? "warning: " : "")}{Message} (STIX 2.1 §{Section})";

    /// <summary>The path of a stream's item, written out once for all its findings, and only when one is asked for.</summary>
    internal sealed class ItemPath(StixReadItem item)
    {
        private string? _path;

        /// <summary><paramref name="relative"/>, a path that starts at the item's <c>$</c>, under the item's path.</summary>
        public string Under(string relative) => string.Concat(_path ??= item.Path, relative.AsSpan(1));
    }
}
