using System.Runtime.CompilerServices;
using CyDef.Stix.Json;
using CyDef.Stix.Model;

namespace CyDef.Stix.Validation;

/// <summary>
/// Shared values (<see cref="StixValue.IsShared"/>) already found clean for a property, by reference (hashed by their
/// <see cref="StixValue.ShareKey"/>): a fixed number of slots, each remembering the last pair that hashed there. A miss
/// only means the value is checked.
/// </summary>
internal sealed class CleanValues
{
    private const int Slots = 1024;

    private readonly (StixValue? Value, PropertySpec? Property)[] _slots = new (StixValue?, PropertySpec?)[Slots];

    public bool Contains(StixValue value, PropertySpec property)
    {
        ref var slot = ref _slots[Index(value, property)];
        return ReferenceEquals(slot.Value, value) && ReferenceEquals(slot.Property, property);
    }

    public void Add(StixValue value, PropertySpec property) => _slots[Index(value, property)] = (value, property);

    private static int Index(StixValue value, PropertySpec property) =>
        (value.ShareKey ^ (RuntimeHelpers.GetHashCode(property) * 31)) & (Slots - 1);
}
