using Assemblee.Common.Data;
using Assemblee.Common.Messaging;
using Assemblee.Sortition.Data;
using Assemblee.Sortition.Domain;
using Assemblee.Sortition.Messaging;
using Assemblee.Sortition.Workers;
using MembershipClient = Assemblee.Contracts.Membership.V1.Membership.MembershipClient;

namespace Assemblee.Sortition.Extensions;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase("sortitiondb", typeof(Extensions).Assembly);
        builder.AddEventBus("messaging", "sortition", bus => bus.AddConsumer<BodyRegisteredConsumer>());
        builder.Services.AddSingleton<BodyDirectory>();
        builder.Services.AddGrpcClient<MembershipClient>(options => options.Address = new Uri("http://_grpc.membership"));
        builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.DefaultIgnoreCondition = SortitionJson.Options.DefaultIgnoreCondition);

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<DrawStore>();
        builder.Services.AddSingleton<SourceListImporter>();
        builder.Services.AddSingleton<InvitationDraw>();
        builder.Services.AddSingleton<RespondentStore>();
        builder.Services.AddSingleton<FinalDraw>();
        builder.Services.AddSingleton<PersonalDataLog>();
        builder.Services.AddSingleton<PreparationQueue>();
        builder.Services.AddHostedService<PreparationWorker>();
        builder.Services.AddHostedService<RetentionWorker>();
    }
}
