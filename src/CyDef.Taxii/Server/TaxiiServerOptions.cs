namespace CyDef.Taxii.Server;

/// <summary>How the TAXII server answers (configuration section <c>CyDef:Taxii</c>).</summary>
public sealed class TaxiiServerOptions
{
    /// <summary>Discovery's <c>title</c>.</summary>
    public string Title { get; set; } = "CyDef TAXII 2.1 server";

    /// <summary>Discovery's <c>description</c>.</summary>
    public string? Description { get; set; } = "A CyDef node: STIX 2.1 cyber-defence intelligence shared under its owners' rules.";

    /// <summary>Discovery's <c>contact</c>.</summary>
    public string? Contact { get; set; }

    /// <summary>The page size when a request names no <c>limit</c>.</summary>
    public int DefaultPageSize { get; set; } = 1000;

    /// <summary>The largest page, whatever <c>limit</c> asks (at most <see cref="Storage.ObjectQuery.MaxLimit"/>).</summary>
    public int MaxPageSize { get; set; } = 1000;

    /// <summary>How long a POST waits for its objects to be stored before it answers with a pending status.</summary>
    public TimeSpan StatusWait { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How many store queries run at once; more requests wait (asynchronously) for a turn. Twice the processors by default.</summary>
    public int MaxConcurrentQueries { get; set; } = 2 * Environment.ProcessorCount;

    /// <summary>How many status resources are kept (the oldest are forgotten first).</summary>
    public int MaxStatuses { get; set; } = 10_000;
}
