using Assemblee.Common;
using Assemblee.Common.Messaging;
using Assemblee.Common.Pdf;
using Assemblee.Documents.Apis;
using Assemblee.Documents.Application;
using Assemblee.Documents.Data;
using Assemblee.Documents.Grpc;
using Assemblee.Documents.Messaging;
using Assemblee.ServiceDefaults.Authentication;
using MembershipClient = Assemblee.Contracts.Membership.V1.Membership.MembershipClient;
using SessionsClient = Assemblee.Contracts.Sessions.V1.Sessions.SessionsClient;
using SortitionClient = Assemblee.Contracts.Sortition.V1.Sortition.SortitionClient;

namespace Assemblee.Documents.Extensions;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddAssembleeService("documents", typeof(Extensions).Assembly);
        builder.AddEventBus("messaging", "documents", bus =>
        {
            bus.AddConsumer<VoteClosedConsumer>();
            bus.AddConsumer<PanelDrawnConsumer>();
            bus.AddConsumer<SubstituteDesignatedConsumer>();
        });
        // Membership says whether a caller is an active member, and of which atelier, when documents asks with its own credential.
        builder.Services.AddGrpcClient<MembershipClient>(options => options.Address = new Uri("http://_grpc.membership"))
            .WithServiceCredentials();
        // Sortition renders a draw's procès-verbal, which documents publishes; sessions says which session minutes record.
        builder.Services.AddGrpcClient<SortitionClient>(options => options.Address = new Uri("http://_grpc.sortition"))
            .WithServiceCredentials();
        builder.Services.AddGrpcClient<SessionsClient>(options => options.Address = new Uri("http://_grpc.sessions"))
            .WithServiceCredentials();
        builder.AddPdfFonts();
        builder.Services.AddSingleton<DocumentTransactions>();
        builder.Services.AddSingleton<DocumentStore>();
        builder.Services.AddSingleton<AmendmentStore>();
        builder.Services.AddSingleton<Amending>();
        builder.Services.AddSingleton<PublicationStore>();
        builder.Services.AddSingleton<DocumentPublishing>();
        builder.Services.AddSingleton<CouncilStore>();
        builder.Services.AddSingleton<AttachmentStore>();
        builder.Services.AddSingleton<CouncilFollowUp>();
        builder.Services.AddSingleton<Callers>();
        builder.Services.AddSingleton<DocumentWriting>();
        builder.Services.AddSingleton<DocumentValidation>();
        builder.Services.AddSingleton<DrawRecordPublishing>();
    }

    public static void MapDocumentsApis(this IEndpointRouteBuilder app)
    {
        app.MapDocumentsApi();
        app.MapAmendmentsApi();
        app.MapPublicationsApi();
        app.MapCouncilApi();
        app.MapAttachmentsApi();
        app.MapGrpcService<DocumentsService>();
    }
}
