using Assemblee.Notifications.Extensions;
using Assemblee.ServiceDefaults.Status;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapServiceStatus("notifications");
app.Run();
