using System.CommandLine;
using CyDef.Cli.Node;
using CyDef.Server;
using CyDef.Server.Identities;
using CyDef.Storage.Identities;
using Spectre.Console;

namespace CyDef.Cli.Identities;

/// <summary>What the directory commands share: where the directory is, how an edit's refusal is told, tables.</summary>
internal static class DirectoryCli
{
    public static Option<string> PostgresOption() => new("--postgres") { Description = "The node's PostgreSQL connection string, when its store is there (CyDef:Postgres)." };

    /// <summary>A command whose action opens the node's directory (offline: the node need not run).</summary>
    public static Command Command(string name, string description, Func<ParseResult, Context, Task<int>> action, params Symbol[] symbols)
    {
        var data = NodeRunner.DataOption();
        var postgres = PostgresOption();
        var command = new Command(name, description) { data, postgres };
        foreach (var symbol in symbols)
        {
            switch (symbol)
            {
                case Argument argument:
                    command.Arguments.Add(argument);
                    break;
                case Option option:
                    command.Options.Add(option);
                    break;
            }
        }

        command.SetAction(async (parse, token) =>
        {
            var node = new NodeOptions { DataFolder = parse.GetValue(data) ?? NodeOptions.DefaultDataFolder, Postgres = parse.GetValue(postgres) };
            IDirectory directory;
            try
            {
                directory = await NodeIdentities.OpenDirectoryAsync(node, token);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or System.Data.Common.DbException or ArgumentException)
            {
                parse.InvocationConfiguration.Error.WriteLine($"cydef: cannot open the directory: {exception.Message}");
                return CommandLine.UsageOrIoError;
            }

            await using (directory)
            {
                return await action(parse, new Context(directory, parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, token));
            }
        });
        return command;
    }

    /// <summary>Prints an edit's refusal; 1.</summary>
    public static int Refused<T>(Context context, DirectoryEdit<T> edit)
        where T : class
    {
        foreach (var message in edit.Messages())
        {
            context.Error.WriteLine($"cydef: {message}");
        }

        return CommandLine.Invalid;
    }

    /// <summary>An organisation given by id or by name: its id (an unknown name stays as given, for the checks to refuse).</summary>
    public static async Task<string> OrganizationAsync(Context context, string value) =>
        value.StartsWith("identity--", StringComparison.Ordinal) ? value
        : (await context.Directory.FindOrganizationAsync(value, context.Cancellation))?.Id ?? value;

    public static void Write(Context context, Table table)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(context.Output), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors });
        if (Console.IsOutputRedirected || context.Output != Console.Out)
        {
            console.Profile.Width = 200;
        }

        console.Write(table);
    }

    public static string Time(DateTimeOffset? time) => time?.UtcDateTime.ToString("yyyy-MM-dd HH:mm'Z'", System.Globalization.CultureInfo.InvariantCulture) ?? "";

    /// <summary>The directory and the console of one command.</summary>
    internal sealed record Context(IDirectory Directory, TextWriter Output, TextWriter Error, CancellationToken Cancellation);
}
