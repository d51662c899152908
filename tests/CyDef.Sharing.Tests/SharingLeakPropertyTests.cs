using CsCheck;
using CyDef.Sharing.Markings;
using CyDef.Stix.Json;
using static CyDef.Sharing.Tests.Fixtures;

namespace CyDef.Sharing.Tests;

/// <summary>
/// Random objects × random markings × random viewers: the policy's answer equals an independent reading of the
/// rules in docs/sharing.md, and nothing a viewer is denied is ever in what it is given.
/// </summary>
public sealed class SharingLeakPropertyTests
{
    private const string Unknown = "marking-definition--0d2f1c3a-1111-4222-8333-944455556666";

    // Indicator properties the fixture always has that §4.7 or §3.2 require, or that the policy never removes.
    private static readonly HashSet<string> Kept = ["type", "id", "spec_version", "created", "modified", "pattern", "pattern_type", "valid_from", "created_by_ref", "object_marking_refs", "granular_markings"];

    private static readonly string[] Selectors =
        ["name", "description", "labels", "labels.[1]", "external_references.[0].url", "external_references.[0]", "pattern", "valid_from", "confidence"];

    /// <summary>A marking as the test describes it, independently of the policy's model.</summary>
    private sealed record MarkingCase(TlpLevel? Tlp, ClassificationLevel Level, string[]? Countries, string[]? Organizations, string[]? RelCommunities, string? Community, string? Exercise, bool IsUnknown);

    private static readonly Gen<string[]> SomeCountries = Gen.OneOf(Countries).Array[0, 2].Select(a => a.Distinct().ToArray());
    private static readonly Gen<string[]> SomeOrganizations = Gen.OneOf(Organizations).Array[0, 2].Select(a => a.Distinct().ToArray());
    private static readonly Gen<string[]> SomeCommunities = Gen.OneOf(Communities).Array[0, 2].Select(a => a.Distinct().ToArray());
    private static readonly Gen<string?> MaybeCommunity = Gen.Frequency((3, Gen.Int[0, 0].Select(_ => (string?)null)), (1, Gen.OneOf(Communities).Select(c => (string?)c)));
    private static readonly Gen<string?> MaybeExercise = Gen.Frequency((5, Gen.Int[0, 0].Select(_ => (string?)null)), (1, Gen.OneOf(Exercises).Select(c => (string?)c)));

    private static readonly Gen<MarkingCase> Marking = Gen.Frequency(
        (5, Gen.Enum<TlpLevel>().Select(t => new MarkingCase(t, ClassificationLevel.Unclassified, null, null, null, null, null, false))),
        (5, Gen.Select(Gen.Enum<ClassificationLevel>(), Gen.Bool, SomeCountries, SomeOrganizations, SomeCommunities, MaybeCommunity, MaybeExercise)
            .Select((level, rel, countries, organizations, communities, community, exercise) =>
                new MarkingCase(null, level, rel ? countries : null, rel ? organizations : null, rel ? communities : null, community, exercise, false))),
        (1, Gen.Const(new MarkingCase(null, ClassificationLevel.Unclassified, null, null, null, null, null, true))));

    private static readonly Gen<Viewer> Viewers = Gen.Select(
        Gen.Enum<ViewerKind>(), Gen.OneOf(Organizations), Gen.Enum<ClassificationLevel>(), Gen.OneOf(Countries).Null(), SomeCommunities, Gen.OneOf(Exercises).Array[0, 2])
        .Select((kind, organization, clearance, nationality, communities, exercises) =>
            new Viewer(kind, organization, clearance, nationality, new HashSet<string>(communities), new HashSet<string>(exercises)));

    private sealed record Case(string? Owner, MarkingCase[] ObjectMarkings, (MarkingCase Marking, string[] Selectors)[] Granular, Viewer[] Viewers);

    private static readonly Gen<Case> Cases = Gen.Select(
        Gen.OneOf(Organizations).Null(),
        Marking.Array[0, 3],
        Gen.Select(Marking, Gen.OneOf(Selectors).Array[1, 2]).Array[0, 3],
        Viewers.Array[6, 10],
        (owner, markings, granular, viewers) => new Case(owner, markings, granular, viewers));

    [Fact]
    public void Decide_RandomObjectsMarkingsAndViewers_AgreesWithTheRulesAndLeaksNothing()
    {
        var decisions = 0;
        Cases.Sample(testCase =>
        {
            var registry = new MarkingRegistry();
            var ids = new Dictionary<MarkingCase, string>(ReferenceEqualityComparer.Instance);
            string Id(MarkingCase marking) => ids.TryGetValue(marking, out var id) ? id : ids[marking] = Register(registry, marking);
            var indicator = Indicator(
                testCase.Owner,
                testCase.ObjectMarkings.Select(Id).ToArray(),
                testCase.Granular.Select(g => (Id(g.Marking), g.Selectors)).ToArray());
            var policy = new SharingPolicy(registry, TheNode);
            var named = testCase.ObjectMarkings.SelectMany(m => m.Organizations ?? []).ToHashSet();

            foreach (var viewer in testCase.Viewers)
            {
                var decision = policy.Decide(indicator, viewer);
                decisions++;
                var objectAllowed = testCase.ObjectMarkings.All(m => Allows(m, viewer, testCase.Owner, named));
                var denied = testCase.Granular.Where(g => !Allows(g.Marking, viewer, testCase.Owner, named)).SelectMany(g => g.Selectors).ToList();
                var essentialDenied = denied.Any(s => Kept.Contains(s.Split('.')[0]));
                var expected = !objectAllowed || essentialDenied ? SharingOutcome.Deny
                    : denied.Count == 0 ? SharingOutcome.Allow
                    : SharingOutcome.AllowRedacted;

                Assert.Equal(expected, decision.Outcome);
                Assert.Equal(objectAllowed, policy.DeniesObjectLevel(testCase.Owner, testCase.ObjectMarkings.Select(Id).ToArray(), viewer) is null);

                // A deletion is told to whom the skeleton the deletion log keeps is allowed: exactly those allowed the object.
                Assert.Equal(decision.IsAllowed, policy.Decide(AccessSkeleton.Of(indicator), viewer).IsAllowed);
                if (decision.Value is not { } given)
                {
                    continue;
                }

                foreach (var selector in denied)
                {
                    Assert.Null(Resolve(given, selector));
                }

                AssertPartOf(given, indicator);
                if (expected == SharingOutcome.Allow)
                {
                    Assert.True(given.DeepEquals(indicator));
                }
            }
        }, iter: 3000);

        Assert.True(decisions > 18_000);
    }

    [Fact]
    public void Decide_MoreClearanceCommunitiesOrExercises_NeverSeesLess()
    {
        Cases.Sample(testCase =>
        {
            var registry = new MarkingRegistry();
            var ids = new Dictionary<MarkingCase, string>(ReferenceEqualityComparer.Instance);
            string Id(MarkingCase marking) => ids.TryGetValue(marking, out var id) ? id : ids[marking] = Register(registry, marking);
            var indicator = Indicator(testCase.Owner, testCase.ObjectMarkings.Select(Id).ToArray(), testCase.Granular.Select(g => (Id(g.Marking), g.Selectors)).ToArray());
            var policy = new SharingPolicy(registry, TheNode);
            foreach (var viewer in testCase.Viewers)
            {
                var more = viewer with
                {
                    Clearance = ClassificationLevel.TopSecret,
                    Communities = new HashSet<string>(viewer.Communities.Append(Communities[testCase.Viewers.Length % Communities.Length])),
                    Exercises = new HashSet<string>(Exercises),
                };
                var before = policy.Decide(indicator, viewer);
                var after = policy.Decide(indicator, more);
                if (before.IsAllowed)
                {
                    Assert.True(after.IsAllowed);
                    Assert.Subset(before.Removed.ToHashSet(), after.Removed.ToHashSet());
                }
            }
        }, iter: 2000);
    }

    /// <summary>The rules of docs/sharing.md, read independently of <see cref="SharingPolicy"/>.</summary>
    private static bool Allows(MarkingCase marking, Viewer viewer, string? owner, HashSet<string> named)
    {
        if (marking.IsUnknown)
        {
            return false;
        }

        var viewerIsOwner = owner is not null && viewer.Organization == owner;
        var nodeIsOwner = owner == Node;
        var local = viewer.Kind == ViewerKind.User && viewer.Organization == Node;
        if (marking.Tlp is { } tlp)
        {
            return viewerIsOwner || tlp switch
            {
                TlpLevel.Clear => true,
                TlpLevel.Green => local || viewer.Communities.Contains(MilCerts),
                TlpLevel.Amber or TlpLevel.AmberStrict => local || (nodeIsOwner && named.Contains(viewer.Organization)),
                _ => (local && (nodeIsOwner || named.Contains(Node))) || (nodeIsOwner && named.Contains(viewer.Organization)),
            };
        }

        if (viewer.Clearance < marking.Level || (marking.Exercise is { } exercise && !viewer.Exercises.Contains(exercise)))
        {
            return false;
        }

        if (viewerIsOwner)
        {
            return true;
        }

        var inCommunity = marking.Community is null || viewer.Communities.Contains(marking.Community);
        var released = marking.Countries is null
            || (viewer.Nationality is { } n && marking.Countries.Contains(n))
            || marking.Organizations!.Contains(viewer.Organization)
            || marking.RelCommunities!.Any(viewer.Communities.Contains);
        return inCommunity && released;
    }

    private static string Register(MarkingRegistry registry, MarkingCase marking)
    {
        if (marking.IsUnknown)
        {
            return Unknown;
        }

        if (marking.Tlp is { } tlp)
        {
            return CyDefMarkings.TlpId(tlp);
        }

        var rel = marking.Countries is null ? null : Rel(marking.Countries, marking.Organizations, marking.RelCommunities);
        return Handling(registry, new HandlingMarking("", marking.Level, rel, marking.Community, marking.Exercise));
    }

    // The value a selector (§7.2.3) points at, or null.
    private static StixValue? Resolve(StixValue value, string selector)
    {
        StixValue? current = value;
        foreach (var step in selector.Split('.'))
        {
            current = step.StartsWith('[')
                ? current is { IsArray: true } && int.Parse(step[1..^1], System.Globalization.CultureInfo.InvariantCulture) is var i && i < current.Count ? current.Items[i] : null
                : current?[step];
            if (current is null)
            {
                return null;
            }
        }

        return current;
    }

    // Every property of what is given comes from the original object, with the same value (the granular markings
    // excepted: entries for removed parts are dropped).
    private static void AssertPartOf(StixValue given, StixValue original)
    {
        foreach (var (name, value) in given.Properties)
        {
            var source = original[name];
            Assert.NotNull(source);
            if (name != "granular_markings")
            {
                Assert.True(value.DeepEquals(source), $"'{name}' differs from the original");
            }
        }
    }
}
