using Assemblee.Common;
using Assemblee.Common.Messaging;
using Assemblee.Sessions.Apis;
using Assemblee.Sessions.Application;
using Assemblee.Sessions.Compensation;
using Assemblee.Sessions.Data;
using Assemblee.Sessions.Grpc;
using Assemblee.Sessions.Messaging;
using PdfSharp.Fonts;

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
        // PDFsharp resolves fonts through one process-wide resolver.
        GlobalFontSettings.FontResolver ??= new SystemFontResolver(
            builder.Configuration["Compensation:FontDirectory"] ?? "/usr/share/fonts/truetype/dejavu");
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
