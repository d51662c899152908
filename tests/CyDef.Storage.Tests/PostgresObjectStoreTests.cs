using System.Text;
using CyDef.Storage.Postgres;
using Npgsql;
using NpgsqlTypes;

namespace CyDef.Storage.Tests;

/// <summary>
/// The storage suite on a real PostgreSQL (./test.sh starts one and sets <see cref="Variable"/>), a schema per test.
/// Without the variable the tests are skipped, except under CI (CI=true), where they fail.
/// </summary>
public sealed class PostgresObjectStoreTests : ObjectStoreTests
{
    public const string Variable = "CYDEF_TEST_POSTGRES";

    private static readonly string? ServerConnectionString = Environment.GetEnvironmentVariable(Variable);
    private readonly string _schema = "t_" + Guid.NewGuid().ToString("N");
    private bool _created;

    protected override async Task<IObjectStore> OpenStoreAsync()
    {
        await EnsureSchemaAsync();
        return await PostgresObjectStore.OpenAsync(StoreConnectionString());
    }

    protected override async Task<IObjectStore> OpenStoreWithoutIndexFollowerAsync()
    {
        await EnsureSchemaAsync();
        return await PostgresObjectStore.OpenAsync(StoreConnectionString(), TimeProvider.System, follow: false);
    }

    protected override string[] ChildStoreArguments() => ["postgres", StoreConnectionString()];

    [SkippableFact]
    public async Task SearchVector_IsTheServersOwnTsvectorOfTheDistinctWords()
    {
        await EnsureSchemaAsync();
        var random = new Random(5);
        string[] pool = ["a", "ab", "abc", "b", "ba", "z", "9", "10", "größe", "grosse", "über", "αθηνα", "日本", "x" + new string('y', 2045), new string('q', 2046), new string('s', 2047), new string('r', 3000)];
        var texts = new List<string> { "", "solo", "dup dup dup", "b a", "ab a abc a" };
        for (var i = 0; i < 300; i++)
        {
            texts.Add(string.Join(' ', Enumerable.Range(0, random.Next(1, 40)).Select(_ => random.Next(4) == 0 ? pool[random.Next(pool.Length)] : RandomWord(random))));
        }

        await using var connection = new NpgsqlConnection(StoreConnectionString());
        await connection.OpenAsync();
        await using (var create = new NpgsqlCommand("CREATE TABLE vectors (n integer, words text, v tsvector)", connection))
        {
            await create.ExecuteNonQueryAsync();
        }

        var vector = new PostgresSearchVector();
        await using (var import = await connection.BeginBinaryImportAsync("COPY vectors (n, words, v) FROM STDIN (FORMAT BINARY)"))
        {
            for (var n = 0; n < texts.Count; n++)
            {
                await import.StartRowAsync();
                await import.WriteAsync(n, NpgsqlDbType.Integer);
                await import.WriteAsync(texts[n], NpgsqlDbType.Text);
                await import.WriteAsync(vector.Encode(texts[n]), NpgsqlDbType.Bytea);
            }

            await import.CompleteAsync();
        }

        // The server's own construction from the same words: distinct, none empty, none of 2,047 bytes or more.
        await using var compare = new NpgsqlCommand(
            """
            SELECT n, v::text, array_to_tsvector(ARRAY(SELECT DISTINCT w FROM unnest(string_to_array(words, ' ')) AS w
                WHERE w <> '' AND octet_length(w) < 2047))::text
            FROM vectors ORDER BY n
            """, connection);
        await using var reader = await compare.ExecuteReaderAsync();
        var rows = 0;
        while (await reader.ReadAsync())
        {
            Assert.Equal(reader.GetString(2), reader.GetString(1));
            rows++;
        }

        Assert.Equal(texts.Count, rows);
        await reader.CloseAsync();

        // The bound is the server's: to_tsvector leaves out a word of 2,047 bytes and keeps one of 2,046.
        await using var bound = new NpgsqlCommand("SELECT to_tsvector('simple', repeat('s', 2047)) = ''::tsvector AND to_tsvector('simple', repeat('q', 2046)) <> ''::tsvector", connection);
        Assert.Equal(true, await bound.ExecuteScalarAsync());
    }

    [SkippableFact]
    public async Task OpenAsync_StoreOfSchema2_SearchWordsBecomeTsvector_SearchStillFinds()
    {
        await using (var store = await OpenStoreAsync())
        {
            await store.IngestAsync(Stix.Stream(Stix.Ndjson(
                Stix.Indicator(Stix.IndicatorId(1), Stix.Timestamp(1), "[ipv4-addr:value = '198.51.100.1']", name: "Sandworm loader loader", description: "Größe"),
                Stix.Indicator(Stix.IndicatorId(2), Stix.Timestamp(1), "[ipv4-addr:value = '198.51.100.2']", name: "Phishing domain"))));
            await store.WaitForIndexAsync();
        }

        // The tables as schema 2 left them: the words as text, indexed through to_tsvector.
        await ExecuteInSchemaAsync(
            """
            DROP INDEX search_words;
            ALTER TABLE search ALTER COLUMN words TYPE text USING array_to_string(tsvector_to_array(words), ' ');
            CREATE INDEX search_words ON search USING gin (to_tsvector('simple', words));
            UPDATE store_state SET schema_version = 2;
            """);

        await using (var store = await OpenStoreAsync())
        {
            Assert.Equal(Stix.IndicatorId(1), Assert.Single(await store.SearchAsync("loader sandworm")).Id);
            Assert.Equal(Stix.IndicatorId(1), Assert.Single(await store.SearchAsync("größe")).Id);
            Assert.Equal(Stix.IndicatorId(2), Assert.Single(await store.SearchAsync("phishing")).Id);
        }

        Assert.Equal("tsvector", await ScalarInSchemaAsync("SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = 'search'::regclass AND attname = 'words'"));
        Assert.Equal(PostgresSchema.Version, await ScalarInSchemaAsync("SELECT schema_version FROM store_state"));

        await ExecuteInSchemaAsync("UPDATE store_state SET schema_version = 1");
        var error = await Assert.ThrowsAsync<InvalidOperationException>(OpenStoreAsync);
        Assert.Contains("store schema 1", error.Message);
    }

    [SkippableFact]
    public async Task Sessions_RunWithoutJit_UnlessTheConnectionStringSaysOtherwise()
    {
        await EnsureSchemaAsync();
        await using (var source = PostgresSessions.Create(StoreConnectionString()))
        await using (var command = source.CreateCommand("SHOW jit"))
        {
            Assert.Equal("off", await command.ExecuteScalarAsync());
        }

        var own = new NpgsqlConnectionStringBuilder(StoreConnectionString()) { Options = "-c jit=on" }.ToString();
        await using (var source = PostgresSessions.Create(own))
        await using (var command = source.CreateCommand("SHOW jit"))
        {
            Assert.Equal("on", await command.ExecuteScalarAsync());
        }
    }

    [SkippableFact]
    public async Task LoadVersions_TableNotYetAnalysed_ProbesTheIdIndexNotTheWholeTable()
    {
        await using (await OpenStoreAsync())
        {
        }

        // 50,000 versions that no ANALYZE has seen yet, as in a bulk import: without statistics the planner takes each
        // key of "id_key = ANY(…)" to match 0.5 % of the table, and 200 keys most of it.
        await ExecuteInSchemaAsync("INSERT INTO objects SELECT g, g, 'x', '', 'indicator', NULL, '2.1', g, true, false, '\\x00' FROM generate_series(1, 50000) g");

        await using var connection = new NpgsqlConnection(StoreConnectionString());
        await connection.OpenAsync();
        var plan = await PlanAsync(connection, PostgresWriter.LoadVersions, ("keys", Enumerable.Range(1000, 200).Select(static k => (long)k).ToArray()));

        Assert.DoesNotContain("Seq Scan on objects", plan);
        Assert.Contains("objects_id", plan);
    }

    [SkippableFact]
    public async Task RemoveIndexEntries_TablesNotYetAnalysed_ProbeTheirIndexesNotWholeTables()
    {
        await using (await OpenStoreAsync())
        {
        }

        // The search words and correlation values of 50,000 versions that no ANALYZE has seen yet, and an
        // administrator deleting 200 versions that mention 400 values: each is found through its index.
        await ExecuteInSchemaAsync("""
            INSERT INTO observables SELECT 'v' || g, 1, g FROM generate_series(1, 50000) g;
            INSERT INTO search SELECT g, to_tsvector('simple', 'w' || g) FROM generate_series(1, 50000) g
            """);

        await using var connection = new NpgsqlConnection(StoreConnectionString());
        await connection.OpenAsync();
        foreach (var statement in PostgresIndexWriter.RemoveStatements)
        {
            Assert.DoesNotContain("Seq Scan", await PlanAsync(connection, statement,
                ("values", Enumerable.Range(1000, 400).Select(static v => "v" + v).ToArray()),
                ("seqs", Enumerable.Range(1000, 200).Select(static s => (long)s).ToArray())));
        }

        // And they delete exactly the entries of those versions: the values 1000–1399 of the sequence numbers 1000–1199.
        await using (var remove = new NpgsqlCommand(string.Join("; ", PostgresIndexWriter.RemoveStatements), connection))
        {
            remove.Parameters.AddWithValue("values", Enumerable.Range(1000, 400).Select(static v => "v" + v).ToArray());
            remove.Parameters.AddWithValue("seqs", Enumerable.Range(1000, 200).Select(static s => (long)s).ToArray());
            await remove.ExecuteNonQueryAsync();
        }

        await using var count = new NpgsqlCommand("""
            SELECT (SELECT count(*) FROM observables), (SELECT count(*) FROM observables WHERE seq BETWEEN 1000 AND 1199),
                   (SELECT count(*) FROM search), (SELECT count(*) FROM search WHERE seq BETWEEN 1000 AND 1199)
            """, connection);
        await using var counts = await count.ExecuteReaderAsync();
        await counts.ReadAsync();
        Assert.Equal((49_800L, 0L, 49_800L, 0L), (counts.GetInt64(0), counts.GetInt64(1), counts.GetInt64(2), counts.GetInt64(3)));
    }

    public override async Task DisposeAsync()
    {
        if (_created)
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync($"DROP SCHEMA {_schema} CASCADE");
        }
    }

    // The plan PostgreSQL chooses for a statement with these parameters, as EXPLAIN prints it.
    private static async Task<string> PlanAsync(NpgsqlConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        await using var explain = new NpgsqlCommand("EXPLAIN " + sql, connection);
        foreach (var (name, value) in parameters)
        {
            explain.Parameters.AddWithValue(name, value);
        }

        var plan = new StringBuilder();
        await using var reader = await explain.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            plan.AppendLine(reader.GetString(0));
        }

        return plan.ToString();
    }

    private string StoreConnectionString() =>
        new NpgsqlConnectionStringBuilder(ServerConnectionString) { SearchPath = _schema }.ToString();

    private async Task EnsureSchemaAsync()
    {
        if (ServerConnectionString is null)
        {
            if (Environment.GetEnvironmentVariable("CI") == "true")
            {
                Assert.Fail($"{Variable} is not set: under CI the PostgreSQL tests must run (./test.sh starts a server)");
            }

            Skip.If(true, $"{Variable} is not set (./test.sh starts a PostgreSQL and sets it)");
        }

        if (!_created)
        {
            await ExecuteAsync($"CREATE SCHEMA {_schema}");
            _created = true;
        }
    }

    private static string RandomWord(Random random)
    {
        const string Letters = "abcxyz019éßжω";
        return new string([.. Enumerable.Range(0, random.Next(1, 6)).Select(_ => Letters[random.Next(Letters.Length)])]);
    }

    private async Task ExecuteInSchemaAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(StoreConnectionString());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<object?> ScalarInSchemaAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(StoreConnectionString());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    private static async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ServerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
