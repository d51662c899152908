using System.CommandLine;
using CyDef.Cli.Identities;
using CyDef.Storage.Identities;

namespace CyDef.Cli.Tests;

/// <summary><c>cydef users|api-keys|orgs|communities</c> on a data folder, offline.</summary>
public sealed class IdentityCommandTests : IDisposable
{
    private const string Org = "identity--0a0a0a0a-0000-4000-8000-00000000000a";
    private readonly string _folder = Directory.CreateTempSubdirectory("cydef-cli-identities-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Data => Path.Combine(_folder, "data");

    private (int Exit, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var root = new RootCommand();
        root.Subcommands.Add(UsersCommand.Create());
        root.Subcommands.Add(ApiKeysCommand.Create());
        root.Subcommands.Add(OrgsCommand.Create());
        root.Subcommands.Add(CommunitiesCommand.Create());
        var exit = CommandLine.Run(root, [.. args, "--data", Data], output, error);
        return (exit, output.ToString(), error.ToString());
    }

    private async Task<T> WithDirectoryAsync<T>(Func<IDirectory, Task<T>> read)
    {
        await using var directory = await SqliteDirectory.OpenAsync(Data);
        return await read(directory);
    }

    private void AddOrganization() => Assert.Equal(0, Run("orgs", "add", "Belgian milCERT", "--id", Org, "--country", "be").Exit);

    [Fact]
    public void Orgs_AddAndList_WithTheirCommunities()
    {
        AddOrganization();

        var community = Run("communities", "add", "Military CERTs", "--member", "belgian milcert");
        var orgs = Run("orgs", "list");
        var communities = Run("communities", "list");

        Assert.Equal(0, community.Exit);
        Assert.Contains("community--military-certs", community.Output, StringComparison.Ordinal);
        Assert.Matches(@"Belgian milCERT\s*│\s*BE\s*│.*community--military-certs", orgs.Output);
        Assert.Matches(@"community--military-certs\s*│\s*Military CERTs\s*│\s*Belgian milCERT", communities.Output);
    }

    [Fact]
    public void Orgs_BadCountryAndDuplicateName_Exit1WithTheField()
    {
        AddOrganization();

        var bad = Run("orgs", "add", "CERT.at", "--country", "XX");
        var duplicate = Run("orgs", "add", "BELGIAN MILCERT");

        Assert.Equal((1, 1), (bad.Exit, duplicate.Exit));
        Assert.Contains("country: 'XX' is not an ISO 3166-1 alpha-2", bad.Error, StringComparison.Ordinal);
        Assert.Contains("named 'BELGIAN MILCERT' exists", duplicate.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Users_AddWithPasswordFile_ListDisablePasswd()
    {
        AddOrganization();
        var passwordFile = Path.Combine(_folder, "pw");
        await File.WriteAllTextAsync(passwordFile, "a long enough password\n");

        var add = Run("users", "add", "alice", "--role", "analyst", "--clearance", "secret", "--org", "Belgian milCERT", "--password-file", passwordFile);
        var list = Run("users", "list");
        var disable = Run("users", "disable", "alice");
        var passwd = Run("users", "passwd", "alice");

        Assert.Equal((0, 0, 0, 0), (add.Exit, list.Exit, disable.Exit, passwd.Exit));
        Assert.Matches(@"alice\s*│\s*alice\s*│\s*Belgian milCERT\s*│\s*analyst\s*│\s*secret", list.Output);
        var user = await WithDirectoryAsync(d => d.GetUserAsync("alice"));
        Assert.True(user!.Disabled);
        Assert.True(PasswordHash.Verify(passwd.Output.Trim(), user.PasswordHash!));
        Assert.False(PasswordHash.Verify("a long enough password", user.PasswordHash!));
    }

    [Fact]
    public void Users_UnknownRole_NoOrganizationYet_Exit1()
    {
        var early = Run("users", "add", "alice", "--role", "reader");
        AddOrganization();
        var badRole = Run("users", "add", "alice", "--role", "reader", "--role", "god", "--org", Org);

        Assert.Equal((1, 1), (early.Exit, badRole.Exit));
        Assert.Contains("give --org", early.Error, StringComparison.Ordinal);
        Assert.Contains("roles[1]: 'god' is not a role", badRole.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("alice", Run("users", "list").Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApiKeys_CreatePrintsTheSecretOnce_ListHidesIt_RevokeOnce()
    {
        AddOrganization();
        Run("users", "add", "alice", "--role", "reader", "--org", Org);

        var create = Run("api-keys", "create", "--user", "alice", "--name", "laptop");
        var secret = create.Output.Trim();
        var list = Run("api-keys", "list");
        var key = await WithDirectoryAsync(d => d.FindApiKeyAsync(ApiKeySecret.Hash(secret)));
        var revoke = Run("api-keys", "revoke", key!.Id);
        var again = Run("api-keys", "revoke", key.Id);

        Assert.Equal(0, create.Exit);
        Assert.StartsWith(ApiKeySecret.Marker, secret, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, list.Output, StringComparison.Ordinal);
        Assert.Contains(secret[..ApiKeySecret.PrefixLength], list.Output, StringComparison.Ordinal);
        Assert.Equal((0, 1), (revoke.Exit, again.Exit));
        Assert.Contains("revoked already", again.Error, StringComparison.Ordinal);
        Assert.Contains("revoked", Run("api-keys", "list").Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApiKeys_PeerKey_ForAnOrganizationByName()
    {
        AddOrganization();

        var create = Run("api-keys", "create", "--org", "Belgian milCERT", "--clearance", "confidential", "--write", "default");

        Assert.Equal(0, create.Exit);
        var key = await WithDirectoryAsync(d => d.FindApiKeyAsync(ApiKeySecret.Hash(create.Output.Trim())));
        Assert.Equal((Org, "confidential"), (key?.Organization, key?.Clearance));
        Assert.Equal(["*"], key?.Read);
        Assert.Equal(["default"], key?.Write);
    }
}
