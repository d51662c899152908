using System.CommandLine;

namespace CyDef.Cli.Tests;

/// <summary>Runs <c>cydef</c> with some of its commands, in process, capturing what it writes.</summary>
internal static class CliRunner
{
    /// <summary>The exit code and what the command wrote to standard output and standard error.</summary>
    /// <param name="commands">The commands the root holds.</param>
    /// <param name="args">The command line.</param>
    public static (int Exit, string Output, string Error) Run(Command[] commands, string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var root = new RootCommand();
        foreach (var command in commands)
        {
            root.Subcommands.Add(command);
        }

        var exit = CommandLine.Run(root, args, output, error);
        return (exit, output.ToString(), error.ToString());
    }
}
