using System.Text;
using CyDef.Stix.Json;

namespace CyDef.Storage.Internal;

/// <summary>Turns a validated STIX object into the rows the store writes: its JSON bytes, search words and correlation values.</summary>
internal sealed class ObjectPreparer
{
    private readonly StringBuilder _words = new(256);

    /// <summary>Prepares <paramref name="value"/>, which has string <c>type</c> and <c>id</c> (the validator saw to it).</summary>
    public PreparedObject Prepare(StixValue value, string path)
    {
        var type = value["type"]!.GetString();
        var prepared = new PreparedObject(
            path,
            value["id"]!.GetString(),
            type,
            value["modified"]?.AsString(),
            value["spec_version"]?.AsString() ?? "2.1",
            value["revoked"]?.Kind == StixValueKind.True,
            StixJsonWriter.ToUtf8Bytes(value));
        AddObservables(type, value, prepared.Observables);
        prepared.SearchText = Words(value, prepared.Observables);
        return prepared;
    }

    private static void AddObservables(string type, StixValue value, List<Observable> into)
    {
        switch (type)
        {
            case "indicator":
                if (value["pattern"]?.AsString() is { } pattern && value["pattern_type"]?.AsString() is null or "stix")
                {
                    PatternValues.FromPattern(pattern, into);
                }

                break;
            case "observed-data":
                AddObservedData(value, into);
                break;
            default:
                ObservableValues.FromObservable(type, value, into);
                break;
        }
    }

    // §4.13: observed-data holds its SCOs in object_refs (2.1) or embeds them in the deprecated objects dictionary.
    private static void AddObservedData(StixValue value, List<Observable> into)
    {
        if (value["object_refs"] is { IsArray: true } refs)
        {
            foreach (var reference in refs.Items)
            {
                ObservableValues.Add(ObservableKind.ObjectReference, reference.AsString(), into);
            }
        }

        if (value["objects"] is { IsObject: true } objects)
        {
            foreach (var embedded in objects.Properties)
            {
                if (embedded.Value["type"]?.AsString() is { } type)
                {
                    ObservableValues.FromObservable(type, embedded.Value, into);
                }
            }
        }
    }

    private string? Words(StixValue value, List<Observable> observables)
    {
        _words.Clear();
        AppendWords(value["name"]);
        AppendWords(value["description"]);
        foreach (var observable in observables)
        {
            // Hashes are found by value (the correlation index); as words they would only add a unique term each.
            if (observable.Kind is not (ObservableKind.ObjectReference or ObservableKind.Hash))
            {
                SearchText.AppendWords(_words, observable.Value);
            }
        }

        return _words.Length == 0 ? null : _words.ToString();
    }

    private void AppendWords(StixValue? text)
    {
        if (text?.AsString() is { } words)
        {
            SearchText.AppendWords(_words, words);
        }
    }
}
