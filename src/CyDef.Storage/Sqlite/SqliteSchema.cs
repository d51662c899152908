namespace CyDef.Storage.Sqlite;

/// <summary>
/// The SQLite schema. <c>objects.db</c> holds the store of record: one row per version (the change feed is the
/// <c>seq</c> column itself) and the tombstones of deleted versions. <c>index.db</c> holds what is derived from it
/// (text search, correlation values) and the cursor of the follower that fills them; deleting it only makes the store
/// index everything again.
/// </summary>
internal static class SqliteSchema
{
    public const int Version = 2;

    /// <summary>
    /// Versions are found by <c>id_key</c>, a 64-bit hash of the id (<see cref="Internal.IdKey"/>), not by the id's text:
    /// an index of integers is a fifth the size of one of ids and modified keys, so a batch of random ids rewrites far
    /// fewer of its pages. There is no unique index on (id, modified): the writer, alone in its transaction, decides
    /// duplicates.
    /// </summary>
    public const string Create = """
        CREATE TABLE IF NOT EXISTS store_state (
            k INTEGER PRIMARY KEY CHECK (k = 1),
            schema_version INTEGER NOT NULL,
            last_seq INTEGER NOT NULL,
            last_added INTEGER NOT NULL);
        INSERT OR IGNORE INTO store_state (k, schema_version, last_seq, last_added) VALUES (1, 2, 0, 0);
        CREATE TABLE IF NOT EXISTS objects (
            seq INTEGER PRIMARY KEY,
            id_key INTEGER NOT NULL,
            id TEXT NOT NULL,
            modified_key TEXT NOT NULL,
            type TEXT NOT NULL,
            modified TEXT,
            spec_version TEXT NOT NULL,
            date_added INTEGER NOT NULL,
            latest INTEGER NOT NULL,
            revoked INTEGER NOT NULL,
            json BLOB NOT NULL);
        CREATE INDEX IF NOT EXISTS objects_id ON objects (id_key);
        CREATE INDEX IF NOT EXISTS objects_type ON objects (type, seq);
        CREATE INDEX IF NOT EXISTS objects_added ON objects (date_added);
        CREATE TABLE IF NOT EXISTS tombstones (
            id_key INTEGER NOT NULL,
            id TEXT NOT NULL,
            modified_key TEXT NOT NULL,
            deleted_at INTEGER NOT NULL,
            PRIMARY KEY (id_key, id, modified_key)) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS deletions (
            pos INTEGER PRIMARY KEY AUTOINCREMENT,
            id TEXT NOT NULL,
            seq INTEGER NOT NULL,
            latest INTEGER NOT NULL,
            deleted_at INTEGER NOT NULL,
            modified TEXT,
            access BLOB NOT NULL);
        """;

    public const string CreateIndex = """
        CREATE TABLE IF NOT EXISTS index_state (
            k INTEGER PRIMARY KEY CHECK (k = 1),
            cursor INTEGER NOT NULL);
        INSERT OR IGNORE INTO index_state (k, cursor) VALUES (1, 0);
        CREATE TABLE IF NOT EXISTS observables (
            value TEXT NOT NULL,
            kind INTEGER NOT NULL,
            seq INTEGER NOT NULL,
            PRIMARY KEY (value, kind, seq)) WITHOUT ROWID;
        CREATE VIRTUAL TABLE IF NOT EXISTS search USING fts5 (words, content = '', contentless_delete = 1, detail = none, tokenize = 'unicode61 remove_diacritics 0');
        """;
}
