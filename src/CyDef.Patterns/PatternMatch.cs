namespace CyDef.Patterns;

/// <summary>A pattern that matched in a <see cref="PatternMatcherSession"/>, with the observed data that bound it.</summary>
/// <param name="Id">The pattern's identifier, as given to <see cref="PatternMatcher.Add"/>.</param>
/// <param name="Bound">The observed data of one binding (§9.5) that completes with the observation just pushed, which it includes.</param>
public sealed record PatternMatch(string Id, IReadOnlyList<Observation> Bound);
