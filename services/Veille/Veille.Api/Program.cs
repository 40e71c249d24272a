using Assemblee.Common.Status;
using Assemblee.Veille.Extensions;
using Assemblee.Veille.Grpc;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapServiceStatus();
app.MapGrpcService<VeilleService>();
app.Run();
