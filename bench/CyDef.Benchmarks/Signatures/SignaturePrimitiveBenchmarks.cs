using BenchmarkDotNet.Attributes;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Security;

namespace CyDef.Benchmarks.Signatures;

/// <summary>
/// The two algorithms alone (BouncyCastle, signer objects reused as CyDef reuses them), over a 1 KB message — the
/// size of a typical indicator's signed message — to tell their cost from CyDef's own (canonical JSON, commitments).
/// </summary>
[MemoryDiagnoser]
public class SignaturePrimitiveBenchmarks
{
    private readonly byte[] _message = new byte[1024];
    private readonly Ed25519Signer _edSigner = new();
    private readonly Ed25519Signer _edVerifier = new();
    private readonly MLDsaSigner _mlSigner = new(MLDsaParameters.ml_dsa_65, deterministic: false);
    private readonly MLDsaSigner _mlVerifier = new(MLDsaParameters.ml_dsa_65, deterministic: true);
    private byte[] _edSignature = [];
    private byte[] _mlSignature = [];

    [GlobalSetup]
    public void Setup()
    {
        var random = new SecureRandom();
        random.NextBytes(_message);
        var ed = new Ed25519PrivateKeyParameters(random);
        var ml = MLDsaPrivateKeyParameters.FromSeed(MLDsaParameters.ml_dsa_65, SecureRandom.GetNextBytes(random, 32));
        _edSigner.Init(true, ed);
        _edVerifier.Init(false, ed.GeneratePublicKey());
        _mlSigner.Init(true, new ParametersWithRandom(ml, random));
        _mlVerifier.Init(false, ml.GetPublicKey());
        _edSignature = Ed25519Sign();
        _mlSignature = MLDsaSign();
    }

    /// <summary>Ed25519 signature of the message.</summary>
    [Benchmark]
    public byte[] Ed25519Sign()
    {
        _edSigner.BlockUpdate(_message, 0, _message.Length);
        return _edSigner.GenerateSignature();
    }

    /// <summary>Ed25519 verification.</summary>
    [Benchmark]
    public bool Ed25519Verify()
    {
        _edVerifier.BlockUpdate(_message, 0, _message.Length);
        return _edVerifier.VerifySignature(_edSignature);
    }

    /// <summary>ML-DSA-65 signature (hedged).</summary>
    [Benchmark]
    public byte[] MLDsaSign()
    {
        _mlSigner.BlockUpdate(_message, 0, _message.Length);
        return _mlSigner.GenerateSignature();
    }

    /// <summary>ML-DSA-65 verification.</summary>
    [Benchmark]
    public bool MLDsaVerify()
    {
        _mlVerifier.BlockUpdate(_message, 0, _message.Length);
        return _mlVerifier.VerifySignature(_mlSignature);
    }
}
