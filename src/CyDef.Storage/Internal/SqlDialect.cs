namespace CyDef.Storage.Internal;

/// <summary>The few places where the engines' SQL differs.</summary>
internal enum SqlDialect
{
    Sqlite,
    Postgres,
}
