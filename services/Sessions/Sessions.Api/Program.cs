using Assemblee.Common.Status;
using Assemblee.Sessions.Apis;
using Assemblee.Sessions.Extensions;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapServiceStatus();
app.MapPhasesApi();
app.MapSessionsApi();
app.MapAttendanceApi();
app.MapQuorumApi();
app.MapVotesApi();
app.MapCalendarsApi();
app.Run();
