namespace Assemblee.Contracts.Membership;

/// <summary>A participatory body was registered on the platform.</summary>
public sealed record BodyRegistered(string BodyId, string Name, string Kind, DateTimeOffset RegisteredAt);
