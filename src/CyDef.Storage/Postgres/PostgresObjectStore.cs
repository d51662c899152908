using CyDef.Stix.Json;
using CyDef.Storage.Internal;
using Npgsql;

namespace CyDef.Storage.Postgres;

/// <summary>
/// The object store on PostgreSQL, for nodes that outgrow one file. Batches are written with binary COPY; the
/// sequence numbers come from a state row locked (<c>SELECT … FOR UPDATE</c>) by the batch's transaction, not from a
/// PostgreSQL sequence, whose numbers a rolled-back transaction would lose (a gap in the feed) and which would let
/// transactions commit out of sequence order (a feed reader could skip a version committed late). Text search (a GIN
/// index over a <c>tsvector</c> of the words, <see cref="PostgresSearchVector"/>) and the correlation index are filled by a follower of the change feed
/// (<see cref="IndexFollower"/>) on a connection of its own; searches wait until it has caught up with the feed as it
/// stood when they were called.
/// </summary>
/// <remarks>
/// Durability is the server's: a commit is acknowledged once PostgreSQL has flushed its WAL (<c>fsync = on</c>,
/// <c>synchronous_commit = on</c>, the defaults, which the load tool's figures use). With <c>synchronous_commit = off</c>
/// a server crash may lose the last acknowledged batches but never leaves half a batch nor a gap in the feed; with
/// <c>fsync = off</c> (the test cluster) a crash of the server, not of the client, may corrupt the database.
/// </remarks>
public sealed partial class PostgresObjectStore : IObjectStore, IBatchWriter
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly PostgresIndexWriter _indexWriter;
    private readonly IndexFollower _follower;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly TimeProvider _time;
    private HashSet<long>? _knownKeys; // the keys of every id stored or tombstoned, as of _knownUpTo (SqliteWriter's remarks)
    private long _knownUpTo;

    private PostgresObjectStore(NpgsqlDataSource dataSource, TimeProvider time, bool follow)
    {
        _dataSource = dataSource;
        _time = time;
        _indexWriter = new PostgresIndexWriter(dataSource);
        _follower = new IndexFollower(this, _indexWriter);
        if (follow)
        {
            _follower.Start();
        }
    }

    /// <summary>Opens the store at <paramref name="connectionString"/>, creating its tables when missing.</summary>
    /// <param name="connectionString">An Npgsql connection string; the tables go to the first schema of its search path.</param>
    /// <param name="cancellationToken">Cancels the opening.</param>
    public static Task<PostgresObjectStore> OpenAsync(string connectionString, CancellationToken cancellationToken = default) =>
        OpenAsync(connectionString, TimeProvider.System, cancellationToken);

    /// <summary>Opens the store with a clock for the dates added.</summary>
    /// <param name="connectionString">An Npgsql connection string.</param>
    /// <param name="time">The clock.</param>
    /// <param name="cancellationToken">Cancels the opening.</param>
    public static Task<PostgresObjectStore> OpenAsync(string connectionString, TimeProvider time, CancellationToken cancellationToken = default) =>
        OpenAsync(connectionString, time, follow: true, cancellationToken);

    /// <summary>Opens the store; with <paramref name="follow"/> false the index follower does not start (tests of its recovery).</summary>
    internal static async Task<PostgresObjectStore> OpenAsync(string connectionString, TimeProvider time, bool follow, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        ArgumentNullException.ThrowIfNull(time);
        var dataSource = PostgresSessions.Create(connectionString);
        try
        {
            await MigrateAsync(dataSource, cancellationToken).ConfigureAwait(false);
            await using (var command = dataSource.CreateCommand(PostgresSchema.Create))
            {
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            return new PostgresObjectStore(dataSource, time, follow);
        }
        catch
        {
            await dataSource.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Brings an existing store of an earlier schema to this one, in one transaction that holds the state row's lock;
    /// before <see cref="PostgresSchema.Create"/>, whose statements are those of the current schema.
    /// </summary>
    private static async Task MigrateAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var command = new NpgsqlCommand("SELECT to_regclass('store_state') IS NULL", connection))
        {
            if ((bool)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!)
            {
                return; // a new store
            }
        }

        int version;
        await using (var command = new NpgsqlCommand("SELECT schema_version FROM store_state WHERE k = 1 FOR UPDATE", connection))
        {
            version = (int)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }

        if (version == PostgresSchema.Version)
        {
            return;
        }

        if (version != 2)
        {
            throw new InvalidOperationException($"the database has store schema {version}; this version of CyDef reads schema {PostgresSchema.Version} (export with the previous version and import again)");
        }

        await using (var command = new NpgsqlCommand(PostgresSchema.MigrateFrom2, connection))
        {
            command.CommandTimeout = 0; // rewrites the search table: minutes for millions of objects
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
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
        await _dataSource.DisposeAsync().ConfigureAwait(false);
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

    async Task<BatchPlan> IBatchWriter.CommitAsync(IReadOnlyList<PreparedObject> batch, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var (lastSequence, lastAdded) = await PostgresWriter.LockStateAsync(connection, cancellationToken).ConfigureAwait(false);
        var known = _knownKeys ?? [];
        var knownUpTo = _knownKeys is null ? 0 : _knownUpTo;
        _knownKeys = null; // until this batch commits
        await PostgresWriter.SyncKnownKeysAsync(connection, known, knownUpTo, lastSequence, cancellationToken).ConfigureAwait(false);
        var stored = await PostgresWriter.LoadVersionsAsync(connection, batch, known, cancellationToken).ConfigureAwait(false);
        var plan = BatchPlan.Make(batch, stored, lastSequence, lastAdded, Rows.ToMicros(_time.GetUtcNow()));
        await PostgresWriter.CopyAsync(connection, plan.Accepted, cancellationToken).ConfigureAwait(false);
        await PostgresWriter.DemoteAsync(connection, plan.NoLongerLatest, cancellationToken).ConfigureAwait(false);
        await PostgresWriter.WriteStateAsync(connection, plan.LastSequence, plan.LastDateAdded, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        foreach (var row in plan.Accepted)
        {
            known.Add(row.IdKey);
        }

        (_knownKeys, _knownUpTo) = (known, plan.LastSequence);
        return plan;
    }

    /// <summary>
    /// Copies prepared rows with no look-up (the load tool's raw insert rate): the versions in one transaction, then
    /// their search words and correlation values in another.
    /// </summary>
    internal async Task InsertRawAsync(IReadOnlyList<PreparedObject> rows, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await PostgresWriter.CopyAsync(connection, rows, cancellationToken).ConfigureAwait(false);
        await PostgresWriter.WriteStateAsync(connection, rows[^1].Sequence, rows[^1].DateAdded, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        await _indexWriter.InsertRawAsync(rows, cancellationToken).ConfigureAwait(false);
        _knownKeys = null;
    }

    private async Task<IngestReport> RunIngestAsync(Stream input, IngestOptions options, IProgress<IngestProgress>? progress, CancellationToken cancellationToken)
    {
        using var reader = new StixStreamReader(input, options.Read);
        return await IngestPipeline.RunAsync(reader.ReadObjects(), () => reader.BytesConsumed, options, this, _writeLock, _follower, progress, cancellationToken).ConfigureAwait(false);
    }
}
