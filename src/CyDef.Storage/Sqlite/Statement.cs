using Microsoft.Data.Sqlite;

namespace CyDef.Storage.Sqlite;

/// <summary>A prepared SQLite command with positional access to its parameters, reused across transactions.</summary>
internal sealed class Statement : IDisposable
{
    private readonly SqliteCommand _command;
    private readonly SqliteParameter[] _parameters;

    public Statement(SqliteConnection connection, string sql, params string[] parameters)
    {
        _command = connection.CreateCommand();
        _command.CommandText = sql;
        _parameters = new SqliteParameter[parameters.Length];
        for (var i = 0; i < parameters.Length; i++)
        {
            _parameters[i] = _command.Parameters.Add(new SqliteParameter { ParameterName = parameters[i] });
        }
    }

    public int Run(SqliteTransaction transaction, params ReadOnlySpan<object> values)
    {
        Bind(transaction, values);
        return _command.ExecuteNonQuery();
    }

    public SqliteDataReader Read(SqliteTransaction transaction, params ReadOnlySpan<object> values)
    {
        Bind(transaction, values);
        return _command.ExecuteReader();
    }

    public void Dispose() => _command.Dispose();

    private void Bind(SqliteTransaction transaction, ReadOnlySpan<object> values)
    {
        _command.Transaction = transaction;
        for (var i = 0; i < values.Length; i++)
        {
            _parameters[i].Value = values[i];
        }
    }
}
