using System.Buffers.Binary;
using System.Net;
using System.Text;

namespace CyDef.Detection.Tests.Sensors;

/// <summary>
/// Writes a classic pcap file (LINKTYPE_ETHERNET) of crafted IPv4 packets: UDP datagrams and whole TCP sessions
/// (handshake, data each way with correct sequence numbers, close), so that Suricata reassembles and parses them.
/// </summary>
internal sealed class PcapWriter : IDisposable
{
    private readonly BinaryWriter _out;
    private DateTime _time;

    public PcapWriter(string path, DateTime start)
    {
        _out = new BinaryWriter(File.Create(path));
        _time = start;
        _out.Write(0xa1b2c3d4u);
        _out.Write((ushort)2);
        _out.Write((ushort)4);
        _out.Write(0);
        _out.Write(0u);
        _out.Write(65535u);
        _out.Write(1u);
    }

    public void Udp(string src, int srcPort, string dst, int dstPort, byte[] payload)
    {
        var udp = new byte[8 + payload.Length];
        BinaryPrimitives.WriteUInt16BigEndian(udp, (ushort)srcPort);
        BinaryPrimitives.WriteUInt16BigEndian(udp.AsSpan(2), (ushort)dstPort);
        BinaryPrimitives.WriteUInt16BigEndian(udp.AsSpan(4), (ushort)udp.Length);
        payload.CopyTo(udp, 8);
        Ip(src, dst, 17, udp);
    }

    /// <summary>A TCP session: handshake, the client's data, the server's reply (if any), FIN both ways.</summary>
    public void TcpSession(string client, int clientPort, string server, int serverPort, byte[] request, byte[]? reply = null, byte[]? after = null)
    {
        uint c = 1000, s = 5000;
        Tcp(client, clientPort, server, serverPort, c, 0, 0x02, []);
        Tcp(server, serverPort, client, clientPort, s, c + 1, 0x12, []);
        c++;
        s++;
        Tcp(client, clientPort, server, serverPort, c, s, 0x10, []);
        if (request.Length > 0)
        {
            Tcp(client, clientPort, server, serverPort, c, s, 0x18, request);
            c += (uint)request.Length;
            Tcp(server, serverPort, client, clientPort, s, c, 0x10, []);
        }

        if (reply is { Length: > 0 })
        {
            Tcp(server, serverPort, client, clientPort, s, c, 0x18, reply);
            s += (uint)reply.Length;
            Tcp(client, clientPort, server, serverPort, c, s, 0x10, []);
        }

        if (after is { Length: > 0 })
        {
            Tcp(client, clientPort, server, serverPort, c, s, 0x18, after);
            c += (uint)after.Length;
            Tcp(server, serverPort, client, clientPort, s, c, 0x10, []);
        }

        Tcp(client, clientPort, server, serverPort, c, s, 0x11, []);
        Tcp(server, serverPort, client, clientPort, s, c + 1, 0x11, []);
        Tcp(client, clientPort, server, serverPort, c + 1, s + 1, 0x10, []);
    }

    private void Tcp(string src, int srcPort, string dst, int dstPort, uint seq, uint ack, byte flags, byte[] payload)
    {
        var tcp = new byte[20 + payload.Length];
        BinaryPrimitives.WriteUInt16BigEndian(tcp, (ushort)srcPort);
        BinaryPrimitives.WriteUInt16BigEndian(tcp.AsSpan(2), (ushort)dstPort);
        BinaryPrimitives.WriteUInt32BigEndian(tcp.AsSpan(4), seq);
        BinaryPrimitives.WriteUInt32BigEndian(tcp.AsSpan(8), ack);
        tcp[12] = 5 << 4;
        tcp[13] = flags;
        BinaryPrimitives.WriteUInt16BigEndian(tcp.AsSpan(14), 65535);
        payload.CopyTo(tcp, 20);
        var pseudo = new byte[12 + tcp.Length];
        IPAddress.Parse(src).GetAddressBytes().CopyTo(pseudo, 0);
        IPAddress.Parse(dst).GetAddressBytes().CopyTo(pseudo, 4);
        pseudo[9] = 6;
        BinaryPrimitives.WriteUInt16BigEndian(pseudo.AsSpan(10), (ushort)tcp.Length);
        tcp.CopyTo(pseudo, 12);
        BinaryPrimitives.WriteUInt16BigEndian(tcp.AsSpan(16), Checksum(pseudo));
        Ip(src, dst, 6, tcp);
    }

    private void Ip(string src, string dst, byte protocol, byte[] body)
    {
        var ip = new byte[20 + body.Length];
        ip[0] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(ip.AsSpan(2), (ushort)ip.Length);
        ip[8] = 64;
        ip[9] = protocol;
        IPAddress.Parse(src).GetAddressBytes().CopyTo(ip, 12);
        IPAddress.Parse(dst).GetAddressBytes().CopyTo(ip, 16);
        BinaryPrimitives.WriteUInt16BigEndian(ip.AsSpan(10), Checksum(ip.AsSpan(0, 20)));
        body.CopyTo(ip, 20);
        var frame = new byte[14 + ip.Length];
        frame[0] = 0x02;
        frame[6] = 0x02;
        frame[11] = 1;
        frame[12] = 0x08;
        ip.CopyTo(frame, 14);
        Packet(frame);
    }

    private void Packet(byte[] frame)
    {
        _time = _time.AddMilliseconds(1);
        var unix = _time - DateTime.UnixEpoch;
        _out.Write((uint)unix.TotalSeconds);
        _out.Write((uint)(unix.Ticks % TimeSpan.TicksPerSecond / 10));
        _out.Write((uint)frame.Length);
        _out.Write((uint)frame.Length);
        _out.Write(frame);
    }

    private static ushort Checksum(ReadOnlySpan<byte> data)
    {
        uint sum = 0;
        for (var i = 0; i + 1 < data.Length; i += 2)
        {
            sum += BinaryPrimitives.ReadUInt16BigEndian(data[i..]);
        }

        if (data.Length % 2 == 1)
        {
            sum += (uint)data[^1] << 8;
        }

        while (sum >> 16 != 0)
        {
            sum = (sum & 0xffff) + (sum >> 16);
        }

        return (ushort)~sum;
    }

    public void Dispose() => _out.Dispose();

    /// <summary>A DNS query for an A record.</summary>
    public static byte[] DnsQuery(ushort id, string name)
    {
        var body = new List<byte> { (byte)(id >> 8), (byte)id, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0 };
        foreach (var label in name.Split('.'))
        {
            body.Add((byte)label.Length);
            body.AddRange(Encoding.ASCII.GetBytes(label));
        }

        body.AddRange([0, 0, 1, 0, 1]);
        return [.. body];
    }

    /// <summary>A TLS 1.2 ClientHello with a server_name extension.</summary>
    public static byte[] ClientHello(string serverName)
    {
        var name = Encoding.ASCII.GetBytes(serverName);
        var sni = new List<byte> { 0x00, 0x00 };
        sni.AddRange(Be16(name.Length + 5));
        sni.AddRange(Be16(name.Length + 3));
        sni.Add(0);
        sni.AddRange(Be16(name.Length));
        sni.AddRange(name);
        var hello = new List<byte> { 0x03, 0x03 };
        hello.AddRange(Enumerable.Range(0, 32).Select(i => (byte)i));
        hello.Add(0);
        hello.AddRange(Be16(4));
        hello.AddRange([0xc0, 0x2f, 0x00, 0x9c]);
        hello.AddRange([1, 0]);
        hello.AddRange(Be16(sni.Count));
        hello.AddRange(sni);
        var handshake = new List<byte> { 1, 0 };
        handshake.AddRange(Be16(hello.Count));
        handshake.AddRange(hello);
        var record = new List<byte> { 0x16, 0x03, 0x01 };
        record.AddRange(Be16(handshake.Count));
        record.AddRange(handshake);
        return [.. record];
    }

    /// <summary>ServerHello, ServerHelloDone, ChangeCipherSpec and an encrypted Finished: the server's half of a handshake.</summary>
    public static byte[] ServerHandshake()
    {
        var hello = new List<byte> { 0x03, 0x03 };
        hello.AddRange(Enumerable.Range(100, 32).Select(i => (byte)i));
        hello.AddRange([0, 0xc0, 0x2f, 0, 0, 0]);
        var handshake = new List<byte> { 2, 0 };
        handshake.AddRange(Be16(hello.Count));
        handshake.AddRange(hello);
        handshake.AddRange(Certificate());
        handshake.AddRange([14, 0, 0, 0]);
        var records = new List<byte> { 0x16, 0x03, 0x03 };
        records.AddRange(Be16(handshake.Count));
        records.AddRange(handshake);
        records.AddRange(ChangeCipherAndFinished());
        return [.. records];
    }

    /// <summary>A Certificate handshake message with one self-signed certificate (CN=c2.example).</summary>
    private static byte[] Certificate()
    {
        using var key = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=c2.example", key, System.Security.Cryptography.HashAlgorithmName.SHA256);
        using var certificate = request.CreateSelfSigned(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var der = certificate.RawData;
        var message = new List<byte> { 11 };
        message.AddRange(Be24(der.Length + 6));
        message.AddRange(Be24(der.Length + 3));
        message.AddRange(Be24(der.Length));
        message.AddRange(der);
        return [.. message];
    }

    private static byte[] Be24(int value) => [(byte)(value >> 16), (byte)(value >> 8), (byte)value];

    /// <summary>ChangeCipherSpec and an encrypted Finished record.</summary>
    public static byte[] ChangeCipherAndFinished() =>
        [0x14, 0x03, 0x03, 0x00, 0x01, 0x01, 0x16, 0x03, 0x03, 0x00, 0x28, .. Enumerable.Range(0, 40).Select(i => (byte)(i * 7))];

    private static byte[] Be16(int value) => [(byte)(value >> 8), (byte)value];
}
