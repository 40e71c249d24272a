namespace Assemblee.Membership.Data;

/// <summary>A rule of membership refused the request: the HTTP status it maps to and the reason in plain words.</summary>
public sealed class MembershipRuleException(int status, string title, string detail) : Exception(detail)
{
    public int Status { get; } = status;

    public string Title { get; } = title;

    public static MembershipRuleException NotFound(string what) => new(404, "Not found", what);

    public static MembershipRuleException Conflict(string title, string detail) => new(409, title, detail);
}
