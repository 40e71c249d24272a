using Assemblee.Common.Status;
using Assemblee.Notifications.Extensions;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapServiceStatus();
app.MapNotificationsApis();
app.Run();
