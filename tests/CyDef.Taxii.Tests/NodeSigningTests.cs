using CyDef.Server;
using CyDef.Server.Security;
using CyDef.Sharing.Signatures;
using CyDef.Stix.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace CyDef.Taxii.Tests;

/// <summary>A node has signing keys from its first start, and a signer and trust record for federation to use.</summary>
public sealed class NodeSigningTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "cydef-node-signing-" + Guid.NewGuid().ToString("N"));

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private async Task<T> WithNodeAsync<T>(Func<IServiceProvider, T> use)
    {
        await using var app = await CyDefNode.BuildAsync(
            [$"--CyDef:DataFolder={_folder}", "--CyDef:LoadDemo=false", $"--{BootstrapKey.Variable}=", "--CyDef:Sharing:Organization=identity--00000000-0000-4000-8000-00000000000a"],
            b => b.WebHost.UseTestServer());
        return use(app.Services);
    }

    [Fact]
    public async Task Build_FreshNode_GeneratesAKeyThatSignsAndVerifiesWithItsTrustRecord()
    {
        var (signer, record) = await WithNodeAsync(s => (s.GetRequiredService<ObjectSigner>(), s.GetRequiredService<TrustRecord>()));
        var value = StixJsonReader.Parse("""{"type":"x-thing","id":"x-thing--00000000-0000-4000-8000-000000000001"}""").GetValueOrThrow();

        var check = new SignatureVerifier([record]).Verify(signer.Sign(value));

        Assert.Equal(SignatureStatus.Valid, check.Status);
        Assert.Equal("identity--00000000-0000-4000-8000-00000000000a", check.Signer);
        Assert.Single(Directory.GetFiles(Path.Combine(_folder, NodeSigningKeys.FolderName), "*.key.json"));
    }

    [Fact]
    public async Task Build_Restarted_KeepsItsKey()
    {
        var first = await WithNodeAsync(s => s.GetRequiredService<NodeSigningKeys>().Current.KeyId);

        var second = await WithNodeAsync(s => s.GetRequiredService<NodeSigningKeys>().Current.KeyId);

        Assert.Equal(first, second);
    }
}
