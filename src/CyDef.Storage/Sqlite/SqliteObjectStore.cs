using CyDef.Stix.Json;
using CyDef.Storage.Internal;
using Microsoft.Data.Sqlite;

namespace CyDef.Storage.Sqlite;

/// <summary>
/// The object store in one SQLite file (<c>objects.db</c> in the node's data folder), in WAL mode: readers never
/// block the writer nor each other. Text search (FTS5) and the correlation index are derived from it into
/// <c>index.db</c> next to it by a follower of the change feed (<see cref="IndexFollower"/>) on a connection of its own;
/// searches wait until the follower has caught up with the feed as it stood when they were called.
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
    private readonly string _indexPath;
    private readonly SqliteWriter _writer;
    private readonly SqliteIndexWriter _indexWriter;
    private readonly IndexFollower _follower;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly TimeProvider _time;

    private SqliteObjectStore(string connectionString, string indexPath, SqliteWriter writer, SqliteIndexWriter indexWriter, TimeProvider time, bool follow)
    {
        _connectionString = connectionString;
        _indexPath = indexPath;
        _writer = writer;
        _indexWriter = indexWriter;
        _time = time;
        _follower = new IndexFollower(this, indexWriter);
        if (follow)
        {
            _follower.Start();
        }
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
    public static Task<SqliteObjectStore> OpenAsync(string dataFolder, TimeProvider time, CancellationToken cancellationToken = default) =>
        OpenAsync(dataFolder, time, follow: true, cancellationToken);

    /// <summary>Opens the store; with <paramref name="follow"/> false the index follower does not start (tests of its recovery).</summary>
    internal static async Task<SqliteObjectStore> OpenAsync(string dataFolder, TimeProvider time, bool follow, CancellationToken cancellationToken = default)
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
        var indexPath = System.IO.Path.Combine(dataFolder, SqliteIndexWriter.FileName);
        var connection = new SqliteConnection(connectionString);
        SqliteIndexWriter? indexWriter = null;
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(connection, WriterPragmas, cancellationToken).ConfigureAwait(false);
            await CheckSchemaAsync(connection, cancellationToken).ConfigureAwait(false); // an older store: say so before touching it
            await ExecuteAsync(connection, SqliteSchema.Create, cancellationToken).ConfigureAwait(false);
            await CheckSchemaAsync(connection, cancellationToken).ConfigureAwait(false);
            indexWriter = await SqliteIndexWriter.OpenAsync(new SqliteConnectionStringBuilder(connectionString) { DataSource = indexPath, Pooling = false }.ToString(), cancellationToken).ConfigureAwait(false);
            return new SqliteObjectStore(connectionString, indexPath, new SqliteWriter(connection), indexWriter, time, follow);
        }
        catch
        {
            if (indexWriter is not null)
            {
                await indexWriter.DisposeAsync().ConfigureAwait(false);
            }

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
        return IngestPipeline.RunAsync(InMemory.Items(objects), static () => 0, options ?? IngestOptions.Default, this, _writeLock, _follower, null, cancellationToken);
    }

    /// <inheritdoc />
    public async Task WaitForIndexAsync(CancellationToken cancellationToken = default) =>
        await _follower.WaitAsync(await GetLastSequenceAsync(cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

    /// <summary>The last sequence number that search and correlation reflect (-1 while the follower is starting).</summary>
    internal long IndexCursor => _follower.Cursor;

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _writeLock.WaitAsync().ConfigureAwait(false);
        await _follower.DisposeAsync().ConfigureAwait(false);
        var connection = _writer.Connection;
        _writer.Dispose();
        await connection.DisposeAsync().ConfigureAwait(false);
        SqliteConnection.ClearPool(new SqliteConnection(_connectionString));
        _writeLock.Dispose();
    }

    /// <inheritdoc />
    public event Action<long>? FeedAppended;

    /// <inheritdoc />
    public event Action<CommittedVersions>? Committed;

    void IBatchWriter.Appended(BatchPlan plan)
    {
        if (Committed is { } committed)
        {
            committed(plan.Committed());
        }

        FeedAppended?.Invoke(plan.Accepted[^1].Sequence);
    }

    Task<BatchPlan> IBatchWriter.CommitAsync(IReadOnlyList<PreparedObject> batch, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(_writer.Commit(batch, Rows.ToMicros(_time.GetUtcNow())));
    }

    /// <summary>
    /// Inserts prepared rows with no look-up (the load tool's raw insert rate): the versions in one transaction of
    /// <c>objects.db</c>, then their search words and correlation values in one of <c>index.db</c>.
    /// </summary>
    /// <returns>The seconds each of the two took.</returns>
    internal (double Objects, double Index) InsertRaw(IReadOnlyList<PreparedObject> rows)
    {
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        _writer.InsertRaw(rows);
        var objects = stopwatch.Elapsed.TotalSeconds;
        _indexWriter.InsertRaw(rows);
        return (objects, stopwatch.Elapsed.TotalSeconds - objects);
    }

    private async Task<IngestReport> RunIngestAsync(Stream input, IngestOptions options, IProgress<IngestProgress>? progress, CancellationToken cancellationToken)
    {
        using var reader = new StixStreamReader(input, options.Read);
        return await IngestPipeline.RunAsync(reader.ReadObjects(), () => reader.BytesConsumed, options, this, _writeLock, _follower, progress, cancellationToken).ConfigureAwait(false);
    }

    private async Task<SqliteConnection> OpenReaderAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }

    /// <summary>A reader connection with <c>index.db</c> attached as <c>ix</c> (its tables are found unqualified), once caught up.</summary>
    private async Task<SqliteConnection> OpenIndexReaderAsync(CancellationToken cancellationToken)
    {
        await WaitForIndexAsync(cancellationToken).ConfigureAwait(false);
        var connection = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM pragma_database_list WHERE name = 'ix'";
            if ((long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))! == 0)
            {
                command.CommandText = "ATTACH DATABASE $path AS ix";
                command.Parameters.AddWithValue("$path", _indexPath);
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static async Task CheckSchemaAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE name = 'store_state'";
        if ((long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))! == 0)
        {
            return; // a new store
        }

        command.CommandText = "SELECT schema_version FROM store_state WHERE k = 1";
        var version = (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        if (version != SqliteSchema.Version)
        {
            throw new InvalidOperationException($"{connection.DataSource} has store schema {version}; this version of CyDef reads schema {SqliteSchema.Version} (export with the previous version and import again)");
        }
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    // 16 KB pages (set when the file is created; a store made with SQLite's default 4 KB keeps them): a version of
    // about 600 bytes of JSON takes fewer pages, splits and page headers, and a bulk import of a million ran about
    // 15 % faster in runs alternating with 4 KB pages. WAL: readers and the writer do not block each other. FULL:
    // see the remarks above. The writer's page cache (256 MB) and memory map hold the hot part of the random-keyed
    // indexes (versions by id, observable values) during bulk ingest; checkpoints every 64 MB of WAL (4,096 pages),
    // so that a batch's commit seldom pays for one.
    private const string WriterPragmas = """
        PRAGMA page_size = 16384;
        PRAGMA journal_mode = WAL;
        PRAGMA synchronous = FULL;
        PRAGMA cache_size = -262144;
        PRAGMA mmap_size = 1073741824;
        PRAGMA temp_store = MEMORY;
        PRAGMA wal_autocheckpoint = 4096;
        """;
}
