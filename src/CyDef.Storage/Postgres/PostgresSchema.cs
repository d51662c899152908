namespace CyDef.Storage.Postgres;

/// <summary>
/// The PostgreSQL schema, created in the first schema of the connection's search path. Keys compare with the "C"
/// collation: the planner and the SQL must agree that <c>…:00.100000000Z</c> sorts before <c>…:00.200000000Z</c>,
/// which a linguistic collation, skipping punctuation, need not. Text search (<c>search</c>) and correlation
/// (<c>observables</c>) are derived indexes that the follower of the change feed fills (<see cref="PostgresIndexWriter"/>),
/// up to <c>index_state.cursor</c>; the text-search index collects new entries in a pending list of 16 MB (4 MB by
/// default) that is merged into the index in bulk. <c>tombstones</c> keeps the deleted versions, never stored again.
/// Versions are found by <c>id_key</c>, a 64-bit hash of the id (<see cref="Internal.IdKey"/>), as on SQLite: a
/// bigint index is a quarter the size of a text one on (id, modified_key), so far fewer of its pages are dirtied by a
/// batch of random ids; the writer, holding the state row's lock, decides duplicates.
/// </summary>
internal static class PostgresSchema
{
    public const int Version = 3;

    public const string Create = """
        CREATE TABLE IF NOT EXISTS store_state (
            k integer PRIMARY KEY CHECK (k = 1),
            schema_version integer NOT NULL,
            last_seq bigint NOT NULL,
            last_added bigint NOT NULL);
        INSERT INTO store_state (k, schema_version, last_seq, last_added) VALUES (1, 3, 0, 0) ON CONFLICT (k) DO NOTHING;
        CREATE TABLE IF NOT EXISTS objects (
            seq bigint PRIMARY KEY,
            id_key bigint NOT NULL,
            id text COLLATE "C" NOT NULL,
            modified_key text COLLATE "C" NOT NULL,
            type text COLLATE "C" NOT NULL,
            modified text,
            spec_version text COLLATE "C" NOT NULL,
            date_added bigint NOT NULL,
            latest boolean NOT NULL,
            revoked boolean NOT NULL,
            json bytea NOT NULL);
        CREATE INDEX IF NOT EXISTS objects_id ON objects (id_key);
        CREATE INDEX IF NOT EXISTS objects_type ON objects (type, seq);
        CREATE INDEX IF NOT EXISTS objects_added ON objects (date_added);
        CREATE TABLE IF NOT EXISTS tombstones (
            id_key bigint NOT NULL,
            id text COLLATE "C" NOT NULL,
            modified_key text COLLATE "C" NOT NULL,
            deleted_at bigint NOT NULL,
            PRIMARY KEY (id_key, id, modified_key));
        CREATE TABLE IF NOT EXISTS deletions (
            pos bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            id text COLLATE "C" NOT NULL,
            seq bigint NOT NULL,
            latest boolean NOT NULL,
            deleted_at bigint NOT NULL,
            modified text,
            access bytea NOT NULL);
        CREATE TABLE IF NOT EXISTS index_state (
            k integer PRIMARY KEY CHECK (k = 1),
            cursor bigint NOT NULL);
        INSERT INTO index_state (k, cursor) VALUES (1, 0) ON CONFLICT (k) DO NOTHING;
        CREATE TABLE IF NOT EXISTS search (
            seq bigint PRIMARY KEY,
            words tsvector NOT NULL);
        CREATE INDEX IF NOT EXISTS search_words ON search USING gin (words) WITH (fastupdate = on, gin_pending_list_limit = 16384);
        CREATE TABLE IF NOT EXISTS observables (
            value text COLLATE "C" NOT NULL,
            kind smallint NOT NULL,
            seq bigint NOT NULL);
        CREATE INDEX IF NOT EXISTS observables_value ON observables (value);
        """;

    /// <summary>
    /// Schema 2 to 3: the search words become a <c>tsvector</c> column of their own (<see cref="PostgresSearchVector"/>)
    /// instead of text that the index ran through <c>to_tsvector</c>. Run with the state row locked, before
    /// <see cref="Create"/>, whose index on the column would not take text.
    /// </summary>
    public const string MigrateFrom2 = """
        DROP INDEX IF EXISTS search_words;
        ALTER TABLE search ADD COLUMN lexemes tsvector;
        UPDATE search SET lexemes = array_to_tsvector(ARRAY(
            SELECT DISTINCT w FROM unnest(string_to_array(words, ' ')) AS w WHERE w <> '' AND octet_length(w) < 2047));
        ALTER TABLE search DROP COLUMN words;
        ALTER TABLE search RENAME COLUMN lexemes TO words;
        ALTER TABLE search ALTER COLUMN words SET NOT NULL;
        CREATE INDEX search_words ON search USING gin (words) WITH (fastupdate = on, gin_pending_list_limit = 16384);
        UPDATE store_state SET schema_version = 3 WHERE k = 1;
        """;
}
