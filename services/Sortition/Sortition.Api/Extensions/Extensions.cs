using Assemblee.Common;
using Assemblee.Common.Bodies;
using Assemblee.Common.Messaging;
using Assemblee.Sortition.Apis;
using Assemblee.Sortition.Application;
using Assemblee.Sortition.Data;
using Assemblee.Sortition.Domain;
using Assemblee.Sortition.Grpc;
using Assemblee.Sortition.Workers;

namespace Assemblee.Sortition.Extensions;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddAssembleeService("sortition", typeof(Extensions).Assembly);
        builder.AddEventBus("messaging", "sortition", bus => bus.AddBodyDirectoryConsumer());
        builder.AddBodyDirectory();
        builder.Services.ConfigureHttpJsonOptions(options =>
            options.SerializerOptions.DefaultIgnoreCondition = SortitionJson.Options.DefaultIgnoreCondition);

        builder.Services.AddSingleton<DrawStore>();
        builder.Services.AddSingleton<ListImportStore>();
        builder.Services.AddSingleton<ListImport>();
        builder.Services.AddSingleton<InvitationDraw>();
        builder.Services.AddSingleton<RespondentStore>();
        builder.Services.AddSingleton<RespondentRegistration>();
        builder.Services.AddSingleton<FinalDraw>();
        builder.Services.AddSingleton<DrawnPeopleDisclosure>();
        builder.Services.AddSingleton<PreparationQueue>();
        builder.Services.AddHostedService<PreparationWorker>();
        builder.Services.AddHostedService<RetentionWorker>();
    }

    public static void MapSortitionApis(this IEndpointRouteBuilder app)
    {
        app.MapBodiesApi();
        app.MapDrawsApi();
        app.MapListsApi();
        app.MapPublicApi();
        app.MapGrpcService<SortitionService>();
        app.MapGrpcService<DrawnPeopleService>();
        app.MapGrpcService<InvitationLettersService>();
    }
}
