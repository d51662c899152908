namespace CyDef.Server.Identities;

/// <summary>What is wrong with a request to the directory, field by field (RFC 9457 <c>errors</c>).</summary>
public sealed class DirectoryProblems
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    /// <summary>Whether nothing is wrong.</summary>
    public bool IsEmpty => _errors.Count == 0;

    /// <summary>Notes a problem.</summary>
    /// <param name="field">The field, as the request names it (<c>roles[1]</c>).</param>
    /// <param name="message">What is wrong.</param>
    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var messages))
        {
            _errors[field] = messages = [];
        }

        messages.Add(message);
    }

    /// <summary>The problems by field.</summary>
    public IDictionary<string, string[]> ToDictionary() => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);

    /// <summary>The problems as lines (<c>field: message</c>), for the command line.</summary>
    public IEnumerable<string> Lines() => _errors.SelectMany(e => e.Value.Select(m => $"{e.Key}: {m}"));
}
