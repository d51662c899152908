namespace CyDef.Patterns.Internal;

/// <summary>A comparison expression and the object types it can be satisfied by (see §9.5 and AND).</summary>
internal sealed record TypedComparison(ComparisonExpression Expression, ObjectTypeSet ObjectTypes)
{
    public static TypedComparison Of(ComparisonExpression expression, ObjectPath path) => new(expression, new ObjectTypeSet(path.ObjectType));
}
