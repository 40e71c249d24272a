using Assemblee.Common;
using Assemblee.Common.Messaging;
using Assemblee.Common.Pdf;
using Assemblee.Sessions.Apis;
using Assemblee.Sessions.Application;
using Assemblee.Sessions.Data;
using Assemblee.Sessions.Grpc;
using Assemblee.Sessions.Messaging;

namespace Assemblee.Sessions.Extensions;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddAssembleeService("sessions", typeof(Extensions).Assembly);
        builder.AddEventBus("messaging", "sessions", bus =>
        {
            bus.AddConsumer<MemberConfirmedConsumer>();
            bus.AddConsumer<MemberLeftConsumer>();
            bus.AddConsumer<MemberJoinedGroupConsumer>();
        });
        builder.Services.AddSingleton<SessionTransactions>();
        builder.Services.AddSingleton<SessionStore>();
        builder.Services.AddSingleton<AttendanceStore>();
        builder.Services.AddSingleton<VoteStore>();
        builder.Services.AddSingleton<AttendanceRegister>();
        builder.Services.AddSingleton<Quorums>();
        builder.Services.AddSingleton<Voting>();
        builder.Services.AddSingleton<CalendarFeedStore>();
        builder.Services.AddSingleton<CalendarFeeds>();
        builder.Services.AddSingleton<CompensationStore>();
        builder.Services.AddSingleton<CompensationStatements>();
        builder.AddPdfFonts();
        builder.Services.AddSingleton<ConvocationStore>();
        builder.Services.AddSingleton<PhaseStore>();
        builder.Services.AddSingleton<PhasePlanning>();
        builder.Services.AddSingleton<SessionPlanning>();
        builder.Services.AddSingleton<ConvocationAnswers>();
        builder.Services.AddSingleton<RosterUpdates>();
    }

    /// <summary>
    /// Every resource of the service: sessions and their phases, attendance, quorum, votes, calendars, compensation over REST, and
    /// the internal gRPC service.
    /// </summary>
    public static void MapSessionsApis(this IEndpointRouteBuilder app)
    {
        app.MapPhasesApi();
        app.MapSessionsApi();
        app.MapAttendanceApi();
        app.MapQuorumApi();
        app.MapVotesApi();
        app.MapCalendarsApi();
        app.MapCompensationApi();
        app.MapGrpcService<SessionsService>();
    }
}
