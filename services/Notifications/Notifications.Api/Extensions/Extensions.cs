using Assemblee.Common;
using Assemblee.Common.Messaging;
using Assemblee.Common.Pdf;
using Assemblee.Notifications.Apis;
using Assemblee.Notifications.Application;
using Assemblee.Notifications.Data;
using Assemblee.Notifications.Messaging;
using Assemblee.Notifications.Workers;
using Assemblee.ServiceDefaults.Authentication;
using InvitationLettersClient = Assemblee.Contracts.Sortition.V1.InvitationLetters.InvitationLettersClient;

namespace Assemblee.Notifications.Extensions;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddAssembleeService("notifications", typeof(Extensions).Assembly);
        builder.AddEventBus("messaging", "notifications", bus => bus.AddConsumer<InvitationsDrawnConsumer>());
        // Sortition gives the letters' data to notifications' own credential, and logs each read.
        builder.Services.AddGrpcClient<InvitationLettersClient>(options => options.Address = new Uri("http://_grpc.sortition"))
            .WithServiceCredentials();
        builder.AddPdfFonts();
        builder.Services.Configure<LetterOptions>(builder.Configuration.GetSection("Notifications:Letters"));
        builder.Services.AddSingleton<TemplateStore>();
        builder.Services.AddSingleton<CampaignStore>();
        builder.Services.AddSingleton<MessageStore>();
        builder.Services.AddSingleton<LetterBatchStore>();
        builder.Services.AddSingleton<Templates>();
        builder.Services.AddSingleton<CampaignOpening>();
        builder.Services.AddSingleton<InvitationLetterPreparation>();
        builder.Services.AddSingleton<LetterReading>();
        builder.Services.AddSingleton<LetterPosting>();
        builder.Services.AddHostedService<CampaignWorker>();
    }

    public static void MapNotificationsApis(this IEndpointRouteBuilder app)
    {
        app.MapCampaignsApi();
        app.MapTemplatesApi();
    }
}
