using System.Text.Json;
using Assemblee.Common.Data;
using Assemblee.Veille.Application;
using Assemblee.Veille.Domain;

namespace Assemblee.Veille.Workers;

/// <summary>Where the scheduled import reads the Council's agenda (Veille:Agenda): a file path or an http(s) address.</summary>
public sealed record AgendaSource(string Location, TimeSpan Interval);

/// <summary>
/// Imports the Council's agenda from its source on a schedule, as the secretariat would: a file the city's system drops, or
/// the address it publishes. A file that does not validate changes nothing and is logged by its errors' fields only.
/// </summary>
public sealed partial class AgendaImportWorker(AgendaSource source, AgendaImporting importing, IHttpClientFactory http,
    DatabaseMigrator migrator, ILogger<AgendaImportWorker> logger) : PeriodicDatabaseJob(migrator, source.Interval, logger)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        AgendaFile? file;
        try
        {
            await using var content = Uri.TryCreate(source.Location, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
                ? await http.CreateClient().GetStreamAsync(uri, cancellationToken)
                : File.OpenRead(source.Location);
            file = await JsonSerializer.DeserializeAsync<AgendaFile>(content, Json, cancellationToken);
        }
        catch (Exception e) when (e is IOException or HttpRequestException or JsonException or UnauthorizedAccessException)
        {
            LogUnreadable(source.Location, e.GetType().Name);
            return;
        }
        if (AgendaImport.Validate(file) is { Count: > 0 } errors)
        {
            LogInvalid(source.Location, string.Join(", ", errors.Keys.Take(10)));
            return;
        }
        var report = await importing.ImportAsync(file!, cancellationToken);
        if (report.Added + report.Changed > 0)
        {
            LogImported(report.Items, report.Added, report.Changed, report.Alerts);
        }
    }

    [LoggerMessage(LogLevel.Warning, "The agenda at {Location} could not be read ({Reason}); retried at the next tick.")]
    private partial void LogUnreadable(string location, string reason);

    [LoggerMessage(LogLevel.Warning, "The agenda at {Location} is not valid ({Fields}); nothing was changed.")]
    private partial void LogInvalid(string location, string fields);

    [LoggerMessage(LogLevel.Information, "Agenda imported: {Items} items, {Added} added, {Changed} changed, {Alerts} alerts.")]
    private partial void LogImported(int items, int added, int changed, int alerts);
}
