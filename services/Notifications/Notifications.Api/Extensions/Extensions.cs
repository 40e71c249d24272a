using Assemblee.Common;
using Assemblee.Common.Messaging;
using Assemblee.Common.Pdf;
using Assemblee.Notifications.Apis;
using Assemblee.Notifications.Application;
using Assemblee.Notifications.Data;
using Assemblee.Notifications.Messaging;
using Assemblee.Notifications.Workers;
using Assemblee.ServiceDefaults.Authentication;
using DocumentsClient = Assemblee.Contracts.Documents.V1.Documents.DocumentsClient;
using InvitationLettersClient = Assemblee.Contracts.Sortition.V1.InvitationLetters.InvitationLettersClient;
using MemberContactsClient = Assemblee.Contracts.Membership.V1.MemberContacts.MemberContactsClient;
using MembershipClient = Assemblee.Contracts.Membership.V1.Membership.MembershipClient;
using SessionsClient = Assemblee.Contracts.Sessions.V1.Sessions.SessionsClient;
using VeilleClient = Assemblee.Contracts.Veille.V1.Veille.VeilleClient;

namespace Assemblee.Notifications.Extensions;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddAssembleeService("notifications", typeof(Extensions).Assembly);
        builder.AddEventBus("messaging", "notifications", bus =>
        {
            bus.AddConsumer<InvitationsDrawnConsumer>();
            bus.AddConsumer<SessionConvenedConsumer>();
            bus.AddConsumer<SessionChangedConsumer>();
            bus.AddConsumer<SessionCancelledConsumer>();
            bus.AddConsumer<VoteOpenedConsumer>();
            bus.AddConsumer<VoteClosedConsumer>();
            bus.AddConsumer<MemberConfirmedConsumer>();
            bus.AddConsumer<MembersDrawnConsumer>();
            bus.AddConsumer<DocumentPublishedConsumer>();
            bus.AddConsumer<AmendmentProposedConsumer>();
            bus.AddConsumer<AgendaItemChangedConsumer>();
            bus.AddConsumer<QuestionAnsweredConsumer>();
            bus.AddConsumer<ReferralAnsweredConsumer>();
            bus.AddConsumer<QuestionSubmittedConsumer>();
            bus.AddConsumer<DocumentSubmittedConsumer>();
        });
        // Sortition gives the letters' data, membership the members' contact details, to notifications' own credential, and
        // each logs the read; sessions says whom a convocation stands for and gives its calendar file; documents says whose a
        // published text is, and membership lists that promotion's active members; membership gives a body's mailbox, and veille
        // the agenda item or the question its news is about.
        builder.Services.AddGrpcClient<InvitationLettersClient>(options => options.Address = new Uri("http://_grpc.sortition"))
            .WithServiceCredentials();
        builder.Services.AddGrpcClient<MemberContactsClient>(options => options.Address = new Uri("http://_grpc.membership"))
            .WithServiceCredentials();
        builder.Services.AddGrpcClient<SessionsClient>(options => options.Address = new Uri("http://_grpc.sessions"))
            .WithServiceCredentials();
        builder.Services.AddGrpcClient<DocumentsClient>(options => options.Address = new Uri("http://_grpc.documents"))
            .WithServiceCredentials();
        builder.Services.AddGrpcClient<MembershipClient>(options => options.Address = new Uri("http://_grpc.membership"))
            .WithServiceCredentials();
        builder.Services.AddGrpcClient<VeilleClient>(options => options.Address = new Uri("http://_grpc.veille"))
            .WithServiceCredentials();
        builder.AddPdfFonts();
        builder.Services.Configure<LetterOptions>(builder.Configuration.GetSection("Notifications:Letters"));
        builder.Services.Configure<MailOptions>(builder.Configuration.GetSection("Notifications:Mail"));
        builder.Services.AddSingleton<TemplateStore>();
        builder.Services.AddSingleton<PreferenceStore>();
        builder.Services.AddSingleton<CampaignStore>();
        builder.Services.AddSingleton<MessageStore>();
        builder.Services.AddSingleton<LetterBatchStore>();
        builder.Services.AddSingleton<Templates>();
        builder.Services.AddSingleton<CampaignOpening>();
        builder.Services.AddSingleton<CampaignLedger>();
        builder.Services.AddSingleton<InvitationLetterPreparation>();
        builder.Services.AddSingleton<CampaignSubjects>();
        builder.Services.AddSingleton<MemberMessagePreparation>();
        builder.Services.AddSingleton<MailboxMessagePreparation>();
        builder.Services.AddSingleton<DeliveryOutcomes>();
        builder.Services.AddSingleton<EmailDelivery>();
        builder.Services.AddSingleton<SmsDelivery>();
        builder.Services.AddHttpClient("sms");
        builder.Services.AddSingleton<LetterReading>();
        builder.Services.AddSingleton<LetterPosting>();
        builder.Services.AddHostedService<CampaignWorker>();
        builder.Services.AddHostedService<DeliveryWorker>();
        builder.Services.AddHostedService<RetentionWorker>();
    }

    public static void MapNotificationsApis(this IEndpointRouteBuilder app)
    {
        app.MapCampaignsApi();
        app.MapTemplatesApi();
        app.MapPreferencesApi();
    }
}
