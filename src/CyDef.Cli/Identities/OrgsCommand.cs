using System.CommandLine;
using CyDef.Server.Identities;
using CyDef.Storage.Identities;
using Spectre.Console;

namespace CyDef.Cli.Identities;

/// <summary><c>cydef orgs add|list</c>: the organisations of a node's directory.</summary>
internal static class OrgsCommand
{
    public static Command Create()
    {
        var name = new Argument<string>("NAME") { Description = "The organisation's name (unique)." };
        var id = new Option<string>("--id") { Description = "Its STIX identity id (identity--UUID); a new one when absent." };
        var country = new Option<string>("--country") { Description = "Its ISO 3166-1 alpha-2 country code." };
        var sector = new Option<string>("--sector") { Description = "Its sector (STIX industry-sector vocabulary: defense, government-national …)." };
        var add = DirectoryCli.Command("add", "Add an organisation. Exit 0: added; 1: refused.", async (parse, context) =>
        {
            var edit = await DirectoryEdits.AddOrganizationAsync(context.Directory, new OrganizationRequest(parse.GetValue(id), parse.GetValue(name), parse.GetValue(country), parse.GetValue(sector)), DateTimeOffset.UtcNow, context.Cancellation);
            if (!edit.Done)
            {
                return DirectoryCli.Refused(context, edit);
            }

            context.Output.WriteLine($"{edit.Value!.Id}  {edit.Value.Name}");
            return CommandLine.Ok;
        }, name, id, country, sector);
        var list = DirectoryCli.Command("list", "List the organisations.", async (parse, context) =>
        {
            var node = await context.Directory.GetSettingAsync(DirectorySettings.NodeOrganization, context.Cancellation);
            var table = new Table().AddColumns("id", "name", "country", "sector", "communities");
            foreach (var organization in await context.Directory.ListOrganizationsAsync(context.Cancellation))
            {
                var communities = await context.Directory.CommunitiesOfAsync(organization.Id, context.Cancellation);
                table.AddRow(Markup.Escape(organization.Id), Markup.Escape(organization.Name + (organization.Id == node ? " (this node)" : "")),
                    organization.Country ?? "", Markup.Escape(organization.Sector ?? ""), Markup.Escape(string.Join(", ", communities)));
            }

            DirectoryCli.Write(context, table);
            return CommandLine.Ok;
        });
        return new Command("orgs", "The organisations of a node's directory.") { add, list };
    }
}
