using System.Text;
using CyDef.Sharing;
using CyDef.Stix.Json;
using CyDef.Storage;
using CyDef.Storage.Sharing;
using Microsoft.AspNetCore.Http;

namespace CyDef.Taxii.Server;

/// <summary>
/// Puts the sharing policy on the TAXII routes: when the host registers one, every page, manifest, object and
/// version list is read through <see cref="PolicyView"/> for the viewer the request stands for, so a client gets
/// only what the policy allows it (and no hint of the rest: a denied object is as absent as a missing one).
/// </summary>
/// <param name="Policy">The node's sharing policy.</param>
/// <param name="ViewerOf">The viewer a request stands for.</param>
public sealed record SharingGate(SharingPolicy Policy, Func<HttpContext, Viewer> ViewerOf)
{
    /// <summary>The store as the viewer of <paramref name="http"/> may see it.</summary>
    /// <param name="store">The store.</param>
    /// <param name="http">The request.</param>
    public PolicyView View(IObjectStore store, HttpContext http) => new(store, Policy, ViewerOf(http));

    /// <summary>The store as <paramref name="user"/> may see it: the viewer a request of that user stands for (the web UI's circuits have no request).</summary>
    /// <param name="store">The store.</param>
    /// <param name="user">The signed-in user.</param>
    public PolicyView View(IObjectStore store, System.Security.Claims.ClaimsPrincipal user) => View(store, new DefaultHttpContext { User = user });

    /// <summary>A shared object as a stored version whose JSON is what the viewer may have, never what is stored.</summary>
    /// <param name="shared">The policy's answer for one version.</param>
    public static StoredObject AsStored(SharedObject shared) => shared.Outcome == SharingOutcome.Allow
        ? shared.Stored
        : shared.Stored with { Json = Encoding.UTF8.GetBytes(StixJsonWriter.ToJsonString(shared.Value)) };

    internal static ObjectPage ToPage(SharedPage page) =>
        new(page.Items.Select(AsStored).ToList(), page.More, page.Next);
}
