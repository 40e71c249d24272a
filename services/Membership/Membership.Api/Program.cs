using Assemblee.Common.Status;
using Assemblee.Membership.Apis;
using Assemblee.Membership.Extensions;
using Assemblee.Membership.Grpc;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapServiceStatus();
app.MapBodiesApi();
app.MapPromotionsApi();
app.MapMembersApi();
app.MapAteliersApi();
app.MapRosterApi();
app.MapGrpcService<MembershipService>();
app.Run();
