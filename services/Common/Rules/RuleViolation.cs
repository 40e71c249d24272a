namespace Assemblee.Common.Rules;

/// <summary>How a refused rule answers: REST status and gRPC status are derived from it, once.</summary>
public enum RuleViolationKind
{
    /// <summary>What the request names does not exist (or is not the caller's body's): 404, NOT_FOUND.</summary>
    NotFound,

    /// <summary>The request is well formed but the current state forbids it: 409, FAILED_PRECONDITION.</summary>
    Conflict,

    /// <summary>The request is well formed but cannot be carried out with what it gives: 422, FAILED_PRECONDITION.</summary>
    Unprocessable,

    /// <summary>The request was made against a version that is no longer current (If-Match): 412, ABORTED.</summary>
    Stale,

    /// <summary>The request must say which version it changes (If-Match) and did not: 428, FAILED_PRECONDITION.</summary>
    PreconditionRequired,

    /// <summary>
    /// The caller's role reaches the route, but not this case of it (a member submitting a question): 403, PERMISSION_DENIED.
    /// </summary>
    Forbidden,
}

/// <summary>
/// A rule of the domain refused the request. Domain code throws it with a code, a title and a plain-words reason; it becomes
/// RFC 9457 problem details over REST (<see cref="RuleViolationHandler"/>) and a gRPC status over gRPC
/// (<see cref="RuleViolationInterceptor"/>). The one type every service uses for refusals.
/// </summary>
/// <remarks>
/// The code (<c>atelier-full</c>, <c>already-voted</c>) names the rule for programs: it is the problem's <c>code</c> member
/// and the gRPC trailer <c>rule-code</c>, stable while the English title and detail may be reworded, so that the web
/// application and other bodies' software can say the refusal in their own language. Every refusal of a missing thing
/// is <c>not-found</c>.
/// </remarks>
public sealed class RuleViolation(
    RuleViolationKind kind, string code, string title, string detail, IReadOnlyDictionary<string, object?>? extensions = null)
    : Exception(detail)
{
    public const string NotFoundCode = "not-found";

    /// <summary>The gRPC trailer that names the refused rule, as the problem details' <c>code</c> member does over REST.</summary>
    public const string CodeTrailer = "rule-code";

    public RuleViolationKind Kind { get; } = kind;

    public string Code { get; } = code;

    public string Title { get; } = title;

    /// <summary>Details a caller acts on (e.g. every refused line of a list), added to the problem details as members.</summary>
    public IReadOnlyDictionary<string, object?> Extensions { get; } = extensions ?? new Dictionary<string, object?>();

    public static RuleViolation NotFound(string detail) => new(RuleViolationKind.NotFound, NotFoundCode, "Not found", detail);

    public static RuleViolation Conflict(string code, string title, string detail) =>
        new(RuleViolationKind.Conflict, code, title, detail);

    public static RuleViolation Unprocessable(string code, string title, string detail,
        IReadOnlyDictionary<string, object?>? extensions = null) =>
        new(RuleViolationKind.Unprocessable, code, title, detail, extensions);

    public static RuleViolation Stale(string detail, IReadOnlyDictionary<string, object?> extensions) =>
        new(RuleViolationKind.Stale, "changed-meanwhile", "Changed meanwhile", detail, extensions);

    public static RuleViolation PreconditionRequired(string detail) =>
        new(RuleViolationKind.PreconditionRequired, "version-required", "Version required", detail);

    public static RuleViolation Forbidden(string code, string title, string detail) =>
        new(RuleViolationKind.Forbidden, code, title, detail);
}
