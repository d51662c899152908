using CyDef.Stix;

namespace CyDef.Patterns.Internal.Evaluation;

/// <summary>
/// Observations bound to the observation expressions of a (partial) pattern, with the latest <c>first_observed</c>
/// and the earliest <c>last_observed</c> among them, which is all the temporal rules need. The Observations an
/// observed-data object stands for (<c>number_observed</c>) are interchangeable, so a binding is a multiset of
/// observed-data indexes (sorted, an index repeated once per Observation of it used); bindings that differ only by
/// which copies they use are one binding.
/// </summary>
internal sealed class Binding : IEquatable<Binding>
{
    private readonly int _hash;

    public Binding(int[] members, StixTimestamp maxFirst, StixTimestamp minLast)
    {
        Members = members;
        MaxFirst = maxFirst;
        MinLast = minLast;
        var hash = new HashCode();
        foreach (var member in members)
        {
            hash.Add(member);
        }

        _hash = hash.ToHashCode();
    }

    public int[] Members { get; }

    public StixTimestamp MaxFirst { get; }

    public StixTimestamp MinLast { get; }

    public Binding Union(Binding other)
    {
        var merged = new int[Members.Length + other.Members.Length];
        Members.CopyTo(merged, 0);
        other.Members.CopyTo(merged, Members.Length);
        Array.Sort(merged);
        return new Binding(merged, Max(MaxFirst, other.MaxFirst), Min(MinLast, other.MinLast));
    }

    public bool Equals(Binding? other) => other is not null && Members.AsSpan().SequenceEqual(other.Members);

    public override bool Equals(object? obj) => Equals(obj as Binding);

    public override int GetHashCode() => _hash;

    private static StixTimestamp Max(StixTimestamp a, StixTimestamp b) => a >= b ? a : b;

    private static StixTimestamp Min(StixTimestamp a, StixTimestamp b) => a <= b ? a : b;
}
