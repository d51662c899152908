using CyDef.Sharing;
using CyDef.Sharing.Markings;
using CyDef.Storage.Identities;

namespace CyDef.Storage.Tests.Identities;

/// <summary>
/// The directory suite. Every engine runs all of it: <see cref="SqliteDirectoryTests"/> and
/// <see cref="PostgresDirectoryTests"/> only say where their directory lives.
/// </summary>
public abstract class DirectoryTests : IAsyncLifetime
{
    protected const string OrgA = "identity--0a0a0a0a-0000-4000-8000-00000000000a";
    protected const string OrgB = "identity--0b0b0b0b-0000-4000-8000-00000000000b";
    protected const string Milcert = "community--military-certs";
    private static readonly DateTimeOffset Created = new(2026, 1, 2, 3, 4, 5, 678, TimeSpan.Zero);

    /// <summary>Opens the test's directory; a second call opens the same directory again (a restart).</summary>
    protected abstract Task<IDirectory> OpenAsync();

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual Task DisposeAsync() => Task.CompletedTask;

    protected static Organization Org(string id, string name, string? country = "BE") => new(id, name, country, "defense", Created);

    protected static DirectoryUser User(string name, string organization = OrgA, params string[] roles) =>
        new(name, name.ToUpperInvariant(), organization, roles, "secret", null, [], [], null, false, Created);

    protected static DirectoryApiKey Key(string secret, string? user, string? organization = null, DateTimeOffset? expires = null) =>
        new(Guid.NewGuid().ToString("N"), ApiKeySecret.Prefix(secret), ApiKeySecret.Hash(secret), "test key", user, organization, organization is null ? null : "confidential",
            organization is null ? [] : ["*"], [], Created, expires, null, null);

    private static async Task<IDirectory> WithOrganizationsAsync(IDirectory directory)
    {
        Assert.Equal(DirectoryWrite.Done, await directory.AddOrganizationAsync(Org(OrgA, "Belgian milCERT")));
        Assert.Equal(DirectoryWrite.Done, await directory.AddOrganizationAsync(Org(OrgB, "CERT.at", "AT")));
        return directory;
    }

    [SkippableFact]
    public async Task AddOrganization_New_ReadBackWithEveryField()
    {
        await using var directory = await OpenAsync();

        await WithOrganizationsAsync(directory);

        Assert.Equal(Org(OrgA, "Belgian milCERT"), await directory.GetOrganizationAsync(OrgA));
        Assert.Equal(OrgB, (await directory.FindOrganizationAsync("cert.AT"))?.Id);
        Assert.Equal(["Belgian milCERT", "CERT.at"], (await directory.ListOrganizationsAsync()).Select(o => o.Name));
        Assert.Null(await directory.GetOrganizationAsync("identity--00000000-0000-4000-8000-000000000000"));
    }

    [SkippableFact]
    public async Task AddOrganization_SameIdOrSameNameInAnotherCase_ConflictAndNothingChanged()
    {
        await using var directory = await WithOrganizationsAsync(await OpenAsync());

        Assert.Equal(DirectoryWrite.Conflict, await directory.AddOrganizationAsync(Org(OrgA, "Another name")));
        Assert.Equal(DirectoryWrite.Conflict, await directory.AddOrganizationAsync(Org("identity--0c0c0c0c-0000-4000-8000-00000000000c", " BELGIAN MILCERT ")));
        Assert.Equal(2, (await directory.ListOrganizationsAsync()).Count);
        Assert.Equal("Belgian milCERT", (await directory.GetOrganizationAsync(OrgA))?.Name);
    }

    [SkippableFact]
    public async Task UpdateOrganization_NameOfAnother_Conflict_UnknownId_NotFound()
    {
        await using var directory = await WithOrganizationsAsync(await OpenAsync());

        Assert.Equal(DirectoryWrite.Conflict, await directory.UpdateOrganizationAsync(Org(OrgA, "cert.at")));
        Assert.Equal(DirectoryWrite.NotFound, await directory.UpdateOrganizationAsync(Org("identity--0c0c0c0c-0000-4000-8000-00000000000c", "New")));
        Assert.Equal(DirectoryWrite.Done, await directory.UpdateOrganizationAsync(Org(OrgA, "CERT Défense", "FR")));
        Assert.Equal(("CERT Défense", "FR"), ((await directory.GetOrganizationAsync(OrgA))?.Name, (await directory.GetOrganizationAsync(OrgA))?.Country));
    }

    [SkippableFact]
    public async Task AddCommunity_WithMembers_MembersAndMembershipsReadBack()
    {
        await using var directory = await WithOrganizationsAsync(await OpenAsync());

        var added = await directory.AddCommunityAsync(new Community(Milcert, "Military CERTs", "MICNET", [OrgB, OrgA]));
        await directory.AddCommunityAsync(new Community("community--csirts", "CSIRTs Network", null, [OrgB]));

        Assert.Equal(DirectoryWrite.Done, added);
        var community = await directory.GetCommunityAsync(Milcert);
        Assert.Equal(("Military CERTs", "MICNET"), (community?.Name, community?.Description));
        Assert.Equal([OrgA, OrgB], community?.Members);
        Assert.Equal([Milcert], await directory.CommunitiesOfAsync(OrgA));
        Assert.Equal(["community--csirts", Milcert], await directory.CommunitiesOfAsync(OrgB));
        Assert.Equal(["CSIRTs Network", "Military CERTs"], (await directory.ListCommunitiesAsync()).Select(c => c.Name));
    }

    [SkippableFact]
    public async Task AddCommunity_UnknownMember_NotFound_DuplicateName_Conflict_NothingStored()
    {
        await using var directory = await WithOrganizationsAsync(await OpenAsync());
        await directory.AddCommunityAsync(new Community(Milcert, "Military CERTs", null, []));

        var unknownMember = await directory.AddCommunityAsync(new Community("community--x", "X", null, [OrgA, "identity--0c0c0c0c-0000-4000-8000-00000000000c"]));
        var sameName = await directory.AddCommunityAsync(new Community("community--y", "military certs", null, [OrgA]));

        Assert.Equal((DirectoryWrite.NotFound, DirectoryWrite.Conflict), (unknownMember, sameName));
        Assert.Single(await directory.ListCommunitiesAsync());
        Assert.Empty(await directory.CommunitiesOfAsync(OrgA));
    }

    [SkippableFact]
    public async Task Members_AddTwice_Conflict_Remove_Gone_UnknownCommunity_NotFound()
    {
        await using var directory = await WithOrganizationsAsync(await OpenAsync());
        await directory.AddCommunityAsync(new Community(Milcert, "Military CERTs", null, []));

        Assert.Equal(DirectoryWrite.Done, await directory.AddMemberAsync(Milcert, OrgA));
        Assert.Equal(DirectoryWrite.Conflict, await directory.AddMemberAsync(Milcert, OrgA));
        Assert.Equal(DirectoryWrite.NotFound, await directory.AddMemberAsync("community--none", OrgA));
        Assert.Equal(DirectoryWrite.NotFound, await directory.AddMemberAsync(Milcert, "identity--0c0c0c0c-0000-4000-8000-00000000000c"));
        Assert.Equal([Milcert], await directory.CommunitiesOfAsync(OrgA));
        Assert.Equal(DirectoryWrite.Done, await directory.RemoveMemberAsync(Milcert, OrgA));
        Assert.Equal(DirectoryWrite.NotFound, await directory.RemoveMemberAsync(Milcert, OrgA));
        Assert.Empty(await directory.CommunitiesOfAsync(OrgA));
    }

    [SkippableFact]
    public async Task AddUser_ReadBackWithEveryField_SurvivesAReopen()
    {
        var user = User("alice", OrgA, "analyst", "reader") with
        {
            Nationality = "BE", Communities = ["community--soc"], Exercises = ["exercise--cyber-phalanx"], PasswordHash = PasswordHash.Create("correct horse", 1000),
        };
        await using (var directory = await WithOrganizationsAsync(await OpenAsync()))
        {
            Assert.Equal(DirectoryWrite.Done, await directory.AddUserAsync(user));
        }

        await using var reopened = await OpenAsync();
        var read = await reopened.GetUserAsync("alice");

        Assert.NotNull(read);
        Assert.Equal(
            (user.UserName, user.DisplayName, user.Organization, user.Clearance, user.Nationality, user.PasswordHash, user.Disabled, user.Created),
            (read.UserName, read.DisplayName, read.Organization, read.Clearance, read.Nationality, read.PasswordHash, read.Disabled, read.Created));
        Assert.Equal(user.Roles, read.Roles);
        Assert.Equal(user.Communities, read.Communities);
        Assert.Equal(user.Exercises, read.Exercises);
        Assert.True(PasswordHash.Verify("correct horse", read.PasswordHash!));
    }

    [SkippableFact]
    public async Task AddUser_TakenName_Conflict_UnknownOrganization_NotFound()
    {
        await using var directory = await WithOrganizationsAsync(await OpenAsync());
        await directory.AddUserAsync(User("alice"));

        Assert.Equal(DirectoryWrite.Conflict, await directory.AddUserAsync(User("alice", OrgB)));
        Assert.Equal(DirectoryWrite.NotFound, await directory.AddUserAsync(User("bob", "identity--0c0c0c0c-0000-4000-8000-00000000000c")));
        Assert.Equal(["alice"], (await directory.ListUsersAsync()).Select(u => u.UserName));
        Assert.Equal(OrgA, (await directory.GetUserAsync("alice"))?.Organization);
    }

    [SkippableFact]
    public async Task UpdateUser_DisableAndChangeRoles_Stored_UnknownUser_NotFound()
    {
        await using var directory = await WithOrganizationsAsync(await OpenAsync());
        await directory.AddUserAsync(User("alice", OrgA, "reader"));

        var changed = await directory.UpdateUserAsync(User("alice", OrgB, "analyst") with { Disabled = true, Clearance = "top-secret" });

        Assert.Equal(DirectoryWrite.Done, changed);
        var read = await directory.GetUserAsync("alice");
        Assert.Equal((OrgB, true, "top-secret"), (read?.Organization, read?.Disabled, read?.Clearance));
        Assert.Equal(["analyst"], read?.Roles);
        Assert.Equal(DirectoryWrite.NotFound, await directory.UpdateUserAsync(User("nobody")));
    }

    [SkippableFact]
    public async Task ApiKey_FoundByTheHashOfItsSecretOnly()
    {
        await using var directory = await WithOrganizationsAsync(await OpenAsync());
        await directory.AddUserAsync(User("alice"));
        var secret = ApiKeySecret.Create();
        var key = Key(secret, "alice");

        Assert.Equal(DirectoryWrite.Done, await directory.AddApiKeyAsync(key));

        Assert.Equal(key.Id, (await directory.FindApiKeyAsync(ApiKeySecret.Hash(secret)))?.Id);
        Assert.Null(await directory.FindApiKeyAsync(ApiKeySecret.Hash(secret + "x")));
        Assert.StartsWith(ApiKeySecret.Marker, secret, StringComparison.Ordinal);
        Assert.Equal(secret[..ApiKeySecret.PrefixLength], (await directory.GetApiKeyAsync(key.Id))?.Prefix);
    }

    [SkippableFact]
    public async Task ApiKey_PeerKey_KeepsOrganizationClearanceAndCollections()
    {
        await using var directory = await WithOrganizationsAsync(await OpenAsync());
        var key = Key(ApiKeySecret.Create(), null, OrgB) with { Write = ["default"] };

        await directory.AddApiKeyAsync(key);

        var read = await directory.GetApiKeyAsync(key.Id);
        Assert.NotNull(read);
        Assert.True(read.IsPeer);
        Assert.Equal((OrgB, "confidential"), (read.Organization, read.Clearance));
        Assert.Equal(["*"], read.Read);
        Assert.Equal(["default"], read.Write);
    }

    [SkippableFact]
    public async Task ApiKey_UnknownOwner_NotFound_SameSecretTwice_Conflict()
    {
        await using var directory = await WithOrganizationsAsync(await OpenAsync());
        await directory.AddUserAsync(User("alice"));
        var secret = ApiKeySecret.Create();
        await directory.AddApiKeyAsync(Key(secret, "alice"));

        Assert.Equal(DirectoryWrite.NotFound, await directory.AddApiKeyAsync(Key(ApiKeySecret.Create(), "bob")));
        Assert.Equal(DirectoryWrite.NotFound, await directory.AddApiKeyAsync(Key(ApiKeySecret.Create(), null, "identity--0c0c0c0c-0000-4000-8000-00000000000c")));
        Assert.Equal(DirectoryWrite.NotFound, await directory.AddApiKeyAsync(Key(ApiKeySecret.Create(), "alice", OrgA)));
        Assert.Equal(DirectoryWrite.Conflict, await directory.AddApiKeyAsync(Key(secret, "alice")));
        Assert.Single(await directory.ListApiKeysAsync());
    }

    [SkippableFact]
    public async Task ApiKey_Revoke_Once_ThenConflict_AndNoLongerValid()
    {
        await using var directory = await WithOrganizationsAsync(await OpenAsync());
        await directory.AddUserAsync(User("alice"));
        var key = Key(ApiKeySecret.Create(), "alice");
        await directory.AddApiKeyAsync(key);
        var at = Created.AddDays(1);

        Assert.Equal(DirectoryWrite.Done, await directory.RevokeApiKeyAsync(key.Id, at));
        Assert.Equal(DirectoryWrite.Conflict, await directory.RevokeApiKeyAsync(key.Id, at.AddDays(1)));
        Assert.Equal(DirectoryWrite.NotFound, await directory.RevokeApiKeyAsync("none", at));
        var read = await directory.FindApiKeyAsync(key.Hash);
        Assert.Equal(at, read?.Revoked);
        Assert.False(read?.IsValidAt(at));
        Assert.True(key.IsValidAt(at));
    }

    [SkippableFact]
    public async Task ApiKey_Expiry_And_Touch_ReadBack()
    {
        await using var directory = await WithOrganizationsAsync(await OpenAsync());
        await directory.AddUserAsync(User("alice"));
        var key = Key(ApiKeySecret.Create(), "alice", expires: Created.AddHours(1));
        await directory.AddApiKeyAsync(key);

        await directory.TouchApiKeyAsync(key.Id, Created.AddMinutes(5));

        var read = await directory.GetApiKeyAsync(key.Id);
        Assert.Equal(Created.AddMinutes(5), read?.LastUsed);
        Assert.True(read?.IsValidAt(Created.AddMinutes(59)));
        Assert.False(read?.IsValidAt(Created.AddHours(1)));
    }

    [SkippableFact]
    public async Task Settings_SetTwice_LastValueKept()
    {
        await using var directory = await OpenAsync();

        Assert.Null(await directory.GetSettingAsync(DirectorySettings.NodeOrganization));
        await directory.SetSettingAsync(DirectorySettings.NodeOrganization, OrgA);
        await directory.SetSettingAsync(DirectorySettings.NodeOrganization, OrgB);

        Assert.Equal(OrgB, await directory.GetSettingAsync(DirectorySettings.NodeOrganization));
    }

    [SkippableFact]
    public async Task Viewer_OfAUser_OrganizationsCommunitiesAndCountryWithTheUsersOwn()
    {
        await using var directory = await WithOrganizationsAsync(await OpenAsync());
        await directory.AddCommunityAsync(new Community(Milcert, "Military CERTs", null, [OrgA]));
        var user = User("alice") with { Communities = ["community--soc"], Exercises = ["exercise--x"] };
        await directory.AddUserAsync(user);

        var viewer = DirectoryViewers.Of((await directory.GetUserAsync("alice"))!, await directory.GetOrganizationAsync(OrgA), await directory.CommunitiesOfAsync(OrgA));

        Assert.Equal((ViewerKind.User, OrgA, ClassificationLevel.Secret, "BE"), (viewer.Kind, viewer.Organization, viewer.Clearance, viewer.Nationality));
        Assert.True(viewer.Communities.SetEquals([Milcert, "community--soc"]));
        Assert.True(viewer.Exercises.SetEquals(["exercise--x"]));
    }
}
