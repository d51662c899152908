namespace CyDef.Storage.Sqlite;

/// <summary>The SQLite schema. One row per version; the change feed is the <c>seq</c> column itself.</summary>
internal static class SqliteSchema
{
    public const int Version = 1;

    public const string Create = """
        CREATE TABLE IF NOT EXISTS store_state (
            k INTEGER PRIMARY KEY CHECK (k = 1),
            schema_version INTEGER NOT NULL,
            last_seq INTEGER NOT NULL,
            last_added INTEGER NOT NULL);
        INSERT OR IGNORE INTO store_state (k, schema_version, last_seq, last_added) VALUES (1, 1, 0, 0);
        CREATE TABLE IF NOT EXISTS objects (
            seq INTEGER PRIMARY KEY,
            id TEXT NOT NULL,
            modified_key TEXT NOT NULL,
            type TEXT NOT NULL,
            modified TEXT,
            spec_version TEXT NOT NULL,
            date_added INTEGER NOT NULL,
            latest INTEGER NOT NULL,
            revoked INTEGER NOT NULL,
            json BLOB NOT NULL);
        CREATE UNIQUE INDEX IF NOT EXISTS objects_version ON objects (id, modified_key);
        CREATE INDEX IF NOT EXISTS objects_type ON objects (type, seq);
        CREATE INDEX IF NOT EXISTS objects_added ON objects (date_added);
        CREATE TABLE IF NOT EXISTS observables (
            value TEXT NOT NULL,
            kind INTEGER NOT NULL,
            seq INTEGER NOT NULL,
            PRIMARY KEY (value, kind, seq)) WITHOUT ROWID;
        CREATE VIRTUAL TABLE IF NOT EXISTS search USING fts5 (words, content = '', contentless_delete = 1, detail = none, tokenize = 'unicode61 remove_diacritics 0');
        """;
}
