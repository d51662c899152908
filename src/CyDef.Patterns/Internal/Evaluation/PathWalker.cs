using CyDef.Stix.Json;

namespace CyDef.Patterns.Internal.Evaluation;

/// <summary>
/// Follows an object path (§9.7) from one SCO, trying a test on every value it selects: dictionary keys and
/// properties, list indexes (out of range selects nothing, §9.7.2), <c>[*]</c> (each item), and references
/// (<c>_ref</c>, <c>_refs</c>, §9.7.4) resolved among the observation's objects only. Stops at the first value
/// the test accepts.
/// </summary>
internal static class PathWalker
{
    public static bool Any(StixValue root, PathComponent[] path, Observation observation, ValueTest test) =>
        Step(root, path, 0, null, false, observation, test);

    /// <param name="current">The value reached so far.</param>
    /// <param name="path">The path.</param>
    /// <param name="index">The next step.</param>
    /// <param name="key">The key <paramref name="current"/> came from, when it names a binary property.</param>
    /// <param name="references">Whether <paramref name="current"/> is the list of a <c>_refs</c> property, whose
    /// items are identifiers to resolve when stepped into.</param>
    /// <param name="observation">Where references resolve.</param>
    /// <param name="test">The test of the selected values.</param>
    private static bool Step(StixValue current, PathComponent[] path, int index, string? key, bool references, Observation observation, ValueTest test)
    {
        if (index == path.Length)
        {
            return test.Test(current, key);
        }

        switch (path[index])
        {
            case PropertyComponent property:
                return !references && current.TryGetProperty(property.Name, out var child) && Property(child, property.Name, path, index, observation, test);
            case IndexComponent item:
                return current.IsArray && item.Index >= 0 && item.Index < current.Count
                    && Item(current.Items[item.Index], path, index, key, references, observation, test);
            default:
                foreach (var element in current.Items)
                {
                    if (Item(element, path, index, key, references, observation, test))
                    {
                        return true;
                    }
                }

                return false;
        }
    }

    private static bool Property(StixValue child, string name, PathComponent[] path, int index, Observation observation, ValueTest test)
    {
        if (name.EndsWith("_ref", StringComparison.Ordinal))
        {
            return Resolve(child, observation, out var target) && Step(target, path, index + 1, null, false, observation, test);
        }

        if (name.EndsWith("_refs", StringComparison.Ordinal))
        {
            return child.IsArray && (index + 1 < path.Length ? Step(child, path, index + 1, null, true, observation, test) : AnyResolves(child, observation) && test.Test(child, null));
        }

        return Step(child, path, index + 1, Operand.BinaryKey(name), false, observation, test);
    }

    private static bool Item(StixValue item, PathComponent[] path, int index, string? key, bool references, Observation observation, ValueTest test)
    {
        if (!references)
        {
            return Step(item, path, index + 1, key, false, observation, test);
        }

        return Resolve(item, observation, out var target) && Step(target, path, index + 1, null, false, observation, test);
    }

    private static bool Resolve(StixValue reference, Observation observation, out StixValue target)
    {
        target = null!;
        return reference.AsString() is { } id && observation.TryResolve(id, out target!);
    }

    private static bool AnyResolves(StixValue list, Observation observation)
    {
        foreach (var item in list.Items)
        {
            if (Resolve(item, observation, out _))
            {
                return true;
            }
        }

        return false;
    }
}
