using Assemblee.Web.Clients;

namespace Assemblee.Web.Forms;

/// <summary>Why a form was refused: errors by field (the API's field names), and the service's words when it named no field.</summary>
public sealed record Refusal(IReadOnlyDictionary<string, string[]> Errors, string? Problem)
{
    public static readonly Refusal None = new(new Dictionary<string, string[]>(), null);

    public bool Refused => Errors.Count > 0 || Problem is not null;

    public static Refusal Of<T>(Submitted<T> submitted) where T : class =>
        submitted.Errors.Count > 0 ? new(submitted.Errors, null) : new(None.Errors, submitted.Problem ?? "");

    /// <summary>What a page shows after a step: the words saying it is done, or why the service refused it.</summary>
    public static (string? Done, Refusal Refusal) After<T>(Submitted<T> submitted, string done) where T : class =>
        submitted.Succeeded ? (done, None) : (null, Of(submitted));

    public IReadOnlyList<string> For(string field) =>
        Errors.FirstOrDefault(error => string.Equals(error.Key, field, StringComparison.OrdinalIgnoreCase)).Value ?? [];
}
