using CyDef.Storage.Identities;

namespace CyDef.Server.Identities;

/// <summary>The outcome of an edit of the directory: the record made or changed, or why nothing changed.</summary>
/// <typeparam name="T">The record.</typeparam>
/// <param name="Value">The record, when done.</param>
/// <param name="Problems">Bad values, field by field (nothing changed).</param>
/// <param name="Outcome">Done, or a conflict or a missing record (nothing changed).</param>
/// <param name="Field">The field a conflict or a missing record is about.</param>
/// <param name="Detail">What the conflict or the missing record is.</param>
public sealed record DirectoryEdit<T>(T? Value, DirectoryProblems Problems, DirectoryWrite Outcome, string? Field = null, string? Detail = null)
    where T : class
{
    /// <summary>Whether the edit was made.</summary>
    public bool Done => Problems.IsEmpty && Outcome == DirectoryWrite.Done && Value is not null;

    /// <summary>An edit refused for bad values.</summary>
    /// <param name="problems">The problems.</param>
    public static DirectoryEdit<T> Invalid(DirectoryProblems problems) => new(null, problems, DirectoryWrite.Done);

    /// <summary>An edit refused by the directory.</summary>
    /// <param name="outcome">Conflict or not found.</param>
    /// <param name="field">The field it is about.</param>
    /// <param name="detail">What is wrong.</param>
    public static DirectoryEdit<T> Refused(DirectoryWrite outcome, string field, string detail) => new(null, new DirectoryProblems(), outcome, field, detail);

    /// <summary>An edit made.</summary>
    /// <param name="value">The record.</param>
    public static DirectoryEdit<T> Made(T value) => new(value, new DirectoryProblems(), DirectoryWrite.Done);

    /// <summary>The edit's failure in one line per problem, for the command line.</summary>
    public IEnumerable<string> Messages() => Problems.IsEmpty ? [Detail ?? Outcome.ToString()] : Problems.Lines();
}
