using Assemblee.Common.Status;
using Assemblee.Sortition.Apis;
using Assemblee.Sortition.Extensions;
using Assemblee.Sortition.Grpc;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapServiceStatus();
app.MapBodiesApi();
app.MapDrawsApi();
app.MapListsApi();
app.MapPublicApi();
app.MapGrpcService<SortitionService>();
app.MapGrpcService<DrawnPeopleService>();
app.Run();
