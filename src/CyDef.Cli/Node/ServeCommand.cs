using System.CommandLine;

namespace CyDef.Cli.Node;

/// <summary><c>cydef serve</c>: run a node (TAXII 2.1, REST API, health) on a data folder until Ctrl+C or SIGTERM.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var data = NodeRunner.DataOption();
        var urls = NodeRunner.UrlsOption();
        var noDemo = new Option<bool>("--no-demo") { Description = "Do not load the demo content into an empty store." };
        var command = new Command("serve", "Run a CyDef node on a data folder: TAXII 2.1, the REST API and its reference page, health. "
            + "CYDEF_BOOTSTRAP_API_KEY=KEY makes KEY an administrator's API key; settings may follow as --CyDef:Section:Key=value.")
        {
            data, urls, noDemo,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((parse, token) => NodeRunner.RunAsync(parse, data, urls, loadDemo: !parse.GetValue(noDemo), token));
        return command;
    }
}
