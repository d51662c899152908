using System.CommandLine;
using CyDef.Server.Identities;
using Spectre.Console;

namespace CyDef.Cli.Identities;

/// <summary><c>cydef communities add|list|add-member</c>: the communities of a node's directory.</summary>
internal static class CommunitiesCommand
{
    public static Command Create()
    {
        var name = new Argument<string>("NAME") { Description = "The community's name (unique)." };
        var id = new Option<string>("--id") { Description = "Its id (community--NAME); made from the name when absent." };
        var description = new Option<string>("--description") { Description = "What it is." };
        var members = new Option<string[]>("--member") { Description = "A member organisation, by id or name (repeatable)." };
        var add = DirectoryCli.Command("add", "Add a community. Exit 0: added; 1: refused.", async (parse, context) =>
        {
            var ids = new List<string>();
            foreach (var member in parse.GetValue(members) ?? [])
            {
                ids.Add(await DirectoryCli.OrganizationAsync(context, member));
            }

            var edit = await DirectoryEdits.AddCommunityAsync(context.Directory, new CommunityRequest(parse.GetValue(id), parse.GetValue(name), parse.GetValue(description), ids), context.Cancellation);
            if (!edit.Done)
            {
                return DirectoryCli.Refused(context, edit);
            }

            context.Output.WriteLine($"{edit.Value!.Id}  {edit.Value.Name}");
            return CommandLine.Ok;
        }, name, id, description, members);

        var community = new Argument<string>("COMMUNITY") { Description = "The community's id." };
        var organization = new Argument<string>("ORGANIZATION") { Description = "The organisation, by id or name." };
        var addMember = DirectoryCli.Command("add-member", "Make an organisation a member of a community. Exit 0: done; 1: refused.", async (parse, context) =>
        {
            var edit = await DirectoryEdits.AddMemberAsync(context.Directory, parse.GetValue(community)!, await DirectoryCli.OrganizationAsync(context, parse.GetValue(organization)!), context.Cancellation);
            return edit.Done ? CommandLine.Ok : DirectoryCli.Refused(context, edit);
        }, community, organization);

        var list = DirectoryCli.Command("list", "List the communities and their members.", async (parse, context) =>
        {
            var names = (await context.Directory.ListOrganizationsAsync(context.Cancellation)).ToDictionary(o => o.Id, o => o.Name, StringComparer.Ordinal);
            var table = new Table().AddColumns("id", "name", "members", "description");
            foreach (var item in await context.Directory.ListCommunitiesAsync(context.Cancellation))
            {
                table.AddRow(Markup.Escape(item.Id), Markup.Escape(item.Name), Markup.Escape(string.Join(", ", item.Members.Select(m => names.GetValueOrDefault(m, m)))), Markup.Escape(item.Description ?? ""));
            }

            DirectoryCli.Write(context, table);
            return CommandLine.Ok;
        });
        return new Command("communities", "The communities of a node's directory: named sets of organisations.") { add, list, addMember };
    }
}
