namespace Assemblee.Web.Clients;

/// <summary>A line of a service's personal-data access log: who read whose data, when, why, and how many people it held.</summary>
public sealed record PersonalDataRead(DateTimeOffset ReadAt, string Actor, string Purpose, string? Scope, int People);
