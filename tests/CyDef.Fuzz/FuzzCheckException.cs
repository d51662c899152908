namespace CyDef.Fuzz;

/// <summary>
/// An invariant of the STIX library broke on a fuzz input (a round trip that changed the tree, a stream
/// that disagreed with the parser…). Thrown so that the fuzzing engine records the input as a crash.
/// </summary>
public sealed class FuzzCheckException : Exception
{
    public FuzzCheckException()
    {
    }

    public FuzzCheckException(string message)
        : base(message)
    {
    }

    public FuzzCheckException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
