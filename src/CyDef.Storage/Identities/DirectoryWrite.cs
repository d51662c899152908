namespace CyDef.Storage.Identities;

/// <summary>The outcome of a change to the directory.</summary>
public enum DirectoryWrite
{
    /// <summary>Done.</summary>
    Done,

    /// <summary>Nothing changed: the id or the name is taken, or the change is already made (a member added twice).</summary>
    Conflict,

    /// <summary>Nothing changed: the record, or one it refers to, does not exist.</summary>
    NotFound,
}
