using System.CommandLine;

namespace CyDef.Cli;

/// <summary>Runs the command tree with CyDef's exit codes: 2 for a usage error, whatever the action returns otherwise.</summary>
internal static class CommandLine
{
    public const int Ok = 0;
    public const int Invalid = 1;
    public const int UsageOrIoError = 2;

    public static int Run(RootCommand root, string[] args, TextWriter? output = null, TextWriter? error = null)
    {
        var configuration = new InvocationConfiguration
        {
            Output = output ?? Console.Out,
            Error = error ?? Console.Error,
            // Ctrl+C and SIGTERM are the node's to handle (graceful shutdown); other commands end at once as usual.
            ProcessTerminationTimeout = null,
        };
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0 && !IsHelp(args))
        {
            foreach (var parseError in parse.Errors)
            {
                configuration.Error.WriteLine($"cydef: {parseError.Message}");
            }

            configuration.Error.WriteLine("Try 'cydef --help'.");
            return UsageOrIoError;
        }

        return parse.Invoke(configuration);
    }

    private static bool IsHelp(string[] args) => args.Any(a => a is "-h" or "--help" or "-?");
}
