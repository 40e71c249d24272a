using System.Text.Json;

namespace Assemblee.Sortition.Domain;

/// <summary>Where a draw stands. Lists are imported while open; people answer once invited; then it is prepared
/// (LEXIMIN, rounded lottery, commitment published) and finally drawn.</summary>
public static class DrawStates
{
    public const string Open = "open";
    public const string Invited = "invited";
    public const string Preparing = "preparing";
    public const string Prepared = "prepared";
    public const string Infeasible = "infeasible";
    public const string Drawn = "drawn";
}

public sealed record Draw(
    Guid Id,
    string BodyId,
    DrawSpecification Specification,
    string State,
    DateTimeOffset CreatedAt,
    int Invitations,
    int Respondents,
    string? Commitment,
    JsonElement? Diagnosis);

public static class SortitionJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };
}
