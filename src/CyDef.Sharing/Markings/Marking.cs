namespace CyDef.Sharing.Markings;

/// <summary>A marking definition, as the policy reads it.</summary>
/// <param name="Id">The marking definition's id.</param>
public abstract record Marking(string Id);

/// <summary>A Traffic Light Protocol marking (TLP 1.0 built-in or TLP 2.0 through OASIS's extension).</summary>
/// <param name="Id">The marking definition's id.</param>
/// <param name="Level">The TLP level.</param>
public sealed record TlpMarking(string Id, TlpLevel Level) : Marking(Id);

/// <summary>A statement marking (copyright, terms of use): it limits no one's view.</summary>
/// <param name="Id">The marking definition's id.</param>
/// <param name="Statement">The statement.</param>
public sealed record StatementMarking(string Id, string Statement) : Marking(Id);

/// <summary>
/// CyDef's handling marking (see <see cref="CyDefMarkings"/>): a classification level, releasability, a
/// community scope, an exercise, a PAP level — each optional.
/// </summary>
/// <param name="Id">The marking definition's id.</param>
/// <param name="Classification">The EU level (a national level is mapped onto it).</param>
/// <param name="ReleasableTo">REL TO: the countries, organisations and communities it may be released to; null when not restricted.</param>
/// <param name="Community">The community the object is scoped to.</param>
/// <param name="Exercise">The exercise the object belongs to: it never leaves it.</param>
/// <param name="Pap">The PAP level.</param>
public sealed record HandlingMarking(
    string Id,
    ClassificationLevel Classification,
    Releasability? ReleasableTo = null,
    string? Community = null,
    string? Exercise = null,
    PapLevel? Pap = null) : Marking(Id);

/// <summary>To whom a marked object may be released (REL TO): a viewer that matches any entry may see it.</summary>
/// <param name="Countries">ISO 3166-1 alpha-2 codes of the nationalities.</param>
/// <param name="Organizations">Identity ids of organisations.</param>
/// <param name="Communities">Community ids.</param>
public sealed record Releasability(IReadOnlySet<string> Countries, IReadOnlySet<string> Organizations, IReadOnlySet<string> Communities);
