namespace CyDef.Sharing.Signatures.Internal;

/// <summary>Content that cannot be signed or checked: the verifier reports it as malformed, the signer refuses it.</summary>
internal sealed class SignatureContentException(string message) : Exception(message);
