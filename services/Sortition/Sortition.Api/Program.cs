using Assemblee.Common.Status;
using Assemblee.Sortition.Extensions;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapServiceStatus();
app.MapSortitionApis();
app.Run();
