using CyDef.Stix.Json;

namespace CyDef.Storage.Internal;

/// <summary>The value properties of cyber-observable objects (STIX 2.1 §6) that the correlation index holds.</summary>
internal static class ObservableValues
{
    /// <summary>Adds the values of an SCO (by its <c>type</c>) to <paramref name="into"/>.</summary>
    public static void FromObservable(string type, StixValue sco, List<Observable> into)
    {
        switch (type)
        {
            case "file":
            case "artifact":
            case "x509-certificate":
                AddHashes(sco["hashes"], into);
                if (type == "file")
                {
                    Add(ObservableKind.FileName, sco["name"]?.AsString(), into);
                }

                break;
            case "autonomous-system":
                if (sco["number"] is { IsNumber: true } number)
                {
                    into.Add(new Observable(ObservableKind.AutonomousSystem, number.GetRawNumber()));
                }

                break;
            default:
                if (KindOf(type, "value") is { } kind)
                {
                    Add(kind, sco["value"]?.AsString(), into);
                }
                else if (OtherProperty(type) is { } property)
                {
                    Add(ObservableKind.Other, sco[property]?.AsString(), into);
                }

                break;
        }
    }

    /// <summary>The kind of value that <c>type:property</c> holds, or null when it is not indexed.</summary>
    public static ObservableKind? KindOf(string type, string property) => (type, property) switch
    {
        ("ipv4-addr", "value") => ObservableKind.Ipv4,
        ("ipv6-addr", "value") => ObservableKind.Ipv6,
        ("domain-name", "value") => ObservableKind.DomainName,
        ("url", "value") => ObservableKind.Url,
        ("email-addr", "value") => ObservableKind.EmailAddress,
        ("mac-addr", "value") => ObservableKind.MacAddress,
        ("file", "name") => ObservableKind.FileName,
        ("autonomous-system", "number") => ObservableKind.AutonomousSystem,
        _ when OtherProperty(type) == property => ObservableKind.Other,
        _ => null,
    };

    /// <summary>Adds a value in its normal form, unless it is null or empty.</summary>
    public static void Add(ObservableKind kind, string? value, List<Observable> into)
    {
        if (string.IsNullOrEmpty(value) || value.Length > 2048)
        {
            return;
        }

        into.Add(new Observable(kind, Normalise(kind, value)));
    }

    /// <summary>Lower case for the kinds that compare case-insensitively; the value unchanged otherwise.</summary>
    public static string Normalise(ObservableKind kind, string value) => kind switch
    {
        ObservableKind.Ipv6 or ObservableKind.DomainName or ObservableKind.Hash or ObservableKind.EmailAddress or ObservableKind.MacAddress => value.ToLowerInvariant(),
        _ => value,
    };

    private static string? OtherProperty(string type) => type switch
    {
        "mutex" => "name",
        "directory" => "path",
        "windows-registry-key" => "key",
        "user-account" => "account_login",
        "software" => "name",
        _ => null,
    };

    private static void AddHashes(StixValue? hashes, List<Observable> into)
    {
        if (hashes is not { IsObject: true })
        {
            return;
        }

        foreach (var hash in hashes.Properties)
        {
            Add(ObservableKind.Hash, hash.Value.AsString(), into);
        }
    }
}
