using Assemblee.Common.Data;
using Assemblee.Membership.Application;
using Assemblee.Membership.Domain;

namespace Assemblee.Membership.Workers;

/// <summary>
/// In Development, registers the Paris Citizens' Assembly at start (once: registering is idempotent by id), so that a
/// newcomer can run a draw straight away. Other environments register their bodies through the API.
/// </summary>
public sealed partial class DevelopmentBodies(BodyRegistration bodies, DatabaseMigrator migrator,
    ILogger<DevelopmentBodies> logger) : BackgroundService
{
    public const string ParisAssembly = "paris-citizens-assembly";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await migrator.WhenCompleted.WaitAsync(stoppingToken);
        if (await bodies.TryRegisterAsync(ParisAssembly, "Assemblée citoyenne de Paris", "citizens-assembly", BodyMailboxes.None,
            stoppingToken) is not null)
        {
            LogRegistered(ParisAssembly);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Registered the development body {BodyId}")]
    private partial void LogRegistered(string bodyId);
}
