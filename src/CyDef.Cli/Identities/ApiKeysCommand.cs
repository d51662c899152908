using System.CommandLine;
using System.Globalization;
using CyDef.Server.Identities;
using Spectre.Console;

namespace CyDef.Cli.Identities;

/// <summary><c>cydef api-keys create|list|revoke</c>: the API keys of a node's directory.</summary>
internal static class ApiKeysCommand
{
    public static Command Create()
    {
        var user = new Option<string>("--user") { Description = "The user the key belongs to (reads and writes as that user)." };
        var organization = new Option<string>("--org") { Description = "The peer organisation the key belongs to, by id or name (a node of it syncing with this one)." };
        var name = new Option<string>("--name") { Description = "What the key is for." };
        var expires = new Option<string>("--expires") { Description = "When it stops working (ISO 8601, e.g. 2027-01-01)." };
        var clearance = new Option<string>("--clearance") { Description = "A peer key: the level the peer is accredited for." };
        var read = new Option<string[]>("--read") { Description = "A peer key: a collection it may read (repeatable; default *)." };
        var write = new Option<string[]>("--write") { Description = "A peer key: a collection it may write (repeatable)." };
        var create = DirectoryCli.Command("create", "Make an API key and print its secret (shown this once). Exit 0: made; 1: refused.", async (parse, context) =>
        {
            DateTimeOffset? expiry = null;
            if (parse.GetValue(expires) is { } text)
            {
                if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
                {
                    context.Error.WriteLine($"cydef: --expires: '{text}' is not a date (ISO 8601)");
                    return CommandLine.UsageOrIoError;
                }

                expiry = parsed;
            }

            var org = parse.GetValue(organization) is { } given ? await DirectoryCli.OrganizationAsync(context, given) : null;
            var request = new ApiKeyRequest(parse.GetValue(name), parse.GetValue(user), org, parse.GetValue(clearance), parse.GetValue(read) is { Length: > 0 } r ? r : null,
                parse.GetValue(write) is { Length: > 0 } w ? w : null, expiry);
            var edit = await DirectoryEdits.CreateApiKeyAsync(context.Directory, request, DateTimeOffset.UtcNow, context.Cancellation);
            if (!edit.Done)
            {
                return DirectoryCli.Refused(context, edit);
            }

            context.Error.WriteLine($"API key {edit.Value!.Key.Id} made; its secret, shown this once:");
            context.Output.WriteLine(edit.Value.Secret);
            return CommandLine.Ok;
        }, user, organization, name, expires, clearance, read, write);

        var list = DirectoryCli.Command("list", "List the API keys (never their secrets).", async (parse, context) =>
        {
            var table = new Table().AddColumns("id", "prefix", "name", "owner", "created", "expires", "last used", "state");
            var now = DateTimeOffset.UtcNow;
            foreach (var key in await context.Directory.ListApiKeysAsync(context.Cancellation))
            {
                var state = key.Revoked is not null ? "revoked" : key.IsValidAt(now) ? "active" : "expired";
                table.AddRow(key.Id, Markup.Escape(key.Prefix + "…"), Markup.Escape(key.Name), Markup.Escape(key.UserName ?? "peer " + key.Organization),
                    DirectoryCli.Time(key.Created), DirectoryCli.Time(key.Expires), DirectoryCli.Time(key.LastUsed), state);
            }

            DirectoryCli.Write(context, table);
            return CommandLine.Ok;
        });

        var id = new Argument<string>("ID") { Description = "The key's id (from list)." };
        var revoke = DirectoryCli.Command("revoke", "Revoke an API key. Exit 0: revoked; 1: no such key, or revoked already.", async (parse, context) =>
        {
            var edit = await DirectoryEdits.RevokeApiKeyAsync(context.Directory, parse.GetValue(id)!, DateTimeOffset.UtcNow, context.Cancellation);
            return edit.Done ? CommandLine.Ok : DirectoryCli.Refused(context, edit);
        }, id);
        return new Command("api-keys", "The API keys of a node's directory (offline: the node need not run).") { create, list, revoke };
    }
}
