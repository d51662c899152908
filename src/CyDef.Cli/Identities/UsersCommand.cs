using System.CommandLine;
using CyDef.Server.Identities;
using CyDef.Storage.Identities;
using Spectre.Console;

namespace CyDef.Cli.Identities;

/// <summary><c>cydef users add|list|disable|passwd</c>: the users of a node's directory.</summary>
internal static class UsersCommand
{
    public static Command Create()
    {
        var name = new Argument<string>("USER") { Description = "The user name (a-z, 0-9, '.', '_', '@', '-')." };
        var roles = new Option<string[]>("--role") { Description = "A role: administrator, analyst, reader, sensor, peer (repeatable; at least one)." };
        var organization = new Option<string>("--org") { Description = "The user's organisation, by id or name (default: the node's)." };
        var clearance = new Option<string>("--clearance") { Description = "unclassified (default), restricted, confidential, secret, top-secret." };
        var nationality = new Option<string>("--nationality") { Description = "ISO 3166-1 alpha-2 (default: the organisation's country)." };
        var displayName = new Option<string>("--display-name") { Description = "The name shown (default: the user name)." };
        var communities = new Option<string[]>("--community") { Description = "A community beyond the organisation's (repeatable)." };
        var exercises = new Option<string[]>("--exercise") { Description = "An exercise the user takes part in (repeatable)." };
        var passwordFile = PasswordFile();
        var add = DirectoryCli.Command("add", "Add a user. Exit 0: added; 1: refused.", async (parse, context) =>
        {
            var org = parse.GetValue(organization) is { } given ? await DirectoryCli.OrganizationAsync(context, given) : await context.Directory.GetSettingAsync(DirectorySettings.NodeOrganization, context.Cancellation);
            if (org is null)
            {
                context.Error.WriteLine("cydef: the node has not started yet, so its organisation is unknown: give --org");
                return CommandLine.Invalid;
            }

            var request = new UserRequest(parse.GetValue(name), parse.GetValue(displayName), org, parse.GetValue(roles), parse.GetValue(clearance),
                parse.GetValue(nationality), parse.GetValue(communities), parse.GetValue(exercises), ReadPassword(parse.GetValue(passwordFile)));
            var edit = await DirectoryEdits.AddUserAsync(context.Directory, request, org, DateTimeOffset.UtcNow, context.Cancellation);
            return edit.Done ? CommandLine.Ok : DirectoryCli.Refused(context, edit);
        }, name, roles, organization, clearance, nationality, displayName, communities, exercises, passwordFile);

        var list = DirectoryCli.Command("list", "List the users.", async (parse, context) =>
        {
            var names = (await context.Directory.ListOrganizationsAsync(context.Cancellation)).ToDictionary(o => o.Id, o => o.Name, StringComparer.Ordinal);
            var table = new Table().AddColumns("user", "name", "organisation", "roles", "clearance", "communities", "state");
            foreach (var user in await context.Directory.ListUsersAsync(context.Cancellation))
            {
                table.AddRow(Markup.Escape(user.UserName), Markup.Escape(user.DisplayName), Markup.Escape(names.GetValueOrDefault(user.Organization, user.Organization)),
                    string.Join(", ", user.Roles), user.Clearance, Markup.Escape(string.Join(", ", user.Communities)), user.Disabled ? "disabled" : "active");
            }

            DirectoryCli.Write(context, table);
            return CommandLine.Ok;
        });

        var disabledName = new Argument<string>("USER") { Description = "The user name." };
        var disable = DirectoryCli.Command("disable", "Disable a user: no sign-in, no key works. Exit 0: done; 1: no such user.", async (parse, context) =>
        {
            var edit = await DirectoryEdits.ChangeUserAsync(context.Directory, parse.GetValue(disabledName)!, new UserChange(null, null, null, null, null, null, null, Disabled: true), context.Cancellation);
            return edit.Done ? CommandLine.Ok : DirectoryCli.Refused(context, edit);
        }, disabledName);

        var passwdName = new Argument<string>("USER") { Description = "The user name." };
        var passwdFile = PasswordFile();
        var passwd = DirectoryCli.Command("passwd", "Set a user's password (from --password-file, or a random one printed once). Exit 0: done; 1: refused.", async (parse, context) =>
        {
            var edit = await DirectoryEdits.SetPasswordAsync(context.Directory, parse.GetValue(passwdName)!, ReadPassword(parse.GetValue(passwdFile)), context.Cancellation);
            if (!edit.Done)
            {
                return DirectoryCli.Refused(context, edit);
            }

            if (edit.Value!.Password is { } made)
            {
                context.Output.WriteLine(made);
            }

            return CommandLine.Ok;
        }, passwdName, passwdFile);
        return new Command("users", "The users of a node's directory (offline: the node need not run).") { add, list, disable, passwd };
    }

    private static Option<string> PasswordFile() => new("--password-file") { Description = "Read the password from the first line of this file ('-': standard input)." };

    private static string? ReadPassword(string? file) => file switch
    {
        null => null,
        "-" => Console.In.ReadLine() ?? "",
        _ => File.ReadLines(file).FirstOrDefault() ?? "",
    };
}
