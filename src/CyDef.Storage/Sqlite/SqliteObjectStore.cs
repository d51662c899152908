using CyDef.Stix.Json;
using CyDef.Storage.Internal;
using Microsoft.Data.Sqlite;

namespace CyDef.Storage.Sqlite;

/// <summary>
/// The object store in one SQLite file (<c>objects.db</c> in the node's data folder), in WAL mode: readers never
/// block the writer nor each other. Full-text search uses FTS5.
/// </summary>
/// <remarks>
/// <c>synchronous = FULL</c>: every commit is on disk before it is acknowledged. In WAL mode NORMAL is enough to
/// keep the file consistent through a crash of the process (what <c>kill -9</c> does), but after a power cut it may
/// lose the last commits, ones a TAXII client was told were stored. FULL adds one fsync of the WAL per transaction;
/// with thousands of versions per transaction that costs little (bench/README.md has the figures).
/// </remarks>
public sealed partial class SqliteObjectStore : IObjectStore, IBatchWriter
{
    /// <summary>The database file's name inside the data folder.</summary>
    public const string FileName = "objects.db";

    private readonly string _connectionString;
    private readonly SqliteWriter _writer;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly TimeProvider _time;

    private SqliteObjectStore(string connectionString, SqliteWriter writer, TimeProvider time)
    {
        _connectionString = connectionString;
        _writer = writer;
        _time = time;
    }

    /// <summary>The database file.</summary>
    public string Path => new SqliteConnectionStringBuilder(_connectionString).DataSource;

    /// <summary>Opens the store in <paramref name="dataFolder"/>, creating the folder and the database when missing.</summary>
    /// <param name="dataFolder">The node's data folder.</param>
    /// <param name="cancellationToken">Cancels the opening.</param>
    public static Task<SqliteObjectStore> OpenAsync(string dataFolder, CancellationToken cancellationToken = default) =>
        OpenAsync(dataFolder, TimeProvider.System, cancellationToken);

    /// <summary>Opens the store in <paramref name="dataFolder"/> with a clock for the dates added.</summary>
    /// <param name="dataFolder">The node's data folder.</param>
    /// <param name="time">The clock.</param>
    /// <param name="cancellationToken">Cancels the opening.</param>
    public static async Task<SqliteObjectStore> OpenAsync(string dataFolder, TimeProvider time, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(dataFolder);
        ArgumentNullException.ThrowIfNull(time);
        Directory.CreateDirectory(dataFolder);
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = System.IO.Path.Combine(dataFolder, FileName),
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(connection, WriterPragmas, cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(connection, SqliteSchema.Create, cancellationToken).ConfigureAwait(false);
            return new SqliteObjectStore(connectionString, new SqliteWriter(connection), time);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <inheritdoc />
    public Task<IngestReport> IngestAsync(Stream input, IngestOptions? options = null, IProgress<IngestProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        options ??= IngestOptions.Default;
        return RunIngestAsync(input, options, progress, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IngestReport> IngestObjectsAsync(IEnumerable<StixValue> objects, IngestOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(objects);
        return IngestPipeline.RunAsync(InMemory.Items(objects), static () => 0, options ?? IngestOptions.Default, this, _writeLock, null, cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _writeLock.WaitAsync().ConfigureAwait(false);
        var connection = _writer.Connection;
        _writer.Dispose();
        await connection.DisposeAsync().ConfigureAwait(false);
        SqliteConnection.ClearPool(new SqliteConnection(_connectionString));
        _writeLock.Dispose();
    }

    Task<BatchPlan> IBatchWriter.CommitAsync(IReadOnlyList<PreparedObject> batch, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(_writer.Commit(batch, Rows.ToMicros(_time.GetUtcNow())));
    }

    /// <summary>Inserts prepared rows in one transaction with no look-up (the load tool's raw insert rate).</summary>
    internal void InsertRaw(IReadOnlyList<PreparedObject> rows) => _writer.InsertRaw(rows);

    private async Task<IngestReport> RunIngestAsync(Stream input, IngestOptions options, IProgress<IngestProgress>? progress, CancellationToken cancellationToken)
    {
        using var reader = new StixStreamReader(input, options.Read);
        return await IngestPipeline.RunAsync(reader.ReadObjects(), () => reader.BytesConsumed, options, this, _writeLock, progress, cancellationToken).ConfigureAwait(false);
    }

    private async Task<SqliteConnection> OpenReaderAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    // WAL: readers and the writer do not block each other. FULL: see the remarks above. The writer's page cache
    // (256 MB) and memory map hold the hot part of the random-keyed indexes (versions by id, observable values)
    // during bulk ingest; checkpoints every 64 MB of WAL, so that a batch's commit seldom pays for one.
    private const string WriterPragmas = """
        PRAGMA journal_mode = WAL;
        PRAGMA synchronous = FULL;
        PRAGMA cache_size = -262144;
        PRAGMA mmap_size = 1073741824;
        PRAGMA temp_store = MEMORY;
        PRAGMA wal_autocheckpoint = 16384;
        """;
}
