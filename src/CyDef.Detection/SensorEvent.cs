using System.Text;

namespace CyDef.Detection;

/// <summary>
/// One sensor record as the readers leave it: its time and the values it names, each a slice of one reused buffer
/// (no allocation per event). Values are normalised as they are added: domain names and hex digests in lower case
/// without a trailing dot, certificate fingerprints without colons, e-mail addresses without angle brackets.
/// A reader fills it, the matcher reads it, the next record resets it.
/// </summary>
public sealed class SensorEvent
{
    /// <summary>At most this many values per event; more are dropped (counted in <see cref="Dropped"/>).</summary>
    public const int MaxValues = 128;

    /// <summary>At most this many bytes of values per event.</summary>
    public const int MaxBytes = 64 * 1024;

    private readonly EventField[] _fields = new EventField[MaxValues];
    private readonly int[] _starts = new int[MaxValues];
    private readonly int[] _lengths = new int[MaxValues];
    private readonly byte[] _paths = new byte[MaxValues * 2]; // two per value: the STIX paths it stands on (Index.KnownPaths)
    private int _types; // bit Index.KnownPaths.Types index: the event holds an SCO of that type
    private bool _hasDomain, _hasTraffic;
    private int _conditional; // resolved addresses and protocols: their paths depend on the rest of the event
    private byte[] _data = new byte[4096];
    private int _used;
    private int _uriStart = -1, _uriLength, _hostIndex = -1;
    private int _ends; // bit (int)field: the event holds its source or destination address

    /// <summary>When the sensor saw it: UTC ticks.</summary>
    public long Ticks { get; set; }

    /// <summary>The source port, or -1.</summary>
    public int SourcePort { get; set; } = -1;

    /// <summary>The destination port, or -1.</summary>
    public int DestinationPort { get; set; } = -1;

    /// <summary>
    /// Whether every value is known to be ASCII: the reader found the whole line so, and values are its bytes (joined
    /// with ASCII, as a URL's scheme). False when that is not known, not that it is false.
    /// </summary>
    internal bool KnownAscii { get; set; }

    /// <summary>How many values the event holds.</summary>
    public int Count { get; private set; }

    /// <summary>Values left out because the event held <see cref="MaxValues"/> or <see cref="MaxBytes"/>.</summary>
    public int Dropped { get; private set; }

    /// <summary>What value <paramref name="index"/> is.</summary>
    /// <param name="index">From 0 to <see cref="Count"/> - 1.</param>
    public EventField FieldAt(int index) => _fields[index];

    /// <summary>Value <paramref name="index"/>, UTF-8.</summary>
    /// <param name="index">From 0 to <see cref="Count"/> - 1.</param>
    public ReadOnlySpan<byte> ValueAt(int index) => _data.AsSpan(_starts[index], _lengths[index]);

    /// <summary>The SCO types the event's Observation holds: bit <c>i</c> for <see cref="Index.KnownPaths.Types"/>[i].</summary>
    internal int ScoTypes => _types;

    /// <summary>Whether the event holds a source or destination address (then it has network traffic, with its protocols).</summary>
    internal bool HasTraffic => _hasTraffic;

    /// <summary>
    /// The STIX object paths each value stands on, two bytes per value (<see cref="Index.ExactProbe.None"/> where it
    /// stands on fewer), for the event as it holds now: a resolved address stands on its domain's
    /// <c>resolves_to_refs</c> only when the event has a domain, a protocol only when the event has network traffic.
    /// </summary>
    internal ReadOnlySpan<byte> Paths()
    {
        if (_conditional > 0)
        {
            for (var i = 0; i < Count; i++)
            {
                var field = _fields[i];
                if (field == EventField.ResolvedIp)
                {
                    _paths[(2 * i) + 1] = _hasDomain ? Index.KnownPaths.ResolvesTo : Index.ExactProbe.None;
                }
                else if (field == EventField.Protocol)
                {
                    _paths[2 * i] = _hasTraffic ? Index.KnownPaths.Protocols : Index.ExactProbe.None;
                }
            }
        }

        return _paths.AsSpan(0, 2 * Count);
    }

    /// <summary>Value <paramref name="index"/> as a string (allocates: for hits and tests).</summary>
    /// <param name="index">From 0 to <see cref="Count"/> - 1.</param>
    public string StringAt(int index) => Encoding.UTF8.GetString(ValueAt(index));

    /// <summary>Empties the event for the next record.</summary>
    public void Reset()
    {
        Count = 0;
        Dropped = 0;
        _used = 0;
        Ticks = 0;
        KnownAscii = false;
        SourcePort = DestinationPort = -1;
        _uriStart = -1;
        _hostIndex = -1;
        _ends = 0;
        _types = 0;
        _hasDomain = _hasTraffic = false;
        _conditional = 0;
    }

    /// <summary>Adds a value, normalised for its field.</summary>
    /// <param name="field">What it is.</param>
    /// <param name="value">UTF-8 bytes.</param>
    public void Add(EventField field, ReadOnlySpan<byte> value)
    {
        // A value from outside the reader's line: whether the event is all ASCII is no longer known.
        KnownAscii = false;
        TryAdd(field, value);
    }

    /// <summary>Adds a value, normalised for its field; false when the event had no room or the value normalised to nothing.</summary>
    internal bool TryAdd(EventField field, ReadOnlySpan<byte> value)
    {
        var before = Count;
        if (!TryReserve(value.Length, out var target))
        {
            return false;
        }

        value.CopyTo(target);
        Commit(field, value.Length);
        return Count > before;
    }

    /// <summary>Room for a value of at most <paramref name="length"/> bytes, or null when the event is full.</summary>
    internal bool TryReserve(int length, out Span<byte> room)
    {
        if (Count == MaxValues || _used + length > MaxBytes)
        {
            Dropped++;
            room = default;
            return false;
        }

        if (_used + length > _data.Length)
        {
            Array.Resize(ref _data, Math.Max(_data.Length * 2, _used + length));
        }

        room = _data.AsSpan(_used, length);
        return true;
    }

    /// <summary>Keeps the first <paramref name="length"/> bytes written into the last <see cref="TryReserve"/>d room as a value.</summary>
    internal void Commit(EventField field, int length)
    {
        // One source and one destination per record (the Observation's network-traffic has one of each).
        var address = field is EventField.SourceIp or EventField.DestinationIp or EventField.ResolvedIp;
        if (field is EventField.SourceIp or EventField.DestinationIp && (_ends & (1 << (int)field)) != 0)
        {
            return;
        }

        var (start, normalized) = ValueNormalizer.Normalize(field, _data.AsSpan(_used, length));
        if (normalized == 0)
        {
            return;
        }

        _fields[Count] = field;
        _starts[Count] = _used + start;
        _lengths[Count] = normalized;
        var colon = address && _data.AsSpan(_used + start, normalized).Contains((byte)':'); // IPv6: decides the SCO type and paths
        if (field is EventField.SourceIp or EventField.DestinationIp)
        {
            _ends |= 1 << (int)field;
            _hasTraffic = true;
        }

        // The paths and SCO type of the value, found once here rather than by each stage of matching.
        var type = Index.KnownPaths.TypeOf(field, colon);
        _types |= type >= 0 ? 1 << type : 0;
        _hasDomain |= field == EventField.Domain;
        _conditional += field is EventField.ResolvedIp or EventField.Protocol ? 1 : 0;
        var pair = _paths.AsSpan(2 * Count, 2);
        var paths = Index.KnownPaths.Of(field, colon, hasDomain: true, pair);
        pair[1] = paths < 2 ? Index.ExactProbe.None : pair[1];

        Count++;
        _used += start + normalized;
    }

    /// <summary>Marks the last value added as an HTTP host, which <see cref="Complete"/> joins with the URI into a URL.</summary>
    internal void MarkHttpHost() => _hostIndex = Count - 1;

    /// <summary>Keeps an HTTP request URI (path and query, or an absolute URL) for <see cref="Complete"/>.</summary>
    internal void SetHttpUri(ReadOnlySpan<byte> uri)
    {
        if (!TryReserve(uri.Length, out var target))
        {
            return;
        }

        uri.CopyTo(target);
        _uriStart = _used;
        _uriLength = uri.Length;
        _used += uri.Length;
    }

    /// <summary>Finishes the record: joins an HTTP host and URI into a URL (<c>http://host/path</c>).</summary>
    public void Complete()
    {
        if (_uriStart < 0)
        {
            return;
        }

        var uri = _data.AsSpan(_uriStart, _uriLength);
        if (uri.IndexOf("://"u8) > 0)
        {
            TryAdd(EventField.Url, uri); // the line's own bytes, kept above
            return;
        }

        if (_hostIndex < 0 || uri.IsEmpty || uri[0] != (byte)'/')
        {
            return;
        }

        var host = ValueAt(_hostIndex);
        var length = 7 + host.Length + uri.Length;
        if (!TryReserve(length, out var target))
        {
            return;
        }

        "http://"u8.CopyTo(target);
        host.CopyTo(target[7..]);
        _data.AsSpan(_uriStart, _uriLength).CopyTo(target[(7 + host.Length)..]);
        Commit(EventField.Url, length);
    }
}
