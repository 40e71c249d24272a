using System.Reflection;
using Assemblee.Common.Data;
using Assemblee.Common.PersonalData;
using Assemblee.Common.Rules;
using Assemblee.Common.Status;
using Assemblee.ServiceDefaults.Authentication;
using Grpc.AspNetCore.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Assemblee.Common;

public static class ServiceExtensions
{
    /// <summary>
    /// What every Assemblée service has, besides the service defaults: its name (routes /api/{name}, the gRPC health
    /// check answers for it too), its own database "{name}db" with the migrations embedded in
    /// <paramref name="migrationsAssembly"/>, the personal-data access log, refused rules as problem details and gRPC
    /// statuses, the credential it presents to other services, and the clock.
    /// </summary>
    public static IHostApplicationBuilder AddAssembleeService(this IHostApplicationBuilder builder, string name,
        Assembly migrationsAssembly)
    {
        builder.Services.AddSingleton(new ServiceIdentity(name));
        builder.Services.AddServiceCredentials(name);
        builder.Services.Configure<GrpcHealthChecksOptions>(options => options.Services.Map(name, _ => true));
        builder.AddServiceDatabase($"{name}db", migrationsAssembly);
        builder.Services.AddSingleton<PersonalDataLog>();
        builder.AddRuleViolations();
        builder.Services.AddSingleton(TimeProvider.System);
        return builder;
    }
}
