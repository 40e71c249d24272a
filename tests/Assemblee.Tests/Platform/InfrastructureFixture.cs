using Aspire.Hosting;

namespace Assemblee.Tests.Platform;

/// <summary>Real PostgreSQL and Redis for the platform stand-ins, started once by the hosting library itself.</summary>
public sealed class InfrastructureFixture : IAsyncLifetime
{
    public DistributedApplication App { get; private set; } = null!;

    public static DistributedApplicationOptions TestOptions => new() { RandomizePorts = true, DisableDashboard = true, EchoResourceLogs = false };

    public async Task InitializeAsync()
    {
        var builder = DistributedApplication.CreateBuilder(TestOptions);
        builder.AddPostgres("postgres").AddDatabase("platformdb");
        builder.AddRedis("cache");
        App = builder.Build();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await App.StartAsync(timeout.Token);
        await App.ResourceNotifications.WaitForResourceHealthyAsync("postgres", timeout.Token);
        await App.ResourceNotifications.WaitForResourceHealthyAsync("cache", timeout.Token);
    }

    public async Task DisposeAsync() => await App.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class InfrastructureCollection : ICollectionFixture<InfrastructureFixture>
{
    public const string Name = "infrastructure";
}
