namespace CyDef.Taxii.Tests.Replay;

/// <summary>The system clock, or a fixed instant while the seed data is loaded (so that date_added is medallion's).</summary>
internal sealed class ReplayClock : TimeProvider
{
    public DateTimeOffset? Fixed { get; set; }

    public override DateTimeOffset GetUtcNow() => Fixed ?? base.GetUtcNow();
}
