namespace CyDef.Server.Detection;

/// <summary>What a flush of the node's sightings did (<see cref="SightingSink.FlushAsync"/>).</summary>
/// <param name="Written">Sighting versions the store accepted.</param>
/// <param name="Pending">Versions the store could not take (it failed), kept for the next flush.</param>
public readonly record struct SightingFlush(int Written, int Pending)
{
    /// <summary>Whether every hit counted before the flush is now in the store.</summary>
    public bool Complete => Pending == 0;
}
