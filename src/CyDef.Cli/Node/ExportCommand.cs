using System.CommandLine;
using System.Text.Json;
using CyDef.Server;
using CyDef.Server.Identities;
using CyDef.Sharing;
using CyDef.Sharing.Markings;
using CyDef.Stix.Json;
using CyDef.Storage;
using CyDef.Storage.Identities;
using CyDef.Storage.Sharing;
using CyDef.Storage.Sqlite;
using Microsoft.Extensions.Configuration;

namespace CyDef.Cli.Node;

/// <summary>
/// <c>cydef export [--data DIR] [--type T]... [--all-versions] [--output FILE] [--as-user NAME | audience options]</c>:
/// writes a node's objects as one STIX 2.1 bundle (the newest version of each object by default), streamed page by
/// page in change-feed order, as a viewer may have them: every object goes through the sharing policy
/// (<see cref="PolicyView"/>), denied ones are left out and redacted ones have their denied parts removed (and their
/// signatures rewritten). The viewer is a user of the node's directory (<c>--as-user</c>) or an export audience
/// (<c>--organization</c>, <c>--clearance</c>, <c>--nationality</c>, <c>--community</c>, <c>--exercise</c>); without
/// any, the audience is anonymous and unclassified: TLP:CLEAR and unmarked content only. The node's organisation and
/// communities come from its configuration (<c>CyDef:Sharing</c>, as for <c>cydef serve</c>: appsettings.json,
/// <c>CyDef__Sharing__…</c> environment variables, <c>--CyDef:Sharing:…=…</c> arguments) and its directory.
/// </summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var data = NodeRunner.DataOption();
        var types = new Option<string[]>("--type") { Description = "Only objects of this STIX type (repeatable).", AllowMultipleArgumentsPerToken = true };
        var all = new Option<bool>("--all-versions") { Description = "Every stored version, not only the newest of each object." };
        var file = new Option<FileInfo>("--output", "-o") { Description = "Write the bundle to this file instead of standard output." };
        var user = new Option<string>("--as-user") { Description = "Export what this user of the node's directory may see." };
        var organization = new Option<string>("--organization") { Description = "The export audience's organisation (an identity id)." };
        var clearance = new Option<string>("--clearance") { Description = "The audience's clearance: unclassified (default), restricted, confidential, secret, top-secret." };
        var nationality = new Option<string>("--nationality") { Description = "The audience's country (ISO 3166-1 alpha-2)." };
        var communities = new Option<string[]>("--community") { Description = "A community the audience belongs to (repeat the option for more)." };
        var exercises = new Option<string[]>("--exercise") { Description = "An exercise the audience takes part in (repeat the option for more)." };
        var command = new Command("export", "Write a node's objects as a STIX 2.1 bundle (to standard output by default), as a user or an export audience may have them (default: anonymous, unclassified).")
        {
            data, types, all, file, user, organization, clearance, nationality, communities, exercises,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parse, token) =>
        {
            var folder = parse.GetValue(data) ?? NodeOptions.DefaultDataFolder;
            var audience = new Audience(parse.GetValue(user), parse.GetValue(organization), parse.GetValue(clearance), parse.GetValue(nationality), parse.GetValue(communities) ?? [], parse.GetValue(exercises) ?? []);
            return await RunAsync(folder, parse.GetValue(types) ?? [], parse.GetValue(all), parse.GetValue(file), audience, [.. parse.UnmatchedTokens], parse.InvocationConfiguration, token);
        });
        return command;
    }

    private static async Task<int> RunAsync(string folder, string[] types, bool allVersions, FileInfo? file, Audience audience, string[] settings, InvocationConfiguration console, CancellationToken cancellationToken)
    {
        if (!File.Exists(Path.Combine(folder, SqliteObjectStore.FileName)))
        {
            console.Error.WriteLine($"cydef: {Path.GetFullPath(folder)} holds no node store");
            return CommandLine.UsageOrIoError;
        }

        if (settings.FirstOrDefault(s => !s.StartsWith("--CyDef:", StringComparison.OrdinalIgnoreCase)) is { } unknown)
        {
            console.Error.WriteLine($"cydef: unknown argument '{unknown}'");
            return CommandLine.UsageOrIoError;
        }

        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine(settings)
            .Build();
        var sharing = configuration.GetSection(SharingOptions.Section).Get<SharingOptions>() ?? new SharingOptions();
        await using var store = await SqliteObjectStore.OpenAsync(folder, cancellationToken);
        var (viewer, node, problem) = await ViewerAsync(folder, sharing, audience, cancellationToken);
        if (viewer is null)
        {
            console.Error.WriteLine($"cydef: {problem}");
            return CommandLine.UsageOrIoError;
        }

        var markings = new MarkingRegistry
        {
            Lookup = id => store.GetAsync(id).GetAwaiter().GetResult() is { } stored ? StixJsonReader.Parse(stored.Json.Span).Value : null,
        };
        var view = new PolicyView(store, new SharingPolicy(markings, node!), viewer);
        var query = new ObjectQuery { Types = types, Versions = allVersions ? VersionFilter.All : VersionFilter.Last, Limit = ObjectQuery.MaxLimit };
        long count;
        if (file is null)
        {
            await using var stdout = Console.OpenStandardOutput();
            count = await WriteBundleAsync(view, query, console.Output == Console.Out ? stdout : null, console.Output, cancellationToken);
        }
        else
        {
            await using var stream = file.Create();
            count = await WriteBundleAsync(view, query, stream, null, cancellationToken);
        }

        console.Error.WriteLine($"cydef: exported {count:N0} objects as {Describe(viewer)}");
        return CommandLine.Ok;
    }

    // The viewer, and the node as the policy sees it (its configured communities and those the directory gives its organisation).
    private static async Task<(Viewer? Viewer, NodeIdentity? Node, string? Problem)> ViewerAsync(string folder, SharingOptions sharing, Audience audience, CancellationToken cancellationToken)
    {
        var describesAudience = (audience.Organization ?? audience.Clearance ?? audience.Nationality) is not null || audience.Communities.Length + audience.Exercises.Length > 0;
        if (audience.User is not null && describesAudience)
        {
            return (null, null, "--as-user and the audience options (--organization, --clearance, --nationality, --community, --exercise) exclude each other");
        }

        var clearance = ClassificationLevel.Unclassified;
        if (audience.Clearance is { } text && !Classifications.TryParseEu(text, out clearance))
        {
            return (null, null, $"--clearance '{text}' is not one of unclassified, restricted, confidential, secret, top-secret");
        }

        await using var directory = await NodeIdentities.OpenDirectoryAsync(new NodeOptions { DataFolder = folder }, cancellationToken);
        var nodeCommunities = new HashSet<string>(sharing.Communities, StringComparer.Ordinal);
        nodeCommunities.UnionWith(await directory.CommunitiesOfAsync(sharing.Organization, cancellationToken));
        var node = sharing.Node() with { Communities = nodeCommunities };
        if (audience.User is { } name)
        {
            if (await directory.GetUserAsync(name, cancellationToken) is not { } user)
            {
                return (null, null, $"no user '{name}' in the node's directory");
            }

            var organization = await directory.GetOrganizationAsync(user.Organization, cancellationToken);
            var communities = await directory.CommunitiesOfAsync(user.Organization, cancellationToken);
            return (DirectoryViewers.Of(user, organization, communities), node, null);
        }

        var viewer = new Viewer(ViewerKind.Export, audience.Organization ?? "", clearance, audience.Nationality,
            new HashSet<string>(audience.Communities, StringComparer.Ordinal), new HashSet<string>(audience.Exercises, StringComparer.Ordinal));
        return (viewer, node, null);
    }

    private static string Describe(Viewer viewer) =>
        $"{viewer.Kind.ToString().ToLowerInvariant()} {(viewer.Organization.Length > 0 ? viewer.Organization : "(anonymous)")}, {viewer.Clearance.ToString().ToLowerInvariant()}";

    private static async Task<long> WriteBundleAsync(PolicyView view, ObjectQuery query, Stream? stream, TextWriter? text, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var target = stream ?? buffer;
        long count = 0;
        await using (var json = new Utf8JsonWriter(target, new JsonWriterOptions { SkipValidation = true }))
        {
            json.WriteStartObject();
            json.WriteString("type"u8, "bundle");
            json.WriteString("id"u8, "bundle--" + Guid.NewGuid());
            json.WriteStartArray("objects"u8);
            SharedPage page;
            do
            {
                page = await view.QueryAsync(query, cancellationToken);
                foreach (var item in page.Items)
                {
                    // An object given whole is written as stored; a redacted one as the policy gave it.
                    if (item.Outcome == SharingOutcome.Allow)
                    {
                        json.WriteRawValue(item.Stored.Json.Span, skipInputValidation: true);
                    }
                    else
                    {
                        json.WriteRawValue(StixJsonWriter.ToUtf8Bytes(item.Value), skipInputValidation: true);
                    }

                    count++;
                }

                await json.FlushAsync(cancellationToken);
                query = query with { After = page.Next };
            }
            while (page.More);

            json.WriteEndArray();
            json.WriteEndObject();
        }

        if (stream is null)
        {
            text!.Write(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
        }

        return count;
    }

    private sealed record Audience(string? User, string? Organization, string? Clearance, string? Nationality, string[] Communities, string[] Exercises);
}
