using System.Reflection;
using MassTransit;

namespace Assemblee.Contracts;

/// <summary>
/// An integration event's stable wire name, "{service}.{event}.v{version}": the message type and exchange on RabbitMQ
/// and the type stored in the outbox, so that renaming or moving a record never breaks a consumer. A change that
/// consumers cannot read is a new event with a new version.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class EventAttribute(string name) : MessageUrnAttribute(name)
{
    public string Name { get; } = name;

    /// <summary>Every event of the contracts, by wire name.</summary>
    public static IReadOnlyDictionary<string, Type> All { get; } = typeof(EventAttribute).Assembly.GetTypes()
        .Where(type => type.GetCustomAttribute<EventAttribute>() is not null)
        .ToDictionary(type => type.GetCustomAttribute<EventAttribute>()!.Name);

    public static string NameOf(Type type) => type.GetCustomAttribute<EventAttribute>()?.Name
        ?? throw new InvalidOperationException($"{type.Name} has no [Event] wire name.");
}
