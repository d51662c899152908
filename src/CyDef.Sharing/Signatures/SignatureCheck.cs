namespace CyDef.Sharing.Signatures;

/// <summary>What <see cref="SignatureVerifier"/> found about one object: the outcome, why, and by whom it was signed.</summary>
public sealed record SignatureCheck
{
    /// <summary>The outcome.</summary>
    public required SignatureStatus Status { get; init; }

    /// <summary>Why, in words for a log line; empty when valid.</summary>
    public string Reason { get; init; } = "";

    /// <summary>The object's id, when it has one.</summary>
    public string? ObjectId { get; init; }

    /// <summary>The signing key's id, when the extension names one.</summary>
    public string? KeyId { get; init; }

    /// <summary>The node that owns the key (its trust record's <see cref="TrustRecord.Node"/>), when the key is known.</summary>
    public string? Signer { get; init; }

    /// <summary>When the object was signed, as the signature says.</summary>
    public DateTimeOffset? SignedAt { get; init; }

    /// <summary>How many parts of the signed object were withheld from this copy (redacted by a sharing policy).</summary>
    public int Withheld { get; init; }

    /// <summary>Whether the signature is valid (a replay is valid too: the content is authentic, only not new).</summary>
    public bool IsAuthentic => Status is SignatureStatus.Valid or SignatureStatus.Replayed;

    /// <summary>
    /// Whether content with this check may be accepted from a peer: authentic, or unsigned when the peer need not sign.
    /// </summary>
    /// <param name="mustSign">Whether the peer is one that must sign what it sends.</param>
    public bool IsAcceptable(bool mustSign) => IsAuthentic || (Status == SignatureStatus.Unsigned && !mustSign);

    /// <summary>A log line: the object, the outcome, the reason and the key.</summary>
    public override string ToString() =>
        $"{ObjectId ?? "(no id)"}: {Status}{(Reason.Length > 0 ? ": " + Reason : "")}{(KeyId is null ? "" : $" (key {KeyId}{(Signer is null ? "" : " of " + Signer)})")}";
}
