using CyDef.Sharing;
using CyDef.Sharing.Markings;

namespace CyDef.Federation;

/// <summary>
/// A peer node (configuration <c>CyDef:Peers:N</c>): where it is, the key this node presents to it, whether this
/// node pulls from it or pushes to it, what this node takes from it, and — for push — who the peer is to the sharing
/// policy. For pull, what the peer sends is decided by the peer's policy for the key it gave this node.
/// </summary>
public sealed class PeerOptions
{
    /// <summary>The peer's name: unique among the peers, used in logs, status and the cursor's file name.</summary>
    public string Name { get; set; } = "";

    /// <summary>The peer's TAXII API Root (<c>http://host:port/cydef/</c>) or one of its collections (<c>…/collections/ID/</c>).</summary>
    public string Url { get; set; } = "";

    /// <summary>The collection's id or alias when <see cref="Url"/> names an API Root (default <c>default</c>).</summary>
    public string? Collection { get; set; }

    /// <summary>The API key this node presents to the peer (sent as <c>Authorization: Bearer</c>).</summary>
    public string ApiKey { get; set; } = "";

    /// <summary>Pull (default) or push.</summary>
    public PeerMode Mode { get; set; } = PeerMode.Pull;

    /// <summary>The identity id of the peer's organisation: the hop recorded in provenance, and the viewer's organisation for push.</summary>
    public string Organization { get; set; } = "";

    /// <summary>For push: the EU level the peer is accredited for.</summary>
    public string Clearance { get; set; } = "unclassified";

    /// <summary>For push: the peer's country (ISO 3166-1 alpha-2).</summary>
    public string? Nationality { get; set; }

    /// <summary>For push: the communities the peer belongs to.</summary>
    public IList<string> Communities { get; set; } = [];

    /// <summary>For push: the exercises the peer takes part in.</summary>
    public IList<string> Exercises { get; set; } = [];

    /// <summary>What this node takes from the peer.</summary>
    public TakeOptions Take { get; set; } = new();

    /// <summary>Whether to keep the peer's change-notice stream open (pull only); without it this node only polls.</summary>
    public bool Notices { get; set; } = true;

    /// <summary>
    /// Whether the change-notice stream carries the versions themselves when it can (pull only; default true): a
    /// version then arrives without a request, and this node pulls only to catch up.
    /// </summary>
    public bool Objects { get; set; } = true;

    /// <summary>Seconds between polls when no notice came (the fallback; and the check of the local feed for push).</summary>
    public double PollSeconds { get; set; } = 30;

    /// <summary>Objects per page (pull: the TAXII <c>limit</c>; push: objects per POST).</summary>
    public int PageSize { get; set; } = 1000;

    /// <summary>
    /// The peer's trust record (docs/signatures.md): the path of the JSON file its administrator exported
    /// (<c>cydef keys export-public</c>), or the JSON itself. Its keys verify what the peer signs.
    /// </summary>
    public string? TrustRecord { get; set; }

    /// <summary>
    /// Where the peer serves its trust record (<c>http://host:port/api/v1/node/trust-record</c>): fetched when this
    /// node starts and when the peer's content is signed by a key this node does not know, and followed through the
    /// peer's endorsements (<see cref="Follow"/>). Without <see cref="TrustRecord"/>, the first record fetched is taken on trust.
    /// </summary>
    public string? TrustRecordUrl { get; set; }

    /// <summary>Whether to follow the peer's key rotations in the record fetched from <see cref="TrustRecordUrl"/> (default true).</summary>
    public bool Follow { get; set; } = true;

    /// <summary>
    /// Whether the peer must sign what it sends: unsigned content from it is then refused. Default: true when a
    /// <see cref="TrustRecord"/> or <see cref="TrustRecordUrl"/> is configured.
    /// </summary>
    public bool? MustSign { get; set; }

    /// <summary>Whether the peer must sign what it sends (<see cref="MustSign"/> or its default).</summary>
    public bool SigningRequired => MustSign ?? (TrustRecord is not null || TrustRecordUrl is not null);

    /// <summary>Checks the options; returns the problem or null.</summary>
    public string? Problem()
    {
        if (Name.Length == 0 || Name.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')))
        {
            return $"peer name '{Name}' must be letters, digits, '-', '_' or '.'";
        }

        if (!Uri.TryCreate(Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            return $"peer '{Name}': Url '{Url}' is not an http or https URL";
        }

        if (Organization.Length == 0)
        {
            return $"peer '{Name}': Organization (the identity id of the peer's organisation) is required";
        }

        if (!Classifications.TryParseEu(Clearance, out _))
        {
            return $"peer '{Name}': clearance '{Clearance}' is not one of unclassified, restricted, confidential, secret, top-secret";
        }

        if (TrustRecordUrl is not null && !(Uri.TryCreate(TrustRecordUrl, UriKind.Absolute, out var recordUrl) && recordUrl.Scheme is "http" or "https"))
        {
            return $"peer '{Name}': TrustRecordUrl '{TrustRecordUrl}' is not an http or https URL";
        }

        return PageSize is < 1 or > 10_000 ? $"peer '{Name}': PageSize must be 1 to 10000" : PollSeconds <= 0 ? $"peer '{Name}': PollSeconds must be positive" : null;
    }

    /// <summary>The peer as the sharing policy sees it (what it may be pushed).</summary>
    public Viewer Viewer()
    {
        Classifications.TryParseEu(Clearance, out var clearance);
        return new Viewer(ViewerKind.Peer, Organization, clearance, Nationality, new HashSet<string>(Communities, StringComparer.Ordinal), new HashSet<string>(Exercises, StringComparer.Ordinal));
    }

    /// <summary>The API Root's URL and the collection, from <see cref="Url"/> and <see cref="Collection"/>.</summary>
    public (Uri ApiRoot, string Collection) Target()
    {
        var url = new Uri(Url.EndsWith('/') ? Url : Url + "/");
        var path = url.AbsolutePath;
        var at = path.IndexOf("/collections/", StringComparison.Ordinal);
        if (at < 0)
        {
            return (url, Collection ?? "default");
        }

        var collection = path[(at + "/collections/".Length)..].Trim('/');
        return (new Uri(url, path[..(at + 1)]), collection.Length > 0 ? Uri.UnescapeDataString(collection) : Collection ?? "default");
    }

    /// <summary>Where this node tells a push peer of the versions it deleted (<see cref="FederationPaths.Deletions"/>).</summary>
    public Uri DeletionsUrl()
    {
        var (apiRoot, _) = Target();
        return new Uri(new Uri(apiRoot.GetLeftPart(UriPartial.Authority)), FederationPaths.Deletions);
    }

    /// <summary>The peer's change-notice stream.</summary>
    /// <param name="withObjects">Ask for the versions themselves (the API Root's name and the collection in the query).</param>
    /// <param name="deletionsAfter">Ask to be told first of the deletions after this position of the peer's deletion log.</param>
    public Uri NoticeUrl(bool withObjects = false, long? deletionsAfter = null)
    {
        var (apiRoot, collection) = Target();
        var url = new Uri(new Uri(apiRoot.GetLeftPart(UriPartial.Authority)), FederationPaths.ChangeStream);
        var deletions = deletionsAfter is { } after ? $"deletions_after={after}" : null;
        if (!withObjects)
        {
            return deletions is null ? url : new Uri($"{url}?{deletions}");
        }

        var root = apiRoot.AbsolutePath.Trim('/');
        root = root[(root.LastIndexOf('/') + 1)..];
        return new Uri($"{url}?api_root={Uri.EscapeDataString(root)}&collection={Uri.EscapeDataString(collection)}" + (deletions is null ? "" : "&" + deletions));
    }
}
