using System.CommandLine;
using CyDef.Cli.Stix;
using CyDef.Server;
using CyDef.Sharing.Signatures;
using CyDef.Stix.Json;

namespace CyDef.Cli.Node;

/// <summary>
/// <c>cydef keys show|rotate|export-public|sign|verify</c>: a node's signing keys in its data folder, and signing or
/// checking the objects of STIX files with them (docs/signatures.md).
/// </summary>
internal static class KeysCommand
{
    private const int SignBatchSize = 1000;

    public static Command Create()
    {
        var command = new Command("keys", "A node's signing keys (Ed25519 + ML-DSA-65): show, rotate, export the public trust record, sign and verify STIX files.");
        command.Subcommands.Add(Show());
        command.Subcommands.Add(Rotate());
        command.Subcommands.Add(ExportPublic());
        command.Subcommands.Add(Sign());
        command.Subcommands.Add(Verify());
        command.Subcommands.Add(Follow());
        return command;
    }

    private static Option<string> NodeOption() => new("--node") { Description = "Who signs: the node's organisation identity id (default: CyDef:Sharing:Organization's default)." };

    private static Command Show()
    {
        var data = NodeRunner.DataOption();
        var command = new Command("show", "List the node's keys: id, created, retired; the current one is marked.") { data };
        command.SetAction(parse => WithKeys(parse, data, (keys, console) =>
        {
            foreach (var key in keys.All)
            {
                var state = key.Retired is { } retired ? $"retired {retired:yyyy-MM-ddTHH:mm:ss.fffZ}" : "current";
                console.Output.WriteLine($"{key.KeyId}  created {key.Created:yyyy-MM-ddTHH:mm:ss.fffZ}  {state}");
            }

            return CommandLine.Ok;
        }));
        return command;
    }

    private static Command Rotate()
    {
        var data = NodeRunner.DataOption();
        var command = new Command("rotate", "Make a new key current and retire the current one (kept to verify what it signed). A running node picks it up within a second.") { data };
        command.SetAction(parse => WithKeys(parse, data, (keys, console) =>
        {
            var old = keys.Current;
            var next = keys.Rotate();
            console.Output.WriteLine($"current key {next.KeyId}; retired {old.KeyId}");
            console.Output.WriteLine("Give peers the new trust record: cydef keys export-public");
            return CommandLine.Ok;
        }));
        return command;
    }

    private static Command ExportPublic()
    {
        var data = NodeRunner.DataOption();
        var node = NodeOption();
        var file = new Option<FileInfo>("--output", "-o") { Description = "Write the record to this file instead of standard output." };
        var command = new Command("export-public", "Write the node's public trust record (every key's public halves, JSON) for its peers to import.") { data, node, file };
        command.SetAction(parse => WithKeys(parse, data, (keys, console) =>
        {
            var json = keys.PublicRecord(parse.GetValue(node) ?? new SharingOptions().Organization).ToJson() + "\n";
            if (parse.GetValue(file) is { } output)
            {
                File.WriteAllText(output.FullName, json);
            }
            else
            {
                console.Output.Write(json);
            }

            return CommandLine.Ok;
        }));
        return command;
    }

    private static Command Sign()
    {
        var data = NodeRunner.DataOption();
        var input = new Argument<FileInfo>("FILE") { Description = "STIX objects (a bundle, an array, an object or NDJSON; '-' is standard input)." };
        var command = new Command("sign", "Sign every object of a STIX file with the node's current key and write them as NDJSON to standard output.") { data, input };
        command.SetAction(parse => WithKeys(parse, data, (keys, console) =>
        {
            var signer = new ObjectSigner(keys);
            var file = parse.GetValue(input)!;
            using var stream = StixInput.Open(file);
            var failed = 0;
            var batch = new List<(string Path, StixValue Value)>(SignBatchSize);
            foreach (var item in StixInput.Read(stream))
            {
                if (item.Value is not { } value)
                {
                    console.Error.WriteLine($"{StixInput.DisplayName(file)}: {item.Path}: {item.Error}");
                    failed++;
                    continue;
                }

                batch.Add((item.Path, value));
                if (batch.Count == SignBatchSize)
                {
                    failed += WriteSigned(signer, batch, StixInput.DisplayName(file), console);
                }
            }

            failed += WriteSigned(signer, batch, StixInput.DisplayName(file), console);
            return failed == 0 ? CommandLine.Ok : CommandLine.Invalid;
        }));
        return command;
    }

    // Objects signed together (one Merkle tree, one signature): NDJSON on standard output, errors on standard error.
    private static int WriteSigned(ObjectSigner signer, List<(string Path, StixValue Value)> batch, string file, InvocationConfiguration console)
    {
        var failed = 0;
        var signed = signer.SignBatch(batch.ConvertAll(b => b.Value));
        for (var i = 0; i < signed.Count; i++)
        {
            if (signed[i].Value is { } value)
            {
                console.Output.WriteLine(StixJsonWriter.ToJsonString(value));
            }
            else
            {
                console.Error.WriteLine($"{file}: {batch[i].Path}: {signed[i].Error}");
                failed++;
            }
        }

        batch.Clear();
        return failed;
    }

    private static Command Verify()
    {
        var input = new Argument<FileInfo>("FILE") { Description = "Signed STIX objects ('-' is standard input)." };
        var trust = new Option<FileInfo[]>("--trust") { Description = "A trust record (cydef keys export-public) of a node whose signatures are accepted; repeatable.", Required = true, AllowMultipleArgumentsPerToken = true };
        var command = new Command("verify", "Check the signature of every object of a STIX file: one line per object with the outcome and its reason. Exit 1 if any is not valid.") { input, trust };
        command.SetAction(parse =>
        {
            var console = parse.InvocationConfiguration;
            var records = new List<TrustRecord>();
            foreach (var path in parse.GetValue(trust)!)
            {
                if (!path.Exists)
                {
                    console.Error.WriteLine($"cydef: {path}: no such file");
                    return CommandLine.UsageOrIoError;
                }

                if (!TrustRecord.TryParse(File.ReadAllText(path.FullName), out var record, out var error))
                {
                    console.Error.WriteLine($"cydef: {path}: {error}");
                    return CommandLine.UsageOrIoError;
                }

                records.Add(record);
            }

            return VerifyFile(new SignatureVerifier(records), parse.GetValue(input)!, console);
        });
        return command;
    }

    private static Command Follow()
    {
        var trusted = new Argument<FileInfo>("TRUSTED") { Description = "The trust record held for a node." };
        var offered = new Argument<FileInfo>("OFFERED") { Description = "The node's newer record (after a rotation)." };
        var file = new Option<FileInfo>("--output", "-o") { Description = "Write the updated record to this file instead of standard output." };
        var command = new Command("follow", "Bring a trusted record up to date with a node's newer one: new keys are taken only when a trusted key endorsed them. Exit 1 if refused.") { trusted, offered, file };
        command.SetAction(parse =>
        {
            var console = parse.InvocationConfiguration;
            var records = new List<TrustRecord>();
            foreach (var path in new[] { parse.GetValue(trusted)!, parse.GetValue(offered)! })
            {
                if (!path.Exists || !TrustRecord.TryParse(File.ReadAllText(path.FullName), out var record, out var error))
                {
                    console.Error.WriteLine($"cydef: {path}: {(path.Exists ? "not a readable trust record" : "no such file")}");
                    return CommandLine.UsageOrIoError;
                }

                records.Add(record);
            }

            if (!records[0].Follow(records[1], out var updated, out var refused))
            {
                console.Error.WriteLine($"cydef: refused: {refused}");
                return CommandLine.Invalid;
            }

            var json = updated.ToJson() + "\n";
            if (parse.GetValue(file) is { } output)
            {
                File.WriteAllText(output.FullName, json);
            }
            else
            {
                console.Output.Write(json);
            }

            return CommandLine.Ok;
        });
        return command;
    }

    private static int VerifyFile(SignatureVerifier verifier, FileInfo file, InvocationConfiguration console)
    {
        using var stream = StixInput.Open(file);
        var bad = 0;
        foreach (var item in StixInput.Read(stream))
        {
            if (item.Value is not { } value)
            {
                console.Output.WriteLine($"{item.Path}: Malformed: {item.Error}");
                bad++;
                continue;
            }

            var check = verifier.Verify(value);
            bad += check.Status == SignatureStatus.Valid ? 0 : 1;
            console.Output.WriteLine(check.Withheld > 0 ? $"{check} ({check.Withheld} parts withheld)" : check.ToString());
        }

        return bad == 0 ? CommandLine.Ok : CommandLine.Invalid;
    }

    private static int WithKeys(ParseResult parse, Option<string> data, Func<NodeSigningKeys, InvocationConfiguration, int> action)
    {
        var console = parse.InvocationConfiguration;
        var folder = parse.GetValue(data) ?? NodeOptions.DefaultDataFolder;
        if (!Directory.Exists(folder))
        {
            console.Error.WriteLine($"cydef: {Path.GetFullPath(folder)} is not a node's data folder (no such folder)");
            return CommandLine.UsageOrIoError;
        }

        try
        {
            return action(NodeSigningKeys.Open(folder), console);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            console.Error.WriteLine($"cydef: {e.Message}");
            return CommandLine.UsageOrIoError;
        }
    }
}
