using CyDef.Stix.Json;

namespace CyDef.Stix.Validation;

/// <summary>A rule across the properties of one object, reporting what it finds to <paramref name="context"/>.</summary>
/// <param name="value">The JSON object being validated.</param>
/// <param name="context">Where findings go, with the object's JSON path.</param>
public delegate void ObjectRule(StixValue value, ValidationContext context);
