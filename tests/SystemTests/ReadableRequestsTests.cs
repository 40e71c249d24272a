using Assemblee.Common.Status.V1;
using Assemblee.ServiceDefaults.Errors;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;

namespace Assemblee.SystemTests;

/// <summary>A gRPC service class that forgets the request reader stops its service when mapped, before it answers anyone.</summary>
public sealed class ReadableRequestsTests
{
    [Fact]
    public async Task A_gRPC_service_class_that_does_not_name_the_request_reader_is_refused_when_mapped()
    {
        var builder = WebApplication.CreateBuilder();
        builder.AddServiceDefaults();
        await using var app = builder.Build();

        var refused = Assert.Throws<InvalidOperationException>(() => app.MapGrpcService<StatusWithoutReader>());

        Assert.Contains($"{nameof(StatusWithoutReader)} must name the request reader", refused.Message, StringComparison.Ordinal);
        // A class that names it maps, and so does the framework's health service, which cannot name it.
        app.MapGrpcService<StatusWithReader>();
        app.MapGrpcHealthChecksService();
    }

    public sealed class StatusWithoutReader : ServiceStatus.ServiceStatusBase;

    [BindServiceMethod(typeof(ReadableRequests<ServiceStatus.ServiceStatusBase>), ReadableRequests.BindMethod)]
    public sealed class StatusWithReader : ServiceStatus.ServiceStatusBase;
}
