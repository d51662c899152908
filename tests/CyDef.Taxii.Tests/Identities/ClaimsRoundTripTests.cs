using CsCheck;
using CyDef.Server.Identities;
using CyDef.Sharing;
using CyDef.Sharing.Markings;
using CyDef.Storage.Identities;
using CyDef.Taxii.Security;

namespace CyDef.Taxii.Tests.Identities;

/// <summary>The claims a directory user gets turn back into the viewer built from the user's record, whatever the node's defaults.</summary>
public sealed class ClaimsRoundTripTests
{
    private static readonly Gen<string> Token = Gen.Int[0, 5].Select(i => $"community--c{i}");
    private static readonly Gen<string?> Country = Gen.OneOf(new string?[] { null, "BE", "FR", "AT", "DE" });

    private static readonly Gen<(DirectoryUser User, Organization Organization, string[] Memberships)> Users =
        from org in Gen.Int[0, 3]
        from country in Country
        from nationality in Country
        from clearance in Gen.OneOf(new[] { "unclassified", "restricted", "confidential", "secret", "top-secret" })
        from roles in Gen.OneOf(NodeClaims.Roles.ToArray()).Array[1, 3]
        from own in Token.Array[0, 3]
        from memberships in Token.Array[0, 3]
        from exercises in Gen.Int[0, 3].Select(i => $"exercise-{i}").Array[0, 2]
        let organization = new Organization($"identity--00000000-0000-4000-8000-00000000000{org}", "org " + org, country, null, DateTimeOffset.UnixEpoch)
        select (new DirectoryUser("u", "U", organization.Id, roles.Distinct().ToList(), clearance, nationality, own, exercises, null, false, DateTimeOffset.UnixEpoch), organization, memberships);

    private static readonly Gen<Viewer> Defaults =
        from nationality in Country
        from communities in Token.Array[0, 3]
        from clearance in Gen.Enum<ClassificationLevel>()
        select new Viewer(ViewerKind.User, "identity--c7d0e3a2-5b1f-4c8e-9a6d-2f4b8e1c0d01", clearance, nationality, communities.ToHashSet(), new HashSet<string> { "exercise-9" });

    [Fact]
    public void ViewerOf_ClaimsOfAUser_IsTheViewerOfTheUsersRecord()
    {
        Gen.Select(Users, Defaults).Sample((sample, defaults) =>
        {
            var (user, organization, memberships) = sample;
            var expected = DirectoryViewers.Of(user, organization, memberships);
            var principal = NodeClaims.Principal(user.UserName, user.Roles, [], [], ViewerClaims.Of(expected), ApiKeyOptions.Scheme);

            var actual = ViewerClaims.ViewerOf(principal, defaults);

            return actual.Kind == expected.Kind
                && actual.Organization == expected.Organization
                && actual.Clearance == expected.Clearance
                && actual.Nationality == expected.Nationality
                && actual.Communities.SetEquals(expected.Communities)
                && actual.Exercises.SetEquals(expected.Exercises)
                && user.Roles.All(principal.IsInRole);
        }, iter: 2000);
    }

    [Fact]
    public void DirectoryViewer_PeerRole_PeerKind_AndNationalityFallsBackToTheOrganizationsCountry()
    {
        var organization = new Organization("identity--00000000-0000-4000-8000-000000000001", "o", "AT", null, DateTimeOffset.UnixEpoch);
        var user = new DirectoryUser("p", "P", organization.Id, ["peer"], "secret", null, [], [], null, false, DateTimeOffset.UnixEpoch);

        var viewer = DirectoryViewers.Of(user, organization, ["community--c1"]);

        Assert.Equal((ViewerKind.Peer, "AT", ClassificationLevel.Secret), (viewer.Kind, viewer.Nationality, viewer.Clearance));
    }

    [Fact]
    public void RightsOf_Roles_ReadWriteAndTypes()
    {
        static string[] Rights(params string[] roles) => NodeClaims.RightsOf(roles).Select(c => $"{c.Type}={c.Value}").Order().ToArray();

        Assert.Equal(["cydef:read=*", "cydef:write=*"], Rights("analyst"));
        Assert.Equal(["cydef:read=*"], Rights("reader"));
        Assert.Equal(["cydef:read-type=indicator", "cydef:read=*"], Rights("sensor"));
        Assert.Equal(["cydef:read=*"], Rights("sensor", "reader"));
        Assert.Empty(Rights("peer"));
        Assert.Empty(Rights("administrator"));
    }

    [Fact]
    public void NodeDirectoryClaim_IsNotAViewerClaim()
    {
        Assert.DoesNotContain(NodeDirectory.ApiKeyClaim, new[] { ViewerClaims.Organization, ViewerClaims.Clearance, ViewerClaims.Sets });
    }
}
