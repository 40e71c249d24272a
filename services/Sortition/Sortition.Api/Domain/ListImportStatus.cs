namespace Assemblee.Sortition.Domain;

/// <summary>
/// Where a list's last import stands, for the secretariat's progress bar, and the list in place: a refused or failed
/// attempt leaves the list imported before it (<see cref="RowsInPlace"/> rows, at <see cref="ImportedAt"/>). A refused list
/// gives its bad lines in words (<see cref="Errors"/>) and, in the same order, by rule (<see cref="RefusedLines"/>).
/// </summary>
public sealed record ListImportStatus(
    string List,
    string State,
    string? Charset = null,
    long? BytesExpected = null,
    long BytesReceived = 0,
    int RowsRead = 0,
    int RowsRefused = 0,
    int? RowsImported = null,
    IReadOnlyList<string>? Errors = null,
    int? RowsInPlace = null,
    DateTimeOffset? ImportedAt = null,
    DateTimeOffset? StartedAt = null,
    DateTimeOffset? UpdatedAt = null,
    DateTimeOffset? FinishedAt = null,
    IReadOnlyList<RefusedLine>? RefusedLines = null)
{
    public static ListImportStatus NotImported(string list) => new(list, ListImportStates.NotImported);
}

public static class ListImportStates
{
    public const string NotImported = "not-imported";
    public const string Running = "running";
    public const string Imported = "imported";
    public const string Refused = "refused";
    public const string Failed = "failed";

    /// <summary>The list went past Sortition:MaxListBytes; nothing was imported.</summary>
    public const string TooLarge = "too-large";

    /// <summary>Running but silent for this long: the process that ran it stopped (its transaction was rolled back).</summary>
    public const string Interrupted = "interrupted";

    /// <summary>A running import reports at least every second; one silent for a minute is no longer running.</summary>
    public static readonly TimeSpan Silence = TimeSpan.FromMinutes(1);

    public static string Effective(string state, DateTimeOffset updatedAt, DateTimeOffset now) =>
        state == Running && now - updatedAt > Silence ? Interrupted : state;
}
