using Assemblee.Common;
using Assemblee.Common.Bodies;
using Assemblee.Common.Messaging;
using Assemblee.ServiceDefaults.Authentication;
using Assemblee.Veille.Apis;
using Assemblee.Veille.Application;
using Assemblee.Veille.Data;
using Assemblee.Veille.Grpc;
using Assemblee.Veille.Workers;
using SessionsClient = Assemblee.Contracts.Sessions.V1.Sessions.SessionsClient;

namespace Assemblee.Veille.Extensions;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddAssembleeService("veille", typeof(Extensions).Assembly);
        builder.AddEventBus("messaging", "veille", bus => bus.AddBodyDirectoryConsumer());
        builder.AddBodyDirectory();
        // Sessions says whether a vote adopted a question and which sessions are exchanges with the executive.
        builder.Services.AddGrpcClient<SessionsClient>(options => options.Address = new Uri("http://_grpc.sessions"))
            .WithServiceCredentials();
        var veille = builder.Configuration.GetSection("Veille");
        builder.Services.AddSingleton(new AgendaKeepers(veille.GetSection("AgendaKeepers").Get<string[]>() ?? []));
        builder.Services.AddSingleton(new PublicUrl(new Uri(veille["PublicUrl"] ?? "http://localhost:5000")));
        builder.Services.AddSingleton<AgendaStore>();
        builder.Services.AddSingleton<WatchStore>();
        builder.Services.AddSingleton<QuestionStore>();
        builder.Services.AddSingleton<AgendaImporting>();
        builder.Services.AddSingleton<BodyChecks>();
        builder.Services.AddSingleton<QuestionWorkflow>();
        builder.Services.AddSingleton<QuestionReading>();
        builder.Services.AddHostedService<RetentionWorker>();
        if (veille["Agenda:Source"] is { Length: > 0 } location)
        {
            builder.Services.AddHttpClient();
            builder.Services.AddSingleton(new AgendaSource(location, veille.GetValue("Agenda:Interval", TimeSpan.FromHours(1))));
            builder.Services.AddHostedService<AgendaImportWorker>();
        }
    }

    public static void MapVeilleApis(this IEndpointRouteBuilder app)
    {
        app.MapAgendaApi();
        app.MapWatchApi();
        app.MapQuestionsApi();
        app.MapReferralsApi();
        app.MapRegisterApi();
        app.MapGrpcService<VeilleService>();
    }
}
