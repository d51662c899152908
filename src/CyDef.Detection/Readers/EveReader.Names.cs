namespace CyDef.Detection.Readers;

internal sealed partial class EveReader
{
    private enum Context : byte
    {
        Root,
        Dns,
        DnsQuery,
        DnsAnswer,
        DnsGrouped,
        Http,
        Tls,
        Ja3,
        Ja3s,
        FileInfo,
        Smtp,
        Email,
    }

    private enum ActionKind : byte
    {
        Skip,
        Value,
        Answer,
        HttpHost,
        HttpUri,
        Timestamp,
        SourcePort,
        DestinationPort,
        Enter,
    }

    /// <summary>
    /// What to do with a property's value: its kind, the field its strings are, the context an object is read in — one
    /// integer, built and returned whole (three separate bytes are written to the stack piecewise and read back as one
    /// word, which stalls the load on every property).
    /// </summary>
    private readonly struct Action(ActionKind kind, EventField field = default, Context context = default)
    {
        private readonly int _bits = (int)kind | ((int)field << 8) | ((int)context << 16);

        public ActionKind Kind => (ActionKind)(byte)_bits;

        public EventField Field => (EventField)(byte)(_bits >> 8);

        public Context Context => (Context)(byte)(_bits >> 16);
    }

    private static readonly Action Skip = new(ActionKind.Skip);

    private static Action Value(EventField field) => new(ActionKind.Value, field);

    private static Action Into(Context context) => new(ActionKind.Enter, default, context);

    /// <summary>What to do with a property's value: a switch on the name's length first, so most names cost one comparison.</summary>
    private static Action Lookup(Context context, ReadOnlySpan<byte> name) => context switch
    {
        Context.Root => Root(name),
        Context.Dns => Dns(name),
        Context.DnsQuery => name.SequenceEqual("rrname"u8) ? Value(EventField.Domain) : Skip,
        Context.DnsAnswer => name.SequenceEqual("rrname"u8) ? Value(EventField.Domain) : name.SequenceEqual("rdata"u8) ? new(ActionKind.Answer) : Skip,
        Context.DnsGrouped => name.SequenceEqual("A"u8) || name.SequenceEqual("AAAA"u8) ? Value(EventField.ResolvedIp)
            : name.SequenceEqual("CNAME"u8) ? Value(EventField.Domain) : Skip,
        Context.Http => name.SequenceEqual("hostname"u8) ? new(ActionKind.HttpHost) : name.SequenceEqual("url"u8) ? new(ActionKind.HttpUri) : Skip,
        Context.Tls => Tls(name),
        Context.Ja3 => name.SequenceEqual("hash"u8) ? Value(EventField.Ja3) : Skip,
        Context.Ja3s => name.SequenceEqual("hash"u8) ? Value(EventField.Ja3s) : Skip,
        Context.FileInfo => FileInfo(name),
        Context.Smtp => name.SequenceEqual("mail_from"u8) || name.SequenceEqual("rcpt_to"u8) ? Value(EventField.Email) : Skip,
        Context.Email => name.SequenceEqual("from"u8) || name.SequenceEqual("to"u8) || name.SequenceEqual("cc"u8) ? Value(EventField.Email) : Skip,
        _ => Skip,
    };

    private static Action Root(ReadOnlySpan<byte> name) => name.Length switch
    {
        3 when name.SequenceEqual("dns"u8) => Into(Context.Dns),
        3 when name.SequenceEqual("tls"u8) => Into(Context.Tls),
        4 when name.SequenceEqual("http"u8) => Into(Context.Http),
        4 when name.SequenceEqual("smtp"u8) => Into(Context.Smtp),
        5 when name.SequenceEqual("proto"u8) => Value(EventField.Protocol),
        5 when name.SequenceEqual("email"u8) => Into(Context.Email),
        5 when name.SequenceEqual("files"u8) => Into(Context.FileInfo),
        6 when name.SequenceEqual("src_ip"u8) => Value(EventField.SourceIp),
        7 when name.SequenceEqual("dest_ip"u8) => Value(EventField.DestinationIp),
        8 when name.SequenceEqual("src_port"u8) => new(ActionKind.SourcePort),
        8 when name.SequenceEqual("fileinfo"u8) => Into(Context.FileInfo),
        9 when name.SequenceEqual("timestamp"u8) => new(ActionKind.Timestamp),
        9 when name.SequenceEqual("dest_port"u8) => new(ActionKind.DestinationPort),
        _ => Skip,
    };

    private static Action Dns(ReadOnlySpan<byte> name) => name.Length switch
    {
        5 when name.SequenceEqual("query"u8) => Into(Context.DnsQuery),
        5 when name.SequenceEqual("rdata"u8) => new(ActionKind.Answer),
        6 when name.SequenceEqual("rrname"u8) => Value(EventField.Domain),
        7 when name.SequenceEqual("queries"u8) => Into(Context.DnsQuery),
        7 when name.SequenceEqual("answers"u8) => Into(Context.DnsAnswer),
        7 when name.SequenceEqual("grouped"u8) => Into(Context.DnsGrouped),
        9 when name.SequenceEqual("authority"u8) => Into(Context.DnsAnswer),
        _ => Skip,
    };

    private static Action Tls(ReadOnlySpan<byte> name) => name.Length switch
    {
        3 when name.SequenceEqual("sni"u8) => Value(EventField.Domain),
        3 when name.SequenceEqual("ja3"u8) => Into(Context.Ja3),
        4 when name.SequenceEqual("ja3s"u8) => Into(Context.Ja3s),
        3 when name.SequenceEqual("ja4"u8) => Value(EventField.Ja4),
        6 when name.SequenceEqual("serial"u8) => Value(EventField.CertificateSerial),
        7 when name.SequenceEqual("subject"u8) => Value(EventField.CertificateSubject),
        8 when name.SequenceEqual("issuerdn"u8) => Value(EventField.CertificateIssuer),
        11 when name.SequenceEqual("fingerprint"u8) => Value(EventField.CertificateSha1),
        _ => Skip,
    };

    private static Action FileInfo(ReadOnlySpan<byte> name) => name.Length switch
    {
        3 when name.SequenceEqual("md5"u8) => Value(EventField.Md5),
        4 when name.SequenceEqual("sha1"u8) => Value(EventField.Sha1),
        6 when name.SequenceEqual("sha256"u8) => Value(EventField.Sha256),
        8 when name.SequenceEqual("filename"u8) => Value(EventField.FileName),
        _ => Skip,
    };
}
