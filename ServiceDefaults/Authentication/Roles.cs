namespace Assemblee.ServiceDefaults.Authentication;

/// <summary>The roles a token can carry; every role except the public's is scoped to one or more bodies.</summary>
public static class Roles
{
    /// <summary>The body's secretariat (for the Assembly: the city's citizen-engagement service).</summary>
    public const string Secretariat = "secretariat";

    /// <summary>A member of a body (for the Assembly: a resident drawn by lot).</summary>
    public const string Member = "member";

    /// <summary>The executive: mayor, deputy mayors, their staff and city departments.</summary>
    public const string Executive = "executive";

    /// <summary>The guarantors' committee.</summary>
    public const string Guarantor = "guarantor";

    /// <summary>Administers a participatory body on the platform (creates it, names its secretariat).</summary>
    public const string BodyAdmin = "body-admin";

    /// <summary>
    /// A service of the platform calling another on its own behalf (not a user's), with the credential of
    /// <see cref="ServiceCredentials"/>; the token names the service, not a body, and each method says which services it serves.
    /// </summary>
    public const string Service = "service";

    public static readonly IReadOnlyList<string> All = [Secretariat, Member, Executive, Guarantor, BodyAdmin, Service];

    /// <summary>The claim naming a body the token's roles apply to; repeated for several bodies.</summary>
    public const string BodyClaim = "body";
}
