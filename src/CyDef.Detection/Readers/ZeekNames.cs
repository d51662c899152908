namespace CyDef.Detection.Readers;

/// <summary>What each Zeek log field (conn, dns, http, ssl, files, x509, smtp) carries; the same names in JSON and TSV.</summary>
internal static class ZeekNames
{
    public enum Kind : byte
    {
        Skip,
        Value,
        Answer,
        HttpHost,
        HttpUri,
        Timestamp,
        SourcePort,
        DestinationPort,
    }

    public readonly record struct Action(Kind Kind, EventField Field = default);

    private static Action V(EventField field) => new(Kind.Value, field);

    public static Action Lookup(ReadOnlySpan<byte> name) => name.Length switch
    {
        2 when name.SequenceEqual("ts"u8) => new(Kind.Timestamp),
        2 when name.SequenceEqual("to"u8) => V(EventField.Email),
        3 when name.SequenceEqual("md5"u8) => V(EventField.Md5),
        3 when name.SequenceEqual("uri"u8) => new(Kind.HttpUri),
        3 when name.SequenceEqual("ja3"u8) => V(EventField.Ja3),
        3 when name.SequenceEqual("ja4"u8) => V(EventField.Ja4),
        4 when name.SequenceEqual("host"u8) => new(Kind.HttpHost),
        4 when name.SequenceEqual("sha1"u8) => V(EventField.Sha1),
        4 when name.SequenceEqual("ja3s"u8) => V(EventField.Ja3s),
        4 when name.SequenceEqual("from"u8) => V(EventField.Email),
        5 when name.SequenceEqual("query"u8) => V(EventField.Domain),
        5 when name.SequenceEqual("proto"u8) => V(EventField.Protocol),
        6 when name.SequenceEqual("sha256"u8) => V(EventField.Sha256),
        6 when name.SequenceEqual("rcptto"u8) => V(EventField.Email),
        7 when name.SequenceEqual("answers"u8) => new(Kind.Answer),
        8 when name.SequenceEqual("filename"u8) => V(EventField.FileName),
        8 when name.SequenceEqual("mailfrom"u8) => V(EventField.Email),
        9 when name.SequenceEqual("id.orig_h"u8) => V(EventField.SourceIp),
        9 when name.SequenceEqual("id.resp_h"u8) => V(EventField.DestinationIp),
        9 when name.SequenceEqual("id.orig_p"u8) => new(Kind.SourcePort),
        9 when name.SequenceEqual("id.resp_p"u8) => new(Kind.DestinationPort),
        11 when name.SequenceEqual("server_name"u8) => V(EventField.Domain),
        11 when name.SequenceEqual("fingerprint"u8) => V(EventField.CertificateSha256),
        18 when name.SequenceEqual("certificate.serial"u8) => V(EventField.CertificateSerial),
        19 when name.SequenceEqual("certificate.subject"u8) => V(EventField.CertificateSubject),
        18 when name.SequenceEqual("certificate.issuer"u8) => V(EventField.CertificateIssuer),
        _ => default,
    };
}
