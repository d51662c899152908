using System.CommandLine;
using CyDef.Cli;
using CyDef.Cli.Patterns;
using CyDef.Cli.Node;
using CyDef.Cli.Stix;

var root = new RootCommand("CyDef: federated cyber-defence coordination. Reads, validates and shares STIX 2.1.");
root.Subcommands.Add(StixCommands.Create());
root.Subcommands.Add(PatternCommands.Create());
root.Subcommands.Add(DemoCommand.Create());
root.Subcommands.Add(ServeCommand.Create());
root.Subcommands.Add(ImportCommand.Create());
root.Subcommands.Add(ExportCommand.Create());
root.Subcommands.Add(PullCommand.Create());
root.Subcommands.Add(PeersCommand.Create());
return CommandLine.Run(root, args);
