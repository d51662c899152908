namespace CyDef.Taxii.Server;

/// <summary>The URL parameters an endpoint accepts (TAXII 2.1 §3.4 and the endpoint tables); any other is a 400.</summary>
[Flags]
internal enum TaxiiParameters
{
    None = 0,
    AddedAfter = 1,
    Limit = 2,
    Next = 4,
    MatchId = 8,
    MatchType = 16,
    MatchVersion = 32,
    MatchSpecVersion = 64,

    Paging = AddedAfter | Limit | Next,

    /// <summary>§5.3, §5.4: Get Objects and Get Object Manifests.</summary>
    Objects = Paging | MatchId | MatchType | MatchVersion | MatchSpecVersion,

    /// <summary>§5.6: Get an Object.</summary>
    Object = Paging | MatchVersion | MatchSpecVersion,

    /// <summary>§5.7: Delete an Object.</summary>
    Delete = MatchVersion | MatchSpecVersion,

    /// <summary>§5.8: Get Object Versions.</summary>
    Versions = Paging | MatchSpecVersion,
}
