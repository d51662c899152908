using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;
using CyDef.Detection;
using CyDef.Detection.Sightings;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CyDef.Server.Detection;

/// <summary>
/// Follows the sensor log files of <c>CyDef:Detection:Files</c> as their sensors write them: every complete line is
/// matched like a posted one and its hits counted into the sensor's sightings. Where it stands in each file is kept in
/// <c>{data}/detection/files/</c>, written only once the sightings of what was read are in the store, so a restarted
/// node goes on where it stood (after a crash, at most the lines read since the last save are counted again; none is
/// lost). While the store cannot take the sightings, the saved position stays where it was and the save is tried
/// again at each look at the file. A file rotated by its sensor (renamed away and created anew) is read to its end
/// before the new one is taken from its start; a file truncated or replaced is taken from its start. A file that does
/// not exist yet is waited for.
/// </summary>
public sealed partial class SensorFileFollower(DetectionOptions options, string dataFolder, IndicatorFollower follower, SightingSink sink,
    SensorIdentities identities, ILogger<SensorFileFollower> logger) : BackgroundService
{
    /// <summary>How often a file that has reached its end is looked at again.</summary>
    public static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);

    // The bytes that tell one file from the next one at the same path.
    private const int FingerprintBytes = 1024;
    private const int ChunkBytes = 1 << 20;

    // Chunks read between two saves of the position while a file is read from far behind its end.
    private const int ChunksPerSave = 64;

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Files.Count == 0)
        {
            return;
        }

        try
        {
            await follower.WaitForAsync(0, stoppingToken).ConfigureAwait(false);
            await Task.WhenAll(options.Files.Select(f => FollowAsync(f, stoppingToken))).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Where a file's position is kept.</summary>
    /// <param name="dataFolder">The node's data folder.</param>
    /// <param name="file">The file.</param>
    public static string StatePath(string dataFolder, SensorFileOptions file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var key = Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(Path.GetFullPath(file.Path))))[..16];
        return Path.Combine(dataFolder, "detection", "files", $"{file.Sensor}-{key}.json");
    }

    private async Task FollowAsync(SensorFileOptions file, CancellationToken stoppingToken)
    {
        var format = Enum.Parse<SensorFormat>(file.Format, ignoreCase: true);
        await identities.EnsureAsync(file.Sensor, stoppingToken).ConfigureAwait(false);
        var statePath = StatePath(dataFolder, file);
        var place = new Place(Load(statePath));
        var reading = new Reading(file, format, follower.Index, sink);
        FileStream? stream = null;
        var waiting = false;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    if (stream is not null)
                    {
                        // Read the open file to its end (the lines of a rotated file written after its rename included).
                        await ReadToEndAsync(stream, reading, place, statePath, stoppingToken).ConfigureAwait(false);
                    }

                    // Then see whether the path now names another file (rotated, replaced) or a shorter one (truncated).
                    var next = Open(file.Path);
                    if (next is null)
                    {
                        if (!waiting && stream is null)
                        {
                            LogWaiting(logger, file.Sensor, file.Path);
                            waiting = true;
                        }
                    }
                    else if (stream is null || !SameFile(stream, next))
                    {
                        if (stream is not null)
                        {
                            // The sensor renames its file, writes its last lines into it, then creates the new one:
                            // now that the new one is there, what the old one got since the read above is read too.
                            await ReadToEndAsync(stream, reading, place, statePath, stoppingToken).ConfigureAwait(false);
                        }

                        var read = place.Read;
                        var resumed = stream is null && Fingerprint(next, read.FingerprintLength) is { } print && print == read.Fingerprint && next.Length >= read.Offset;
                        if (stream is not null || !resumed)
                        {
                            place.Read = FileState.Start;
                            reading.Restart();
                        }

                        stream?.Dispose();
                        stream = next;
                        next = null;
                        waiting = false;
                        if (resumed && place.Read.Offset > 0 && format == SensorFormat.Zeek)
                        {
                            await reading.ReadHeaderAsync(stream, stoppingToken).ConfigureAwait(false);
                        }

                        LogFollowing(logger, file.Sensor, file.Path, place.Read.Offset);
                        continue;
                    }
                    else if (next.Length < place.Read.Offset)
                    {
                        LogTruncated(logger, file.Sensor, file.Path);
                        place.Read = FileState.Start;
                        reading.Restart();
                    }

                    next?.Dispose();
                }
                catch (IOException e)
                {
                    LogUnreadable(logger, file.Sensor, file.Path, e.Message);
                }
                catch (UnauthorizedAccessException e)
                {
                    LogUnreadable(logger, file.Sensor, file.Path, e.Message);
                }

                await Task.Delay(Poll, stoppingToken).ConfigureAwait(false);
            }
        }
        finally
        {
            stream?.Dispose();
        }
    }

    // Reads whole lines from where the reading stands to the end of what is written, then saves the new position once
    // the sightings of those lines are in the store. A stop ends the reading between chunks, never inside one, and the
    // position of what was read is saved still. A position read but not saved (the store failed) is saved next time.
    private async Task ReadToEndAsync(FileStream stream, Reading reading, Place place, string statePath, CancellationToken stoppingToken)
    {
        var chunks = 0;
        while (stream.Length > place.Read.Offset && !stoppingToken.IsCancellationRequested)
        {
            stream.Position = place.Read.Offset;
            var consumed = await reading.ReadLinesAsync(stream, stream.Length - place.Read.Offset, CancellationToken.None).ConfigureAwait(false);
            if (consumed == 0)
            {
                break; // a line still being written
            }

            place.Read = place.Read with { Offset = place.Read.Offset + consumed };
            if (++chunks % ChunksPerSave == 0)
            {
                await SaveAsync(stream, place, statePath).ConfigureAwait(false);
            }
        }

        if (place.Read != place.Saved)
        {
            await SaveAsync(stream, place, statePath).ConfigureAwait(false);
        }
    }

    private async Task SaveAsync(FileStream stream, Place place, string statePath)
    {
        var read = place.Read;
        var printLength = (int)Math.Min(FingerprintBytes, read.Offset);
        if (printLength != read.FingerprintLength)
        {
            place.Read = read = read with { Fingerprint = Fingerprint(stream, printLength) ?? "", FingerprintLength = printLength };
        }

        // The lines' sightings go into the store before their position is saved, even when the node is stopping (a
        // stop that cancelled this wait left the position unsaved, and the restarted node counted the lines again).
        // A position whose sightings are not all stored is not saved: after a crash its lines are read again.
        if (read == place.Saved || !(await sink.FlushAsync(CancellationToken.None).ConfigureAwait(false)).Complete)
        {
            return;
        }

        Save(statePath, read);
        place.Saved = read;
    }

    private static FileStream? Open(string path)
    {
        try
        {
            return new FileStream(path, new FileStreamOptions
            {
                Mode = FileMode.Open, Access = FileAccess.Read, Share = FileShare.ReadWrite | FileShare.Delete, BufferSize = 0,
            });
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }
    }

    // The same file when the first bytes the open one had agree (a new file at the path starts otherwise).
    private static bool SameFile(FileStream open, FileStream atPath)
    {
        var length = (int)Math.Min(FingerprintBytes, open.Length);
        return atPath.Length >= length && Fingerprint(open, length) == Fingerprint(atPath, length);
    }

    private static string? Fingerprint(FileStream stream, int length)
    {
        if (stream.Length < length)
        {
            return null;
        }

        var bytes = new byte[length];
        RandomAccess.Read(stream.SafeFileHandle, bytes, 0);
        return Convert.ToHexStringLower(SHA256.HashData(bytes));
    }

    private static FileState Load(string path)
    {
        try
        {
            return File.Exists(path) ? JsonSerializer.Deserialize<FileState>(File.ReadAllBytes(path)) ?? FileState.Start : FileState.Start;
        }
        catch (JsonException)
        {
            return FileState.Start; // unreadable: the file is read again from its start
        }
    }

    private static void Save(string path, FileState state)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".tmp";
        File.WriteAllBytes(temporary, JsonSerializer.SerializeToUtf8Bytes(state));
        File.Move(temporary, path, overwrite: true);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sensor {Sensor}: waiting for {Path} to exist")]
    private static partial void LogWaiting(ILogger logger, string sensor, string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sensor {Sensor}: following {Path} from byte {Offset}")]
    private static partial void LogFollowing(ILogger logger, string sensor, string path, long offset);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sensor {Sensor}: {Path} became shorter than what was read; reading it from its start")]
    private static partial void LogTruncated(ILogger logger, string sensor, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sensor {Sensor}: cannot read {Path}: {Reason}")]
    private static partial void LogUnreadable(ILogger logger, string sensor, string path, string reason);

    /// <summary>Where the node stands in a file: the offset after the last line read, and a hash of the file's first bytes.</summary>
    /// <param name="Offset">Bytes read (whole lines).</param>
    /// <param name="Fingerprint">SHA-256 of the first <paramref name="FingerprintLength"/> bytes.</param>
    /// <param name="FingerprintLength">How many bytes the fingerprint covers (up to 1,024).</param>
    internal sealed record FileState(long Offset, string Fingerprint, int FingerprintLength)
    {
        /// <summary>The start of a file.</summary>
        public static FileState Start { get; } = new(0, "", 0);
    }

    // Where the reading of a file stands, and the position last saved (behind it while the store fails).
    private sealed class Place(FileState saved)
    {
        public FileState Read { get; set; } = saved;

        public FileState Saved { get; set; } = saved;
    }

    // One file's matching: a session kept while the file is (so Zeek headers and temporal patterns carry on), lines
    // cut from what is read.
    private sealed class Reading(SensorFileOptions file, SensorFormat format, IndicatorIndex index, SightingSink sink)
    {
        private DetectionSession _session = New(file, format, index, sink);

        public void Restart() => _session = New(file, format, index, sink);

        // Matches the whole lines among the next 'available' bytes; returns the bytes they took (0: no whole line).
        public async Task<long> ReadLinesAsync(Stream stream, long available, CancellationToken cancellationToken)
        {
            var size = (int)Math.Min(available, ChunkBytes);
            var buffer = ArrayPool<byte>.Shared.Rent(size);
            try
            {
                var length = await stream.ReadAtLeastAsync(buffer.AsMemory(0, size), size, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
                var data = buffer.AsSpan(0, length);
                var end = data.LastIndexOf((byte)'\n') + 1;
                if (end == 0)
                {
                    // No line break in a whole chunk: a line too long to match; it is counted and passed over.
                    if (length < ChunkBytes)
                    {
                        return 0;
                    }

                    _session.ProcessLine(data);
                    return length;
                }

                _session.ProcessLines(data[..end]);
                return end;
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        // The header lines (#separator, #fields…) at the top of a Zeek TSV log, so that a resumed read knows its columns.
        public async Task ReadHeaderAsync(FileStream stream, CancellationToken cancellationToken)
        {
            var buffer = new byte[(int)Math.Min(stream.Length, 64 * 1024)];
            var length = await RandomAccess.ReadAsync(stream.SafeFileHandle, buffer, 0, cancellationToken).ConfigureAwait(false);
            var text = new ReadOnlySpan<byte>(buffer, 0, length);
            foreach (var range in text.Split((byte)'\n'))
            {
                var line = text[range];
                if (line.IsEmpty || line[0] != (byte)'#')
                {
                    break;
                }

                _session.ProcessLine(line);
            }
        }

        private static DetectionSession New(SensorFileOptions file, SensorFormat format, IndicatorIndex index, SightingSink sink) =>
            new(index, format, new SightingAggregator(new SightingOptions { Sensor = file.Sensor }), onHit: (hit, ticks) => sink.Add(file.Sensor, hit, ticks));
    }
}
