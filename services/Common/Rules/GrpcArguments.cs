using Assemblee.Common.Bodies;
using Grpc.Core;

namespace Assemblee.Common.Rules;

/// <summary>
/// The gRPC twin of request validation: a malformed field is INVALID_ARGUMENT naming the field, before anything is
/// looked up, so that a caller can tell "you sent garbage" from NOT_FOUND ("well formed, but no such thing").
/// </summary>
public static class GrpcArguments
{
    public static Guid Uuid(string value, string field) =>
        Guid.TryParse(value, out var id) ? id : throw Invalid($"{field} must be a UUID, got '{Shorten(value)}'.");

    /// <summary>An optional UUID: empty means not given.</summary>
    public static Guid? OptionalUuid(string value, string field) => value.Length == 0 ? null : Uuid(value, field);

    public static string BodyId(string value, string field = "body_id") =>
        BodyIds.IsValid(value) ? value : throw Invalid($"{field} must be a body id ({BodyIds.Rule}), got '{Shorten(value)}'.");

    /// <summary>An optional body id: empty means every body.</summary>
    public static string? OptionalBodyId(string value, string field = "body_id") => value.Length == 0 ? null : BodyId(value, field);

    public static string Text(string value, string field, int maxLength = 500) =>
        !string.IsNullOrWhiteSpace(value) && value.Length <= maxLength
            ? value.Trim()
            : throw Invalid($"{field} is required, at most {maxLength} characters.");

    /// <summary>An instant as the protos carry it: RFC 3339 in UTC, to the millisecond.</summary>
    public static string Time(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture);

    public static RpcException Invalid(string detail) => new(new global::Grpc.Core.Status(StatusCode.InvalidArgument, detail));

    /// <summary>The gRPC trailer, once per broken rule, that names a field and the rule it broke: <c>title=text</c>.</summary>
    public const string FieldRuleTrailer = "field-rule";

    /// <summary>
    /// Refuses a message the domain's validation (<see cref="ValidationErrors"/>) found wrong, naming every field in snake case as
    /// the proto does, in English in the status's detail and by rule code in <see cref="FieldRuleTrailer"/> trailers (as
    /// REST's <c>rules</c> do); passes it through when it is valid.
    /// </summary>
    public static T Valid<T>(T message, ValidationErrors errors)
    {
        if (errors.Count == 0)
        {
            return message;
        }
        var trailers = new Metadata();
        foreach (var field in errors.Keys)
        {
            foreach (var rule in errors.RulesOf(field))
            {
                trailers.Add(FieldRuleTrailer, $"{SnakeCase(field)}={rule.Code}");
            }
        }
        var detail = string.Join(" ", errors.Select(error => $"{SnakeCase(error.Key)}: {string.Join(" ", error.Value)}"));
        throw new RpcException(new global::Grpc.Core.Status(StatusCode.InvalidArgument, detail), trailers);
    }

    private static string SnakeCase(string field) =>
        string.Concat(field.Select(c => char.IsUpper(c) ? "_" + char.ToLowerInvariant(c) : c.ToString()));

    private static string Shorten(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
