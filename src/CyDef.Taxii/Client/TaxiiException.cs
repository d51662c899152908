using CyDef.Taxii.Resources;

namespace CyDef.Taxii.Client;

/// <summary>A TAXII server answered with an error status.</summary>
public sealed class TaxiiException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="status">The HTTP status.</param>
    /// <param name="error">The error resource, when the body held one.</param>
    /// <param name="message">The message.</param>
    public TaxiiException(int status, TaxiiError? error, string message)
        : base(message)
    {
        Status = status;
        Error = error;
    }

    /// <summary>Creates an exception with a message only.</summary>
    public TaxiiException()
        : this(0, null, "TAXII request failed")
    {
    }

    /// <summary>Creates an exception with a message only.</summary>
    /// <param name="message">The message.</param>
    public TaxiiException(string message)
        : this(0, null, message)
    {
    }

    /// <summary>Creates an exception with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public TaxiiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The HTTP status.</summary>
    public int Status { get; }

    /// <summary>The error resource, when the body held one.</summary>
    public TaxiiError? Error { get; }
}
