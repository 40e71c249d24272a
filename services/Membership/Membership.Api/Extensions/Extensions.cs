using Assemblee.Common;
using Assemblee.Common.Messaging;
using Assemblee.Membership.Apis;
using Assemblee.Membership.Application;
using Assemblee.Membership.Data;
using Assemblee.Membership.Grpc;
using Assemblee.Membership.Messaging;
using Assemblee.Membership.Workers;
using Assemblee.ServiceDefaults.Authentication;
using DrawnPeopleClient = Assemblee.Contracts.Sortition.V1.DrawnPeople.DrawnPeopleClient;
using SortitionClient = Assemblee.Contracts.Sortition.V1.Sortition.SortitionClient;

namespace Assemblee.Membership.Extensions;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddAssembleeService("membership", typeof(Extensions).Assembly);
        builder.AddEventBus("messaging", "membership", bus =>
        {
            bus.AddConsumer<PanelDrawnConsumer>();
            bus.AddConsumer<SubstituteDesignatedConsumer>();
        });
        builder.Services.AddGrpcClient<SortitionClient>(options => options.Address = new Uri("http://_grpc.sortition"));
        builder.Services.AddGrpcClient<DrawnPeopleClient>(options => options.Address = new Uri("http://_grpc.sortition"))
            .WithServiceCredentials();
        builder.Services.AddSingleton<DrawnPeopleReader>();
        builder.Services.ConfigureHttpJsonOptions(options =>
            options.SerializerOptions.DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull);

        builder.Services.AddSingleton<BodyStore>();
        builder.Services.AddSingleton<BodyRegistration>();
        builder.Services.AddSingleton<PromotionStore>();
        builder.Services.AddSingleton<MemberStore>();
        builder.Services.AddSingleton<MemberLifecycle>();
        builder.Services.AddSingleton<AtelierMembership>();
        builder.Services.AddSingleton<MemberHistory>();
        builder.Services.AddSingleton<AtelierStore>();
        builder.Services.AddSingleton<SubstituteRequests>();
        builder.Services.AddHostedService<RetentionWorker>();
        if (builder.Environment.IsDevelopment())
        {
            builder.Services.AddHostedService<DevelopmentBodies>();
        }
    }

    public static void MapMembershipApis(this IEndpointRouteBuilder app)
    {
        app.MapBodiesApi();
        app.MapPromotionsApi();
        app.MapMembersApi();
        app.MapAteliersApi();
        app.MapRosterApi();
        app.MapGrpcService<MembershipService>();
        app.MapGrpcService<MemberContactsService>();
    }
}
