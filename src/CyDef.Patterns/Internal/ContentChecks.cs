using System.Runtime.CompilerServices;
using CyDef.Stix.Catalog;
using CyDef.Stix.Model;
using CyDef.Stix.Validation;

namespace CyDef.Patterns.Internal;

/// <summary>
/// The checks of <see cref="PatternValidation"/> on a parsed pattern: each object type and top-level property
/// is checked once, in the order the pattern names them, as the OASIS validator does.
/// </summary>
internal sealed class ContentChecks(ValidationOptions options)
{
    private readonly List<PatternIssue> _issues = [];
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);

    public IReadOnlyList<PatternIssue> Run(Pattern pattern)
    {
        Visit(pattern.Expression);
        return _issues;
    }

    private void Visit(ObservationExpression expression)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        switch (expression)
        {
            case BracketedObservation bracketed:
                Visit(bracketed.Comparison);
                break;
            case CompositeObservation composite:
                foreach (var operand in composite.Operands)
                {
                    Visit(operand);
                }

                break;
            case QualifiedObservation qualified:
                Visit(qualified.Expression);
                foreach (var qualifier in qualified.Qualifiers)
                {
                    if (qualifier is StartStopQualifier window)
                    {
                        CheckConstant(window.Start);
                        CheckConstant(window.Stop);
                    }
                }

                break;
        }
    }

    private void Visit(ComparisonExpression expression)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        switch (expression)
        {
            case CompositeComparison composite:
                foreach (var operand in composite.Operands)
                {
                    Visit(operand);
                }

                break;
            case PropertyComparison comparison:
                CheckPath(comparison.Path);
                CheckConstant(comparison.Value);
                break;
            case ExistsComparison exists:
                CheckPath(exists.Path);
                break;
        }
    }

    /// <summary>§2.16 (through §9.2): a timestamp constant names a real instant.</summary>
    private void CheckConstant(Constant constant)
    {
        if (constant is TimestampConstant { Instant: null } timestamp)
        {
            Error($"{timestamp} is not a valid timestamp: that date or time does not exist", "2.16");
        }
        else if (constant is SetConstant set)
        {
            foreach (var item in set.Items)
            {
                CheckConstant(item);
            }
        }
    }

    private void CheckPath(ObjectPath path)
    {
        var type = path.ObjectType;
        ObjectSpec? spec = StixCatalog.TryGetObject(type, out var found) ? found : null;
        if (_seen.Add(type))
        {
            CheckType(type, spec);
        }

        if (_seen.Add(type + ":" + path.PropertyName))
        {
            CheckProperty(path.PropertyName, type, spec);
        }
    }

    private void CheckType(string type, ObjectSpec? spec)
    {
        if (spec is not null)
        {
            if (spec.Category != StixCategory.CyberObservable)
            {
                Error($"'{type}' is not a cyber-observable type: object paths start from a cyber-observable object", "9.7");
            }
        }
        else if (options.StrictTypes)
        {
            Error($"'{type}' is not a cyber-observable type defined in the specification", "6");
        }
        else if (!ObservableNames.IsTypeName(type))
        {
            Error($"'{type}' is not a valid observable type name: type names are 3 to 250 characters of a-z, 0-9 and single hyphens, starting with a letter", "3.1");
        }
        else
        {
            CustomName(type, "custom observable type", ObservableNames.Custom.TypeName, "11.2.1");
        }
    }

    private void CheckProperty(string name, string type, ObjectSpec? spec)
    {
        if (spec is not null && spec.TryGetProperty(name, out _))
        {
            return;
        }

        if (spec is null && ObservableNames.IsCommonProperty(name))
        {
            return;
        }

        if (!ObservableNames.IsPropertyName(name))
        {
            Error($"'{name}' is not a valid observable property name: property names are 3 to 250 characters of a-z, 0-9 and underscore, starting with a letter", "3.1");
        }
        else if (spec is not null && options.StrictProperties)
        {
            Error($"'{name}' is not a property of '{type}' objects in the specification", spec.Section);
        }
        else if (spec is not null)
        {
            // §11.2.1: a custom object's own properties need no prefix; custom properties of the specification's types do.
            CustomName(name, $"custom property of '{type}' objects", ObservableNames.Custom.PropertyName, "11.1.1");
        }
    }

    /// <summary>
    /// §11.1.1, §11.2.1: custom names SHOULD carry the 'x' prefix and a source. As the OASIS validator does for
    /// STIX 2.1 patterns, this is checked only when extensions-use (custom content through extension
    /// definitions, §7.3) is switched off; a pattern cannot show whether an extension defines the name.
    /// </summary>
    private void CustomName(string name, string what, ObservableNames.Custom naming, string section)
    {
        if (options.IsCheckEnabled("extensions-use"))
        {
            return;
        }

        if (options.IsCheckEnabled("custom-prefix"))
        {
            if (!ObservableNames.HasSourcePrefix(name, naming))
            {
                Warning("custom-prefix", $"{what} '{name}' should start with '{ObservableNames.Prefix(naming)}' followed by a source unique identifier, a separator and then the name", section);
            }
        }
        else if (options.IsCheckEnabled("custom-prefix-lax") && !name.StartsWith(ObservableNames.Prefix(naming), StringComparison.Ordinal))
        {
            Warning("custom-prefix-lax", $"{what} '{name}' should start with '{ObservableNames.Prefix(naming)}'", section);
        }
    }

    private void Error(string message, string section) => _issues.Add(new PatternIssue(ValidationSeverity.Error, message, section));

    private void Warning(string check, string message, string section) => _issues.Add(new PatternIssue(ValidationSeverity.Warning, message, section, check));
}
