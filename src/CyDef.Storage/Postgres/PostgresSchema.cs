namespace CyDef.Storage.Postgres;

/// <summary>
/// The PostgreSQL schema, created in the first schema of the connection's search path. Keys compare with the "C"
/// collation: the planner and the SQL must agree that <c>…:00.100000000Z</c> sorts before <c>…:00.200000000Z</c>,
/// which a linguistic collation, skipping punctuation, need not. The text-search index collects new entries in a
/// pending list of 16 MB (4 MB by default) that is merged into the index in bulk: half the cost of a GIN insertion
/// per row during ingest.
/// </summary>
internal static class PostgresSchema
{
    public const string Create = """
        CREATE TABLE IF NOT EXISTS store_state (
            k integer PRIMARY KEY CHECK (k = 1),
            schema_version integer NOT NULL,
            last_seq bigint NOT NULL,
            last_added bigint NOT NULL);
        INSERT INTO store_state (k, schema_version, last_seq, last_added) VALUES (1, 1, 0, 0) ON CONFLICT (k) DO NOTHING;
        CREATE TABLE IF NOT EXISTS objects (
            seq bigint PRIMARY KEY,
            id text COLLATE "C" NOT NULL,
            modified_key text COLLATE "C" NOT NULL,
            type text COLLATE "C" NOT NULL,
            modified text,
            spec_version text COLLATE "C" NOT NULL,
            date_added bigint NOT NULL,
            latest boolean NOT NULL,
            revoked boolean NOT NULL,
            json bytea NOT NULL,
            words text);
        CREATE UNIQUE INDEX IF NOT EXISTS objects_version ON objects (id, modified_key);
        CREATE INDEX IF NOT EXISTS objects_type ON objects (type, seq);
        CREATE INDEX IF NOT EXISTS objects_added ON objects (date_added);
        CREATE INDEX IF NOT EXISTS objects_words ON objects USING gin (to_tsvector('simple', words)) WITH (fastupdate = on, gin_pending_list_limit = 16384);
        CREATE TABLE IF NOT EXISTS observables (
            value text COLLATE "C" NOT NULL,
            kind smallint NOT NULL,
            seq bigint NOT NULL);
        CREATE INDEX IF NOT EXISTS observables_value ON observables (value);
        """;
}
