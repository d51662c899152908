using CyDef.Storage;
using CyDef.Storage.Internal;
using CyDef.Storage.Postgres;
using CyDef.Storage.Sqlite;
using Npgsql;

namespace CyDef.Benchmarks.Ingest;

/// <summary>Fresh, empty stores of one engine, one per measurement, and their clean-up.</summary>
internal abstract class StoreTarget
{
    public abstract string Engine { get; }

    public abstract Task<IObjectStore> CreateAsync(string name);

    public abstract Task InsertRawAsync(IObjectStore store, IReadOnlyList<PreparedObject> rows);

    /// <summary>The bytes the store occupies on disk.</summary>
    public abstract Task<long> SizeAsync(string name);

    public abstract Task DropAsync(string name);

    public sealed class Sqlite : StoreTarget
    {
        private readonly string _root = Path.Combine(Path.GetTempPath(), "cydef-bench", "stores-" + Environment.ProcessId);

        public override string Engine => "sqlite";

        public override async Task<IObjectStore> CreateAsync(string name) => await SqliteObjectStore.OpenAsync(Path.Combine(_root, name));

        public override Task InsertRawAsync(IObjectStore store, IReadOnlyList<PreparedObject> rows)
        {
            var (objects, index) = ((SqliteObjectStore)store).InsertRaw(rows);
            Console.Error.WriteLine($"sqlite raw insert: objects.db {objects:N1} s, index.db {index:N1} s");
            return Task.CompletedTask;
        }

        public override Task<long> SizeAsync(string name) =>
            Task.FromResult(new DirectoryInfo(Path.Combine(_root, name)).EnumerateFiles().Sum(f => f.Length));

        public override Task DropAsync(string name)
        {
            Directory.Delete(Path.Combine(_root, name), recursive: true);
            if (!Directory.EnumerateFileSystemEntries(_root).Any())
            {
                Directory.Delete(_root);
            }

            return Task.CompletedTask;
        }
    }

    public sealed class Postgres(string connectionString) : StoreTarget
    {
        public override string Engine => "postgres";

        public override async Task<IObjectStore> CreateAsync(string name)
        {
            await ExecuteAsync($"DROP SCHEMA IF EXISTS {name} CASCADE; CREATE SCHEMA {name}");
            return await PostgresObjectStore.OpenAsync(new NpgsqlConnectionStringBuilder(connectionString) { SearchPath = name }.ToString());
        }

        public override Task InsertRawAsync(IObjectStore store, IReadOnlyList<PreparedObject> rows) =>
            ((PostgresObjectStore)store).InsertRawAsync(rows, CancellationToken.None);

        public override async Task<long> SizeAsync(string name)
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT COALESCE(SUM(pg_total_relation_size(c.oid)), 0)::bigint FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = @schema AND c.relkind = 'r'", connection);
            command.Parameters.AddWithValue("schema", name);
            return (long)(await command.ExecuteScalarAsync())!;
        }

        public override Task DropAsync(string name) => ExecuteAsync($"DROP SCHEMA IF EXISTS {name} CASCADE");

        private async Task ExecuteAsync(string sql)
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync();
        }
    }
}
