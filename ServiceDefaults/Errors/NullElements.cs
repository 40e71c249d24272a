using System.Collections;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Assemblee.ServiceDefaults.Errors;

/// <summary>
/// Refuses, while a request body is read, a null inside a list or map whose items the model declares non-nullable
/// (<c>"seatGroups": [null]</c>), so that the request is a 400 naming the field instead of a null reaching the rules.
/// Written here because System.Text.Json's <c>RespectNullableAnnotations</c> checks properties but not the items of
/// collections (a generic argument's nullability exists only in the declaring member's metadata).
/// </summary>
internal static class NullElements
{
    /// <summary>A <see cref="DefaultJsonTypeInfoResolver"/> modifier: adds the check to every object type that needs it.</summary>
    public static void Refuse(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }
        var nullability = new NullabilityInfoContext();
        var checkedProperties = typeInfo.Properties
            .Where(property => property.Get is not null && HoldsNonNullableItems(property, nullability))
            .ToArray();
        if (checkedProperties.Length == 0)
        {
            return;
        }
        var onDeserialized = typeInfo.OnDeserialized;
        typeInfo.OnDeserialized = value =>
        {
            foreach (var property in checkedProperties)
            {
                IEnumerable items = property.Get!(value) switch
                {
                    IDictionary map => map.Values,
                    IEnumerable list => list,
                    _ => Array.Empty<object>(),
                };
                if (items.Cast<object?>().Contains(null))
                {
                    throw new JsonException($"'{property.Name}' holds a null item; leave it out or give a value.");
                }
            }
            onDeserialized?.Invoke(value);
        };
    }

    private static bool HoldsNonNullableItems(JsonPropertyInfo property, NullabilityInfoContext nullability)
    {
        var info = property.AttributeProvider switch
        {
            PropertyInfo member => nullability.Create(member),
            FieldInfo member => nullability.Create(member),
            _ => null,
        };
        var item = info switch
        {
            { ElementType: { } element } => element,
            { Type: var type, GenericTypeArguments: [var single] } when IsEnumerable(type) => single,
            { Type: var type, GenericTypeArguments: [_, var value] } when IsMap(type) => value,
            _ => null,
        };
        return item is { Type.IsValueType: false, ReadState: NullabilityState.NotNull };
    }

    private static bool IsEnumerable(Type type) => typeof(IEnumerable).IsAssignableFrom(type);

    private static bool IsMap(Type type) => type.GetInterfaces().Append(type).Any(contract => contract.IsGenericType
        && contract.GetGenericTypeDefinition() is var definition
        && (definition == typeof(IDictionary<,>) || definition == typeof(IReadOnlyDictionary<,>)));
}
