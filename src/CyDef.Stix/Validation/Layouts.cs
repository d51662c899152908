using CyDef.Stix.Json;
using CyDef.Stix.Model;

namespace CyDef.Stix.Validation;

/// <summary>
/// The property layout last seen for each kind of object: objects of a feed list their properties in the same
/// order, so the specification of the n-th property is most often the one found for the n-th property of the
/// previous object of that type, recognised by the (interned) name's reference. A miss (an optional property
/// absent shifts those after it) is looked for among the names this type has had, by reference, and only then
/// looked up by name. One per validator (and so per thread).
/// </summary>
internal sealed class Layouts
{
    private readonly Dictionary<ObjectSpec, Layout> _bySpec = new(ReferenceEqualityComparer.Instance);

    public Layout For(ObjectSpec spec)
    {
        if (!_bySpec.TryGetValue(spec, out var layout))
        {
            layout = new Layout();
            _bySpec[spec] = layout;
        }

        return layout;
    }

    /// <summary>Names and specifications by position.</summary>
    internal sealed class Layout
    {
        private const int MaxPositions = 64;

        private string?[] _names = new string?[8];
        private PropertySpec?[] _properties = new PropertySpec?[8];

        // The shared value last found clean at each position, for the property there (see IsClean).
        private StixValue?[] _clean = new StixValue?[8];

        // Every name of the specification found so far (up to MaxPositions), whatever its position.
        private readonly string?[] _seenNames = new string?[MaxPositions];
        private readonly PropertySpec?[] _seenProperties = new PropertySpec?[MaxPositions];
        private int _seen;

        /// <summary>The specification of <paramref name="name"/>, the property at <paramref name="position"/>.</summary>
        public PropertySpec? Find(int position, string name, ObjectSpec spec)
        {
            if (position < _names.Length && ReferenceEquals(_names[position], name))
            {
                return _properties[position];
            }

            var property = Seen(name, spec);
            if (position < MaxPositions)
            {
                if (position >= _names.Length)
                {
                    Array.Resize(ref _names, Math.Min(MaxPositions, _names.Length * 2));
                    Array.Resize(ref _properties, _names.Length);
                    Array.Resize(ref _clean, _names.Length);
                }

                _names[position] = name;
                _properties[position] = property;
                _clean[position] = null;
            }

            return property;
        }

        /// <summary>
        /// Whether <paramref name="value"/>, a shared value, was last found clean at <paramref name="position"/>, for
        /// the property <see cref="Find"/> has just given for it: a feed's objects mostly repeat the shared values of
        /// the one before (the type, the creator, the markings), and this spares looking them up.
        /// </summary>
        public bool IsClean(int position, StixValue value) => position < _clean.Length && ReferenceEquals(_clean[position], value);

        /// <summary>
        /// Notes that <paramref name="value"/> was found clean for <paramref name="property"/> at
        /// <paramref name="position"/>, if that is still the property there (see <see cref="IsClean"/>).
        /// </summary>
        public void SetClean(int position, PropertySpec property, StixValue value)
        {
            if (position < _clean.Length && ReferenceEquals(_properties[position], property))
            {
                _clean[position] = value;
            }
        }

        private PropertySpec? Seen(string name, ObjectSpec spec)
        {
            for (var i = 0; i < _seen; i++)
            {
                if (ReferenceEquals(_seenNames[i], name))
                {
                    return _seenProperties[i];
                }
            }

            // Names the specification defines are interned by the reader, so one instance recurs; a custom name
            // may be a new string in every object, and is not kept.
            if (spec.TryGetProperty(name, out var property) && _seen < MaxPositions)
            {
                _seenNames[_seen] = name;
                _seenProperties[_seen++] = property;
            }

            return property;
        }
    }
}
