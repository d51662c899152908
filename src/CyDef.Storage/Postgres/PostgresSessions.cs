using Npgsql;

namespace CyDef.Storage.Postgres;

/// <summary>The data sources of CyDef's PostgreSQL stores.</summary>
internal static class PostgresSessions
{
    /// <summary>
    /// A data source for <paramref name="connectionString"/> whose sessions run without JIT compilation
    /// (<c>jit = off</c>), unless the connection string's <c>Options</c> mention JIT themselves (<c>jit</c> or one of
    /// its <c>jit_…</c> settings). The store's statements
    /// are short and many; PostgreSQL compiles a statement with LLVM once the planner's estimate passes
    /// <c>jit_above_cost</c>, and a table that a bulk import is filling, with no statistics yet, made it estimate that
    /// much for every batch's look-up of stored versions: tens of milliseconds each, 7 % of the machine's time.
    /// </summary>
    public static NpgsqlDataSource Create(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (builder.Options?.Contains("jit", StringComparison.OrdinalIgnoreCase) != true)
        {
            builder.Options = string.IsNullOrWhiteSpace(builder.Options) ? "-c jit=off" : builder.Options + " -c jit=off";
        }

        return NpgsqlDataSource.Create(builder);
    }
}
